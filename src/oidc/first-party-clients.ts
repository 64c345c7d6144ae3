import type Provider from 'oidc-provider';
import type { AdapterPayload } from 'oidc-provider';
import type { Application } from '../apps/application.entity.js';
import { deriveKey } from '../shared/secrets.js';

/** Checks a presented client secret against the app's live secrets (ApplicationSecretService.verify). */
export type VerifyClientSecret = (clientId: string, presented: string) => Promise<boolean>;

/**
 * The client metadata of an application. oidc-provider requires a `client_secret` for
 * client_secret_basic, but an app may hold several secrets that expire and rotate: the provider gets a
 * stand-in (derived, never handed out) and `verifyClientSecretsWith` makes it ask the directory instead.
 */
export function clientMetadata(app: Application, standIn: (appId: string) => string): AdapterPayload {
  const interactive = app.replyUrls.length > 0;
  return {
    client_id: app.appId,
    client_secret: standIn(app.appId),
    client_name: app.displayName,
    redirect_uris: app.replyUrls,
    post_logout_redirect_uris: app.replyUrls,
    grant_types: interactive ? ['authorization_code', 'refresh_token', 'client_credentials'] : ['client_credentials'],
    response_types: interactive ? ['code'] : [],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}

const STAND_INS_MAX = 1000;

/**
 * The stand-in secret of a tenant's client id (HKDF of the gateway secret, the tenant and the id,
 * derived once per id: it depends on nothing that changes while the process runs). Bounded: cleared
 * when it grows past STAND_INS_MAX.
 */
export function clientSecretStandIns(gatewaySecret: string, tenantId: string): (appId: string) => string {
  const derived = new Map<string, string>();
  return (appId) => {
    let standIn = derived.get(appId);
    if (standIn === undefined) {
      if (derived.size >= STAND_INS_MAX) derived.clear();
      standIn = deriveKey(gatewaySecret, `client-secret-stand-in:${tenantId}:${appId}`).toString('base64url');
      derived.set(appId, standIn);
    }
    return standIn;
  };
}

/**
 * Client authentication at the token, introspection and revocation endpoints compares the presented
 * secret with every live secret of the app (added, removed and expiring ones take effect at once).
 * `Client` is a class per provider instance, so this touches only this tenant's provider.
 */
export function verifyClientSecretsWith(provider: Provider, verify: VerifyClientSecret): void {
  provider.Client.prototype.compareClientSecret = function compareClientSecret(this: { clientId: string }, presented: string) {
    return verify(this.clientId, presented);
  };
}

const AUTHORIZATION_ROUTES = new Set(['authorization', 'pushed_authorization_request']);

/**
 * oidc-provider drops `offline_access` unless the request carries prompt=consent. OIDC Core 11 allows
 * other conditions to permit offline access, and the tenant's apps are first-party (no consent screen):
 * an authorization request for offline_access counts as asking for consent, which the interaction
 * routes grant without a screen. Not with prompt=none, which must not show anything.
 */
export function firstPartyOfflineAccess(provider: Provider): void {
  const prototype = provider.OIDCContext.prototype;
  const prompts = Object.getOwnPropertyDescriptor(prototype, 'prompts')!.get!;
  Object.defineProperty(prototype, 'prompts', {
    configurable: true,
    get(this: { route?: string; params?: { scope?: unknown } }) {
      const requested = prompts.call(this) as Set<string>;
      const scope = typeof this.params?.scope === 'string' ? this.params.scope.split(' ') : [];
      if (AUTHORIZATION_ROUTES.has(String(this.route)) && scope.includes('offline_access') && !requested.has('none'))
        requested.add('consent');
      return requested;
    },
  });
}
