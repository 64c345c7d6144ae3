import type { NextFunction, Request, Response } from 'express';
import type { ProviderRegistry } from '../oidc/provider.registry.js';

/**
 * Hands `/<tenant id>/v2.0/*` to that tenant's provider. Mounted before any body parser:
 * oidc-provider reads its own request bodies.
 */
export function oidcRoute(registry: ProviderRegistry) {
  return async (req: Request<{ tenantId: string }>, res: Response, next: NextFunction) => {
    try {
      const handler = await registry.callback(req.params.tenantId);
      if (!handler) {
        res.status(404).json({ error: 'not_found', error_description: 'No such tenant' });
        return;
      }
      handler(req, res);
    } catch (error) {
      next(error);
    }
  };
}
