import type { NextFunction, Request, Response } from 'express';
import type { ProviderRegistry } from '../oidc/provider.registry.js';

/**
 * Hands `/<tenant id>/v2.0/*` to that tenant's provider. Mounted before any body parser:
 * oidc-provider reads its own request bodies.
 *
 * The provider builds its URLs (discovery, forms) from the request's host and protocol, and reads the
 * client's address from it: it gets PUBLIC_URL's origin and the address Express decided to trust
 * (TRUST_PROXY), never a host or forwarded header a client wrote.
 */
export function oidcRoute(registry: ProviderRegistry, publicUrl: string) {
  const origin = new URL(publicUrl);
  return async (req: Request<{ tenantId: string }>, res: Response, next: NextFunction) => {
    req.headers['x-forwarded-host'] = origin.host;
    req.headers['x-forwarded-proto'] = origin.protocol.slice(0, -1);
    req.headers['x-forwarded-for'] = req.ip ?? '';
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
