import * as oidc from 'openid-client';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { isLoopbackHost } from '../shared/loopback.js';
import type { SecretBox } from '../shared/secrets.js';
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
