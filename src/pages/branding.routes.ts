import { type Request, type Response, Router } from 'express';
import type { TenantService } from '../directory/tenant.service.js';
import { DomainError } from '../shared/errors.js';
import { checkQuery, pageStatus } from './errors.js';

/**
 * `/branding/<tenant id>.css`: the tenant's colour as a stylesheet, since pages allow no inline style.
 * brandColor is validated as #rrggbb when stored; an unknown tenant gets an empty stylesheet.
 */
export function brandingRoutes(deps: { tenants: TenantService }): Router {
  const router = Router();
  router.get('/branding/:file', async (req: Request, res: Response) => {
    try {
      checkQuery(req);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      res.status(pageStatus(error)).type('text/plain').send(error.message);
      return;
    }
    const tenant = await deps.tenants.find(String(req.params.file).replace(/\.css$/, ''));
    res
      .type('text/css')
      .set('cache-control', 'public, max-age=300')
      .send(tenant?.brandColor ? `:root { --brand: ${tenant.brandColor}; }\n` : '');
  });
  return router;
}
