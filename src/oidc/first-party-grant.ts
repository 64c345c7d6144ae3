import type { Grant } from 'oidc-provider';

/**
 * Apps registered in the tenant are first-party: their grant covers what they ask for (the OIDC
 * scopes, and the gateway API when `resource` names it) without a consent screen. One place for the
 * provider's loadExistingGrant and for the consent interaction.
 */
export function grantRequested(grant: Grant, params: { scope?: unknown; resource?: unknown }, apiResource: string): Grant {
  grant.addOIDCScope(String(params.scope ?? 'openid'));
  if (params.resource === apiResource) grant.addResourceScope(apiResource, 'directory');
  return grant;
}
