import type { Grant } from 'oidc-provider';

/** The gateway API as a resource server: its identifier and the delegated scopes each client holds. */
export interface ApiResource {
  readonly url: string;
  scopesFor(tenantId: string, clientId: string): Promise<string[]>;
}

/**
 * Apps registered in the tenant are first-party: their grant covers the OIDC scopes they ask for
 * without a consent screen. The gateway API is different: a client gets the API scopes it asks for
 * only within what an administrator granted it (delegated permission); other clients get none. One
 * place for the provider's loadExistingGrant and for the consent interaction.
 */
export async function grantRequested(
  grant: Grant,
  params: { scope?: unknown; resource?: unknown },
  tenantId: string,
  api: ApiResource,
): Promise<Grant> {
  const requested = String(params.scope ?? 'openid');
  grant.addOIDCScope(requested);
  if (params.resource === api.url && grant.clientId) {
    const granted = new Set(await api.scopesFor(tenantId, grant.clientId));
    const scopes = requested.split(' ').filter((scope) => granted.has(scope));
    if (scopes.length) grant.addResourceScope(api.url, scopes.join(' '));
  }
  return grant;
}
