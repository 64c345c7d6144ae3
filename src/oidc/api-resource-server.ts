import { type Configuration, errors } from 'oidc-provider';
import type { Config } from '../config/config.js';
import type { ApiResource } from './first-party-grant.js';
import { SIGNING_ALG } from './signing-key.service.js';

type ResourceIndicators = NonNullable<Configuration['features']>['resourceIndicators'];

/**
 * The gateway's API as the provider's one resource server (RFC 8707): which access tokens for it a
 * client may get, and in what form (JWTs the API verifies itself, src/oidc/api-token.verifier.ts).
 */
export function apiResourceServer(
  config: Pick<Config, 'apiResource' | 'apiTokenTtlSeconds'>,
  api: ApiResource,
  tenantId: string,
): ResourceIndicators {
  return {
    enabled: true,
    // A client-credentials request without `resource` is for the gateway's API.
    defaultResource: (ctx) => (ctx.oidc.params?.grant_type === 'client_credentials' ? config.apiResource : undefined) as string,
    useGrantedResource: () => true,
    getResourceServerInfo: async (ctx, resource, client) => {
      if (resource !== config.apiResource) throw new errors.InvalidTarget();
      // An app acting as itself is authorized by its directory roles; acting for a user, it needs
      // an administrator's delegated grant.
      const appOnly = ctx.oidc.params?.grant_type === 'client_credentials';
      const scopes = appOnly ? [] : await api.scopesFor(tenantId, client.clientId);
      if (!appOnly && scopes.length === 0) throw new errors.InvalidTarget('the application has not been granted access to the gateway API');
      return {
        scope: appOnly ? 'directory' : scopes.join(' '),
        audience: config.apiResource,
        accessTokenTTL: config.apiTokenTtlSeconds,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: SIGNING_ALG } },
      };
    },
  };
}
