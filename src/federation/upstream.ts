import * as oidc from 'openid-client';
import { upstreamShowsMfa } from '../policies/acr.js';
import type { Clock } from '../shared/clock.js';
import { canonicalEmail } from '../shared/email.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { isLoopbackHost } from '../shared/loopback.js';
import type { SecretBox } from '../shared/secrets.js';
import type { User } from '../directory/user.entity.js';
import type { IdentityProvider } from './identity-provider.entity.js';

/** Discovered configurations of the partners' providers, one per provider and issuer; a failed discovery is retried next time. */
export class UpstreamConfigurations {
  private readonly configs = new Map<string, Promise<oidc.Configuration>>();

  constructor(
    private readonly secretBox: SecretBox,
    private readonly allowInsecureIssuers: boolean,
  ) {}

  for(provider: IdentityProvider): Promise<oidc.Configuration> {
    const key = `${provider.id}:${provider.issuer}`;
    let config = this.configs.get(key);
    if (!config) {
      config = oidc
        .discovery(
          new URL(provider.issuer),
          provider.clientId,
          undefined,
          oidc.ClientSecretBasic(this.secretBox.open(provider.clientSecretSealed)),
          {
            ...(this.allowInsecureIssuers ? { execute: [oidc.allowInsecureRequests] } : {}),
          },
        )
        .catch((error: Error) => {
          this.configs.delete(key);
          throw federationFailed(`Discovery of ${provider.issuer} failed: ${error.message}`);
        });
      this.configs.set(key, config);
    }
    return config;
  }
}

/** The widths of `identity_provider.issuer` and `.clientId` (also `directory_user.upstreamIssuer`). */
export const MAX_ISSUER_LENGTH = 512;
export const MAX_CLIENT_ID_LENGTH = 255;
/** OpenID Connect Core 2: a `sub` is at most 255 ASCII characters (`directory_user.upstreamSubject`). */
const MAX_SUBJECT_LENGTH = 255;
const MAX_EMAIL_LENGTH = 254;
const hasControl = (value: string) => [...value].some((c) => c < ' ' || c === '\u007f');

/**
 * An issuer must be https; plain http only on loopback and only when the deployment allows it (tests,
 * development); at most 512 characters, checked before discovery so a longer one is the caller's
 * error on every database, never a server error at the insert. @throws BAD_USER_INPUT
 */
export function checkIssuer(allowInsecureIssuers: boolean, raw: string): string {
  const url = URL.parse(raw.trim());
  const loopback = url && isLoopbackHost(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback && allowInsecureIssuers))) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'issuer must be an https URL', { field: 'issuer' });
  }
  if (raw.trim().length > MAX_ISSUER_LENGTH)
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `issuer must be at most ${MAX_ISSUER_LENGTH} characters`, { field: 'issuer' });
  return raw.trim();
}

/** The client id the gateway has at a partner's provider: 1 to 255 characters, no control characters. @throws BAD_USER_INPUT */
export function checkClientId(raw: string): string {
  if (!raw || raw.length > MAX_CLIENT_ID_LENGTH || hasControl(raw))
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `clientId must be 1 to ${MAX_CLIENT_ID_LENGTH} characters, on one line`, {
      field: 'clientId',
    });
  return raw;
}

/**
 * The address a partner's provider asserts, in the stored spelling, when it fits where the gateway
 * keeps addresses (254 characters, the longest address SMTP carries and `normalizeEmail` takes); else
 * null, which the callback answers as an address not confirmed.
 */
export function upstreamEmail(claim: unknown): string | null {
  const email = typeof claim === 'string' ? canonicalEmail(claim) : '';
  return email && email.length <= MAX_EMAIL_LENGTH ? email : null;
}

/**
 * The subject a partner's provider asserts, as the member's `upstreamSubject`: OpenID Connect caps it
 * at 255 characters, so a longer (or missing) one is the provider's fault, a FEDERATION_FAILED page,
 * never a server error at the insert. @throws FEDERATION_FAILED
 */
export function upstreamSubject(sub: unknown): string {
  if (typeof sub !== 'string' || !sub || sub.length > MAX_SUBJECT_LENGTH)
    throw federationFailed(
      `Your organization's provider sent a subject identifier that is missing or longer than ${MAX_SUBJECT_LENGTH} characters`,
    );
  return sub;
}

