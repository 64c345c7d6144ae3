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

type Middleware = (req: Request, res: Response, next: (error?: unknown) => void) => void;

/** What a helmet middleware does to a response: the headers it sets, in order, and those it removes. */
export interface HeaderSet {
  set: [name: string, value: string][];
  removed: string[];
}

/**
 * The headers `middleware` writes, recorded once. Every helmet value here is a constant (no directive
 * is a function of the request), so each response gets the same ones without running helmet's chain
 * of a dozen middlewares again (every request of the provider's token endpoint passes here).
 */
export function recordHeaders(middleware: Middleware): HeaderSet {
  const headers: HeaderSet = { set: [], removed: [] };
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.set.push([name, String(value)]),
    removeHeader: (name: string) => headers.removed.push(name),
  };
  let outcome: { error?: unknown } | undefined;
  middleware({} as Request, recorder as unknown as Response, (error) => (outcome = { error }));
  if (!outcome || outcome.error !== undefined)
    throw new Error('security headers: helmet did not answer at once', { cause: outcome?.error });
  return headers;
}

/**
 * Security headers for pages (helmet). No inline script anywhere; styles come from /static.
 * form-action stays open: a sign-in form's response redirects to the partner app, and browsers
 * apply form-action to that redirect too. The OpenID provider's own HTML under `/<tenant>/v2.0`
 * (error pages, logout confirmation, form_post) gets the same policy: its one inline script
 * (form_post's auto-submit) is allowed by hash, which oidc-provider adds to script-src itself.
 * Apollo Sandbox's page loads its own scripts, so /graphql keeps its own headers.
 */
export function securityHeaders() {
  const pages = recordHeaders(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: { 'img-src': ["'self'", 'https:', 'data:'], 'form-action': null, 'script-src': ["'self'"], 'style-src': ["'self'"] },
      },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  const api = recordHeaders(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  return (req: Request, res: Response, next: NextFunction) => {
    const { set, removed } = req.path.startsWith('/graphql') ? api : pages;
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
