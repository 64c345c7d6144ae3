import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parse as parseCookies } from 'cookie';
import express, { type CookieOptions, type Request, type Response, type Router } from 'express';
import { createRemoteJWKSet, type JWTPayload, jwtVerify } from 'jose';
import { issuerFor } from '../oidc/issuer.js';
import { failurePage, signedInPage } from './sample-app.views.js';

/** The demo's sample relying party: the seeded app, its secret, and where the gateway answers. */
export interface SampleAppOptions {
  publicUrl: string;
  tenantId: string;
  clientId: string;
  /** Null when the seeded secret was removed: the app then says so instead of signing in. */
  clientSecret: string | null;
  displayName: string;
}

/** Where the sample app is mounted: its homepage is `<PUBLIC_URL>/demo/`, its reply URL `/demo/callback`. */
export const SAMPLE_APP_PATH = '/demo';
export const sampleAppHomepage = (publicUrl: string) => `${publicUrl}${SAMPLE_APP_PATH}/`;
export const sampleAppReplyUrl = (publicUrl: string) => `${publicUrl}${SAMPLE_APP_PATH}/callback`;

const FLOW_COOKIE = 'demo_expenses_flow';
const SESSION_COOKIE = 'demo_expenses_session';
const FLOW_TTL_MS = 10 * 60 * 1000;
const SESSION_TTL_MS = 60 * 60 * 1000;
const EXCHANGE_TIMEOUT_MS = 10_000;

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  exp: number;
}
interface Session {
  claims: JWTPayload;
  exp: number;
}
interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

/** A failure to show the person: a title and a sentence, with the HTTP status of the page. */
class SampleAppFailure extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
  ) {
    super(detail);
  }
}

const random = (bytes = 24) => randomBytes(bytes).toString('base64url');

/**
 * A tiny OpenID relying party for the demo only (mounted by src/main.ts with `--seed-demo`): the
 * code flow with PKCE S256 against the demo tenant, the code exchanged with the seeded client's
 * secret, and the ID token verified with jose against the tenant's JWKS. Its cookies are HMAC-signed
 * with a key drawn at start, so a browser cannot forge a flow or a session (a restart signs everyone out).
 */
export function sampleApp(options: SampleAppOptions): Router {
  const issuer = issuerFor(options.publicUrl, options.tenantId);
  const replyUrl = sampleAppReplyUrl(options.publicUrl);
  const panelUrl = `${options.publicUrl}/${options.tenantId}/myapps`;
  const cookies = new SignedCookies(randomBytes(32), options.publicUrl.startsWith('https:'));
  let discovered: Promise<{ meta: Discovery; jwks: ReturnType<typeof createRemoteJWKSet> }> | null = null;
  const discovery = () => {
    discovered ??= fetchDiscovery(issuer).then((meta) => ({ meta, jwks: createRemoteJWKSet(new URL(meta.jwks_uri)) }));
    return discovered.catch((error: unknown) => {
      discovered = null;
      throw error;
    });
  };
  const view = { appName: options.displayName, panelUrl, homepage: sampleAppHomepage(options.publicUrl) };

  const router = express.Router();
  router.get('/', async (req, res) => {
    await respond(res, view, async () => {
      const session = cookies.read<Session>(req, SESSION_COOKIE);
      if (session) return void res.send(signedInPage(view, session.claims));
      if (!options.clientSecret) {
        throw new SampleAppFailure(503, 'The sample app cannot sign in', 'Its client secret was removed: delete ./data to start over.');
      }
      const { meta } = await discovery();
      const flow: Flow = { state: random(), nonce: random(), verifier: random(32), exp: Date.now() + FLOW_TTL_MS };
      const url = new URL(meta.authorization_endpoint);
      url.search = new URLSearchParams({
        client_id: options.clientId,
        response_type: 'code',
        redirect_uri: replyUrl,
        scope: 'openid profile email',
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: createHash('sha256').update(flow.verifier).digest('base64url'),
        code_challenge_method: 'S256',
      }).toString();
      cookies.write(res, FLOW_COOKIE, flow, FLOW_TTL_MS);
      res.redirect(303, url.href);
    });
  });

  router.get('/callback', async (req, res) => {
    await respond(res, view, async () => {
      const flow = cookies.read<Flow>(req, FLOW_COOKIE);
      cookies.clear(res, FLOW_COOKIE); // one use, whatever the outcome
      const { error, error_description: description, state, code } = req.query;
      if (typeof error === 'string') {
        throw new SampleAppFailure(
          400,
          'The sign-in did not finish',
          `${error}${typeof description === 'string' ? `: ${description}` : ''}`,
        );
      }
      if (!flow || typeof state !== 'string' || !sameText(state, flow.state)) {
        throw new SampleAppFailure(
          400,
          'This sign-in was not started here',
          'The answer does not match a sign-in this browser started in the last 10 minutes. Open the app again.',
        );
      }
      if (typeof code !== 'string') throw new SampleAppFailure(400, 'The sign-in did not finish', 'The answer carries no code.');
      const { meta, jwks } = await discovery();
      const idToken = await exchange(meta.token_endpoint, options, replyUrl, code, flow.verifier);
      const claims = await jwtVerify(idToken, jwks, { issuer, audience: options.clientId, algorithms: ['RS256'] }).then(
        (verified) => verified.payload,
        (cause: unknown) => {
          throw new SampleAppFailure(502, 'The ID token was refused', `It did not verify: ${String(cause)}`);
        },
      );
      if (claims.nonce !== flow.nonce) throw new SampleAppFailure(502, 'The ID token was refused', 'Its nonce is not this sign-in’s.');
      cookies.write(res, SESSION_COOKIE, { claims, exp: Date.now() + SESSION_TTL_MS }, SESSION_TTL_MS);
      res.redirect(303, view.homepage);
    });
  });
  return router;
}

