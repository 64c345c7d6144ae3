import type { ConsoleClient } from '../apps/console-app.service.js';
import { issuerFor } from '../oidc/issuer.js';
import { DomainError, ErrorCode } from '../shared/errors.js';

/** The console asks for the API on the administrator's behalf, and a refresh token to keep working. */
export const CONSOLE_SCOPE = 'openid offline_access Directory.AccessAsUser.All';
const TIMEOUT_MS = 10_000;

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  expiresIn: number;
  /** The ID token's `sub` (the user); read without a signature check, see `subjectOf`. */
  subject: string | null;
}

interface Endpoints {
  authorization_endpoint: string;
  token_endpoint: string;
  revocation_endpoint: string;
}

/**
 * The backend's OAuth client: talks to the tenant's provider over HTTP at the public URL, as any
 * relying party would, authenticating with the console app's client secret (client_secret_basic).
 */
export class ConsoleTokenClient {
  private readonly endpoints = new Map<string, Promise<Endpoints>>();

  constructor(
    private readonly publicUrl: string,
    private readonly apiResource: string,
  ) {}

  get redirectUri(): string {
    return `${this.publicUrl}/admin/callback`;
  }

  async authorizationUrl(tenantId: string, clientId: string, state: string, challenge: string): Promise<string> {
    const url = new URL((await this.discover(tenantId)).authorization_endpoint);
    const params = {
      client_id: clientId,
      response_type: 'code',
      redirect_uri: this.redirectUri,
      scope: CONSOLE_SCOPE,
      resource: this.apiResource,
      state,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    };
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    return url.href;
  }

  redeem(tenantId: string, client: ConsoleClient, code: string, verifier: string): Promise<TokenSet> {
    const grant = { grant_type: 'authorization_code', code, redirect_uri: this.redirectUri, code_verifier: verifier };
    return this.token(tenantId, client, { ...grant, resource: this.apiResource });
  }

  refresh(tenantId: string, client: ConsoleClient, refreshToken: string): Promise<TokenSet> {
    return this.token(tenantId, client, { grant_type: 'refresh_token', refresh_token: refreshToken, resource: this.apiResource });
  }

  /** Best effort: the session is gone either way. */
  async revoke(tenantId: string, client: ConsoleClient, refreshToken: string): Promise<void> {
    const { revocation_endpoint } = await this.discover(tenantId);
    await this.post(revocation_endpoint, client, { token: refreshToken, token_type_hint: 'refresh_token' }).catch(() => undefined);
  }

  private async token(tenantId: string, client: ConsoleClient, form: Record<string, string>): Promise<TokenSet> {
    const response = await this.post((await this.discover(tenantId)).token_endpoint, client, form);
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok || typeof body.access_token !== 'string') {
      const reason = typeof body.error_description === 'string' ? body.error_description : String(body.error ?? response.status);
      const code = form.grant_type === 'refresh_token' ? ErrorCode.UNAUTHENTICATED : ErrorCode.ACCESS_DENIED;
      throw new DomainError(code, `The provider refused the console's token request: ${reason}`);
    }
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : null,
      expiresIn: typeof body.expires_in === 'number' ? body.expires_in : 300,
      subject: typeof body.id_token === 'string' ? subjectOf(body.id_token) : null,
    };
  }

  private post(url: string, client: ConsoleClient, form: Record<string, string>): Promise<Response> {
    const basic = Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64');
    return fetch(url, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  }

  private discover(tenantId: string): Promise<Endpoints> {
    let found = this.endpoints.get(tenantId);
    if (!found) {
      found = fetch(`${issuerFor(this.publicUrl, tenantId)}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(TIMEOUT_MS) })
        .then(async (r) => {
          if (!r.ok) throw new DomainError(ErrorCode.NOT_FOUND, `No OpenID provider for tenant ${tenantId}`);
          return (await r.json()) as Endpoints;
        })
        .catch((error: unknown) => {
          this.endpoints.delete(tenantId);
          throw error;
        });
      this.endpoints.set(tenantId, found);
    }
    return found;
  }
}

/**
 * The ID token came straight from the token endpoint, authenticated with our client secret (OIDC
 * Core 3.1.3.7 lets the TLS channel stand in for the signature); only `sub` is read, for sign-out
 * and auditing. What the user may do is decided by the API from the access token on every call.
 */
function subjectOf(idToken: string): string | null {
  try {
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: unknown };
    return typeof claims.sub === 'string' ? claims.sub : null;
  } catch {
    return null;
  }
}
