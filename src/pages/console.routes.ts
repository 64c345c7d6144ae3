import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { parse as parseCookies } from 'cookie';
import { type CookieOptions, type NextFunction, type Request, type Response, Router } from 'express';
import type { ConsoleSessionService, OpenConsoleSession } from '../console-bff/console-session.service.js';
import type { TenantService } from '../directory/tenant.service.js';
import { type BrowserContext, clientIp } from '../http/browser.js';
import { languageFromHeader, translate } from '../i18n/index.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { pathWithin } from '../shared/urls.js';
import { consoleAssets } from './console-assets.js';
import { PREVIEW_KINDS, sendPreview } from './console-preview.js';
import { pageStatus } from './errors.js';
import { errorPage, messagePage, type ViewContext } from './views.js';

export interface ConsoleDeps {
  consoleSessions: ConsoleSessionService;
  tenants: TenantService;
  browser: BrowserContext;
  publicUrl: string;
  apiResource: string;
  /** The built console (index.html and hashed assets); absent until `npm run build`. */
  consoleDir: string;
}

/** The header the console sends with every API call and sign-out: a cross-site form or image cannot. */
export const CONSOLE_CSRF_HEADER = 'x-console-csrf';
const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
const TENANT_ID = /^[0-9a-f-]{36}$/i;

/** `dist/console` at the repository root, whether the gateway runs from src (tsx) or dist/src. */
export const CONSOLE_DIR = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = here.includes(`${path.sep}dist${path.sep}`) ? path.resolve(here, '../../..') : path.resolve(here, '../..');
  return path.join(root, 'dist', 'console');
})();

/**
 * The console's cookie: http-only (scripts never see it), SameSite=Lax (sent on the top-level
 * redirect back from a federated partner's provider, never on a cross-site POST or fetch), `__Host-`
 * over https. It holds only a random session id; the tokens stay in `console_session`.
 */
export function consoleCookie(publicUrl: string): { name: string; options: CookieOptions } {
  const secure = publicUrl.startsWith('https:');
  return {
    name: secure ? '__Host-console_session' : 'console_session',
    options: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: SESSION_TTL_MS },
  };
}

/**
 * The admin console's backend for frontend: sign-in (code + PKCE at the tenant's provider), the
 * callback, the GraphQL proxy that adds the administrator's token, sign-out, and the built files.
 * Transport only; the session and token rules live in ConsoleSessionService.
 */