/** Runs a handler; a failure (expected or not) becomes a readable page, never a bare 500. */
async function respond(res: Response, view: Parameters<typeof failurePage>[0], work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const failure =
      error instanceof SampleAppFailure ? error : new SampleAppFailure(502, 'The sample app could not reach the gateway', String(error));
    res.status(failure.status).send(failurePage(view, failure.title, failure.message));
  }
}

async function fetchDiscovery(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS) });
  if (!response.ok) throw new SampleAppFailure(502, 'The demo tenant did not answer', `Its discovery answered ${response.status}.`);
  return (await response.json()) as Discovery;
}

/** The code for tokens at the token endpoint (client_secret_basic, as the gateway registers apps); returns the ID token. */
async function exchange(endpoint: string, options: SampleAppOptions, replyUrl: string, code: string, verifier: string): Promise<string> {
  const basic = Buffer.from(`${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret ?? '')}`).toString('base64');
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: replyUrl, code_verifier: verifier }),
    signal: AbortSignal.timeout(EXCHANGE_TIMEOUT_MS),
  });
  const body = (await response.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown; error_description?: unknown };
  if (!response.ok || typeof body.id_token !== 'string') {
    const reason = typeof body.error === 'string' ? `${body.error}: ${String(body.error_description ?? '')}` : `HTTP ${response.status}`;
    throw new SampleAppFailure(502, 'The code could not be exchanged', reason);
  }
  return body.id_token;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Cookies of the sample app alone (path /demo, HttpOnly, SameSite=Lax): JSON with an expiry, HMAC-signed. */
class SignedCookies {
  constructor(
    private readonly key: Buffer,
    private readonly secure: boolean,
  ) {}

  read<T extends { exp: number }>(req: Request, name: string): T | null {
    const raw = parseCookies(req.headers.cookie ?? '')[name];
    const [body, mac] = raw?.split('.') ?? [];
    if (!body || !mac || !sameText(mac, this.mac(name, body))) return null;
    try {
      const value = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
      return typeof value.exp === 'number' && value.exp > Date.now() ? value : null;
    } catch {
      return null;
    }
  }

  write(res: Response, name: string, value: object, maxAge: number): void {
    const body = Buffer.from(JSON.stringify(value)).toString('base64url');
    res.cookie(name, `${body}.${this.mac(name, body)}`, { ...this.options(), maxAge });
  }

  clear(res: Response, name: string): void {
    res.clearCookie(name, this.options());
  }

  private options(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.secure, path: SAMPLE_APP_PATH };
  }

  private mac(name: string, body: string): string {
    return createHmac('sha256', this.key).update(`${name}=${body}`).digest('base64url');
  }
}
