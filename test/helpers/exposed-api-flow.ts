import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import * as oidc from 'openid-client';
import type { PartnerApp } from './partner-flow.js';
import { WebClient } from './web-client.js';

export interface TokenOutcome {
  access?: string;
  id?: string;
  refresh?: string;
  error?: string;
}

/**
 * Signs in through `app` with the code flow in `web` (the password form when it shows; silently when
 * the browser is signed in) and redeems the code with openid-client; the tokens or the OAuth error.
 */
export async function signInFor(
  app: PartnerApp,
  options: { scope: string; resource?: string; credentials?: { email: string; password: string }; web?: WebClient },
): Promise<TokenOutcome> {
  const web = options.web ?? new WebClient();
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(app.config, {
    redirect_uri: app.replyUrl,
    scope: options.scope,
    ...(options.resource ? { resource: options.resource } : {}),
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const atReply = (u: string) => u.startsWith(app.replyUrl);
  let page = await web.follow(await web.get(url.href), atReply);
  if (!atReply(page.url) && options.credentials && /name="password"/.test(page.body)) {
    const action = /<form method="post" action="([^"]+\/login)"/.exec(page.body)![1]!;
    page = await web.follow(await web.submit(page, action, options.credentials), atReply);
  }
  if (!atReply(page.url)) return { error: `stopped at ${page.url} (${page.status})` };
  const error = new URL(page.url).searchParams.get('error');
  if (error) return { error };
  try {
    const tokens = await oidc.authorizationCodeGrant(
      app.config,
      new URL(page.url),
      { pkceCodeVerifier: verifier, expectedState: state },
      options.resource ? { resource: options.resource } : undefined,
    );
    return { access: tokens.access_token, id: tokens.id_token, refresh: tokens.refresh_token };
  } catch (e) {
    return { error: (e as { error?: string }).error ?? String(e) };
  }
}

/** A client-credentials token request by openid-client; the access token or the OAuth error. */
export async function appToken(app: PartnerApp, params: Record<string, string>): Promise<TokenOutcome> {
  try {
    const tokens = await oidc.clientCredentialsGrant(app.config, params);
    return { access: tokens.access_token };
  } catch (e) {
    return { error: (e as { error?: string }).error ?? String(e) };
  }
}

/** Verifies an access token as the API would: the tenant's published keys, its issuer, the API as audience, `at+jwt`. */
export async function verifiedClaims(app: PartnerApp, token: string, audience: string): Promise<JWTPayload> {
  const { issuer, jwks_uri } = app.config.serverMetadata();
  const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(jwks_uri!)), { issuer, audience, typ: 'at+jwt' });
  return payload;
}

export const claimsOf = (token: string) => decodeJwt(token) as Record<string, unknown>;

/** A refresh-token request by openid-client; the new access token or the OAuth error. */
export async function refreshFor(app: PartnerApp, refreshToken: string, resource: string): Promise<TokenOutcome> {
  try {
    const tokens = await oidc.refreshTokenGrant(app.config, refreshToken, { resource });
    return { access: tokens.access_token, refresh: tokens.refresh_token };
  } catch (e) {
    return { error: (e as { error?: string }).error ?? String(e) };
  }
}
