import type { Grant } from 'oidc-provider';
import type { ResourceApis } from '../apps/resource-apis.js';

/** The APIs tokens can be requested for (the gateway's and those apps expose), as the provider sees them. */
export type ApiResource = Pick<ResourceApis, 'gatewayUrl' | 'find' | 'namedByScope' | 'delegatedScopes' | 'applicationRoles'>;

/** A requested scope value without its API's prefix: `api://x/Files.Read` → `Files.Read`. */
export function shortScope(scope: string, identifier: string): string {
  return scope.startsWith(`${identifier}/`) ? scope.slice(identifier.length + 1) : scope;
}

/**
 * Apps registered in the tenant are first-party: their grant covers the OIDC scopes they ask for
 * without a consent screen. An API is different: a client gets the API scopes it asks for only
 * within what an administrator granted it (delegated permission); other clients get none. One
 * place for the provider's loadExistingGrant and for the consent interaction.
 */
export async function grantRequested(
  grant: Grant,
  params: { scope?: unknown; resource?: unknown },
  tenantId: string,
  apis: ApiResource,
): Promise<Grant> {
  const requested = String(params.scope ?? 'openid');
  grant.addOIDCScope(requested);
  const api = typeof params.resource === 'string' && grant.clientId ? await apis.find(tenantId, params.resource) : null;
  if (api && grant.clientId) {
    const granted = new Set(await apis.delegatedScopes(tenantId, grant.clientId, api));
    const scopes = requested.split(' ').filter((scope) => granted.has(shortScope(scope, api.identifier)));
    if (scopes.length) grant.addResourceScope(api.identifier, scopes.join(' '));
  }
  return grant;
}
