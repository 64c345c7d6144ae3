import { type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import type { Config } from '../config/config.js';
import type { ApiResource } from './first-party-grant.js';
import { SIGNING_ALG } from './signing-key.service.js';

type ResourceIndicators = NonNullable<Configuration['features']>['resourceIndicators'];

/**
 * Every API the tenant's tokens can be for, the gateway's own and those apps expose, as the
 * provider's resource servers (RFC 8707): which access tokens for it a client may get, and in what
 * form (JWTs signed by the tenant, `aud` = the API's identifier; the gateway verifies its own,
 * src/oidc/api-token.verifier.ts). A client acting for a user gets only scopes an administrator
 * granted it; acting as itself, app roles granted to it (for the gateway API, its directory roles).
 */
export function apiResourceServer(
  config: Pick<Config, 'apiResource' | 'apiTokenTtlSeconds'>,
  apis: ApiResource,
  tenantId: string,
): ResourceIndicators {
  const appOnly = (ctx: KoaContextWithOIDC) => ctx.oidc.params?.grant_type === 'client_credentials';
  return {
    enabled: true,
    // Without `resource`: the API a scope names (`<identifier>/<scope>`); for client credentials, else the gateway's API.
    defaultResource: async (ctx) => {
      const scope = typeof ctx.oidc.params?.scope === 'string' ? ctx.oidc.params.scope : '';
      const named = scope ? await apis.namedByScope(tenantId, scope) : undefined;
      return (named ?? (appOnly(ctx) ? config.apiResource : undefined)) as string;
    },
    useGrantedResource: () => true,
    getResourceServerInfo: async (ctx, resource, client) => {
      const api = await apis.find(tenantId, resource);
      if (!api) throw new errors.InvalidTarget();
      const common = {
        audience: api.identifier,
        accessTokenTTL: config.apiTokenTtlSeconds,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: SIGNING_ALG } },
      } as const;
      if (appOnly(ctx)) {
        // The gateway API authorizes an app acting as itself by its directory roles.
        if (!api.application) return { ...common, scope: 'directory' };
        const roles = await apis.applicationRoles(tenantId, client.clientId, api);
        if (roles.length === 0) throw new errors.InvalidTarget('the application has not been granted an app role of this API');
        return { ...common, scope: `${api.identifier}/.default` };
      }
      const scopes = await apis.delegatedScopes(tenantId, client.clientId, api);
      if (scopes.length === 0) throw new errors.InvalidTarget('the application has not been granted access to this API');
      // Either spelling of a scope may be requested: `Files.Read` or `<identifier>/Files.Read`.
      return { ...common, scope: [...scopes, ...scopes.map((s) => `${api.identifier}/${s}`)].join(' ') };
    },
  };
}
