import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** static/ at the project root, from src/ (tsx, vitest) and from dist/src/ (tsc). */
export const STATIC_DIR = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const fromSrc = path.resolve(here, '../../static');
  return here.includes(`${path.sep}dist${path.sep}`) ? path.resolve(here, '../../../static') : fromSrc;
})();

/**
 * Security headers for pages (helmet). No inline script anywhere; styles come from /static.
 * form-action stays open: a sign-in form's response redirects to the partner app, and browsers
 * apply form-action to that redirect too. The OpenID provider's own HTML under `/<tenant>/v2.0`
 * (error pages, logout confirmation, form_post) gets the same policy: its one inline script
 * (form_post's auto-submit) is allowed by hash, which oidc-provider adds to script-src itself.
 * Apollo Sandbox's page loads its own scripts, so /graphql keeps its own headers.
 */
export function securityHeaders() {
  const pages = helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: { 'img-src': ["'self'", 'https:', 'data:'], 'form-action': null, 'script-src': ["'self'"], 'style-src': ["'self'"] },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  const api = helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  return (req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/graphql') ? api : pages)(req, res, next);
}
