import * as oidc from 'openid-client';
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

/** An issuer must be https; plain http only on loopback and only when the deployment allows it (tests, development). */
export function checkIssuer(allowInsecureIssuers: boolean, raw: string): string {
  const url = URL.parse(raw.trim());
  const loopback = url && isLoopbackHost(url.hostname);
  if (!url || !(url.protocol === 'https:' || (url.protocol === 'http:' && loopback && allowInsecureIssuers))) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'issuer must be an https URL', { field: 'issuer' });
  }
  return raw.trim();
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