export function consoleRoutes(deps: ConsoleDeps): Router {
  const router = Router();
  const cookie = consoleCookie(deps.publicUrl);
  const origin = new URL(deps.publicUrl).origin;
  const view = (req: Request, res: Response): ViewContext => ({
    language: languageFromHeader(String(req.headers['accept-language'] ?? '')),
    csrf: '',
    requestId: String(res.locals.requestId),
  });
  const current = (req: Request) => deps.consoleSessions.find(parseCookies(req.headers.cookie ?? '')[cookie.name]);
  /** The signed-in session of this tenant's console, or null (another tenant's session does not count). */
  const signedIn = async (req: Request, tenantId: string): Promise<OpenConsoleSession | null> => {
    const open = await current(req);
    return open?.session.userId && open.session.tenantId === tenantId ? open : null;
  };
  const fail = (req: Request, res: Response, error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    res
      .status(pageStatus(error))
      .type('html')
      .send(errorPage(view(req, res), error));
  };

  router.get('/admin/:tenantId/signin', async (req, res) => {
    try {
      const tenant = await knownTenant(deps.tenants, String(req.params.tenantId));
      const home = `/admin/${tenant.id}/`;
      // Only a page of this tenant's console, dot segments resolved: never an open redirect.
      const returnTo = pathWithin(req.query.returnTo, home, home);
      // The browser's previous console session (signed in, pending, another tenant's) ends with its
      // refresh token rather than living on unused behind the new cookie.
      await deps.consoleSessions.end(await current(req));
      const { value, authorizationUrl } = await deps.consoleSessions.begin(tenant.id, returnTo, clientIp(req));
      res.cookie(cookie.name, value, cookie.options).redirect(303, authorizationUrl);
    } catch (error) {
      fail(req, res, error);
    }
  });

  router.get('/admin/callback', async (req, res) => {
    try {
      const params = new URLSearchParams(req.url.slice(req.url.indexOf('?') + 1));
      const { value, returnTo } = await deps.consoleSessions.complete(await current(req), params);
      res.cookie(cookie.name, value, cookie.options);
      const open = await deps.consoleSessions.find(value);
      const roles = open ? await viewerRoles(deps.apiResource, await deps.consoleSessions.accessToken(open)) : [];
      if (roles.length > 0) return res.redirect(303, returnTo);
      // Signed in, but nothing to administer: a clear page instead of an app that fails at every call.
      await deps.consoleSessions.end(open);
      const tenant = await deps.tenants.get(open!.session.tenantId);
      const text = translate(view(req, res).language, 'console.noRole', { tenant: tenant.name });
      res
        .status(403)
        .type('html')
        .send(messagePage(view(req, res), 'console.title', text));
    } catch (error) {
      fail(req, res, error);
    }
  });

  /** CSRF: the custom header (forces a CORS preflight we never answer) and, when sent, our own origin. */
  const sameOrigin = (req: Request, res: Response, next: NextFunction) => {
    const site = req.headers['sec-fetch-site'];
    const sentOrigin = req.headers.origin;
    if (req.headers[CONSOLE_CSRF_HEADER] !== '1' || (sentOrigin && sentOrigin !== origin) || (site && site !== 'same-origin')) {
      return res
        .status(403)
        .json({ errors: [{ message: 'Cross-site request refused', extensions: { code: ErrorCode.CSRF_TOKEN_INVALID } }] });
    }
    next();
  };
  const unauthenticated = (res: Response) =>
    res.status(401).json({ errors: [{ message: 'Sign in to the console again', extensions: { code: ErrorCode.UNAUTHENTICATED } }] });

  router.post('/admin/:tenantId/graphql', sameOrigin, async (req, res) => {
    const open = await signedIn(req, String(req.params.tenantId));
    if (!open) return unauthenticated(res);
    let token: string;
    try {
      token = await deps.consoleSessions.accessToken(open);
    } catch (error) {
      if (error instanceof DomainError) return unauthenticated(res);
      throw error;
    }
    const upstream = await fetch(deps.apiResource, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': String(req.headers['content-type'] ?? 'application/json'),
        accept: String(req.headers.accept ?? 'application/json'),
        // The API's own CSRF prevention for multipart uploads: the console is not a browser form.
        'apollo-require-preflight': 'true',
      },
      body: Readable.toWeb(req) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    res.status(upstream.status).type(upstream.headers.get('content-type') ?? 'application/json');
    res.send(Buffer.from(await upstream.arrayBuffer()));
  });

  router.post('/admin/:tenantId/signout', sameOrigin, async (req, res) => {
    await deps.consoleSessions.end(await current(req));
    // Also the gateway sign-in and the provider sessions of this browser: the next visit signs in anew.
    await deps.browser.signOut(req);
    res
      .clearCookie(cookie.name, { ...cookie.options, maxAge: undefined })
      .status(204)
      .end();
  });

  router.get('/admin/:tenantId/preview/:kind', async (req, res, next) => {
    const kind = PREVIEW_KINDS.find((k) => k === req.params.kind);
    if (!kind) return next();
    const open = await signedIn(req, String(req.params.tenantId));
    if (!open) return res.status(401).type('text/plain').send('Sign in to the console again');
    const token = await deps.consoleSessions.accessToken(open).catch((error: unknown) => {
      if (error instanceof DomainError) return null;
      throw error;
    });
    if (!token) return res.status(401).type('text/plain').send('Sign in to the console again');
    await sendPreview(req, res, kind, deps.apiResource, token);
  });

  router.use('/admin/assets', consoleAssets(path.join(deps.consoleDir, 'assets')));

  router.get('/admin/:tenantId{/*rest}', async (req, res, next) => {
    const tenantId = String(req.params.tenantId);
    if (!TENANT_ID.test(tenantId)) return next();
    if (!(await signedIn(req, tenantId))) {
      return res.redirect(303, `/admin/${tenantId}/signin?returnTo=${encodeURIComponent(req.originalUrl.split('?')[0]!)}`);
    }
    const index = path.join(deps.consoleDir, 'index.html');
    if (!fs.existsSync(index)) return res.status(503).type('text').send('The console is not built: run `npm run build`.');
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });

  return router;
}

async function knownTenant(tenants: TenantService, id: string) {
  if (!TENANT_ID.test(id)) throw new DomainError(ErrorCode.NOT_FOUND, 'No such organization');
  return tenants.get(id);
}

/** The signed-in administrator's directory roles, asked of the API like any other console call. */
async function viewerRoles(api: string, token: string): Promise<string[]> {
  const response = await fetch(api, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ viewer { roles } }' }),
  });
  const body = (await response.json().catch(() => ({}))) as { data?: { viewer?: { roles?: string[] } } };
  return body.data?.viewer?.roles ?? [];
}