/** A name claim of the upstream ID token or userinfo, as the gateway stores it (null when absent or blank). */
export function personName(claim: unknown): string | null {
  return typeof claim === 'string' && claim.trim() ? claim.trim().slice(0, 64) : null;
}

export function federationFailed(message: string): DomainError {
  return new DomainError(ErrorCode.FEDERATION_FAILED, message);
}

/**
 * When the partner signed the person in (its ID token's `auth_time`), on our clock (`now`): the
 * partner's single sign-on of an hour ago is a sign-in of an hour ago for the sign-in frequency, not
 * of now. The age is read on the wall clock the partner stamps with; none given, the sign-in is now.
 */
export function partnerSignInTime(authTime: unknown, now: Date): Date {
  if (typeof authTime !== 'number' || !Number.isFinite(authTime)) return now;
  const ageMs = Math.max(0, Date.now() - authTime * 1000);
  return new Date(now.getTime() - ageMs);
}

/** A completed partner sign-in: the linked member, whether the partner said MFA, when it signed the person in. */
export interface FederatedSignIn {
  member: User;
  upstreamMfa: boolean;
  authenticatedAt: Date;
}

/** A sign-in at an upstream provider in progress, kept (sealed) in the browser session. */
export interface PendingFederation {
  providerId: string;
  state: string;
  nonce: string;
  verifier: string;
  purpose: 'redeem' | 'interaction' | 'panel';
  /** Where the browser goes back after the callback (interaction URL, access panel). */
  returnTo: string | null;
  /** For an interaction: its uid, so the login does not ask again. */
  uid: string | null;
  /** A sign-in asked again (start's `reauthenticate`): the partner's must be fresh too. */
  reauthenticate?: boolean;
}

/** What the gateway reads of a partner's ID token, or of its userinfo. */
export interface UpstreamClaims {
  sub: string;
  email?: unknown;
  email_verified?: unknown;
  name?: unknown;
  given_name?: unknown;
  family_name?: unknown;
}

/** What a partner's provider answered at the callback. */
export interface UpstreamAnswer {
  claims: UpstreamClaims;
  /** Whether its ID token shows MFA (`amr` / `acr`). */
  upstreamMfa: boolean;
  /** When the partner signed the person in, on our clock. */
  authenticatedAt: Date;
}

/**
 * Where to send the browser to sign in at the partner's provider: code flow with PKCE, state and
 * nonce, all of them kept in `pending`.
 */
export async function authorizationUrl(
  config: oidc.Configuration,
  redirectUri: string,
  pending: PendingFederation,
  loginHint: string | null,
): Promise<URL> {
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
    code_challenge_method: 'S256',
    ...(loginHint ? { login_hint: loginHint } : {}),
    // A sign-in the gateway asks for again (a session ended, a sign-in too old, prompt=login or max_age)
    // is asked of the partner again too: its own single sign-on must not pass for a fresh sign-in.
    ...(pending.reauthenticate ? { prompt: 'login', max_age: '0' } : {}),
  });
}

/**
 * The code exchange at the callback (ID token verified by openid-client: issuer, audience, signature,
 * nonce, state, PKCE), with the profile from userinfo when the ID token holds no email.
 * @throws whatever openid-client throws; the caller reports it as FEDERATION_FAILED
 */
export async function exchangeCode(
  config: oidc.Configuration,
  callbackUrl: URL,
  pending: PendingFederation,
  clock: Clock,
): Promise<UpstreamAnswer> {
  const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: pending.verifier,
    expectedState: pending.state,
    expectedNonce: pending.nonce,
    idTokenExpected: true,
    // Asked again: the partner's auth_time must be now (openid-client refuses it missing or older).
    ...(pending.reauthenticate ? { maxAge: 0 } : {}),
  });
  let claims: UpstreamClaims = tokens.claims()!;
  const upstreamMfa = upstreamShowsMfa(claims as { amr?: unknown; acr?: unknown });
  const authenticatedAt = partnerSignInTime((claims as { auth_time?: unknown }).auth_time, clock.now());
  // Providers that follow the spec strictly put profile claims in userinfo, not in the ID token.
  if (typeof claims.email !== 'string')
    claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, claims.sub)), sub: claims.sub };
  return { claims, upstreamMfa, authenticatedAt };
}
