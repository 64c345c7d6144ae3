import { DomainError, ErrorCode } from '../shared/errors.js';
import { type AppRoleDefinition, AppRoleMemberType, type ExposedScope } from './exposed-api.entity.js';

/** What an administrator sends to expose an app's API (replacing what it exposed before). */
export interface ExposedApiInput {
  identifierUri: string;
  scopes: ExposedScope[];
  appRoles: AppRoleDefinition[];
}

const VALUE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$/;
/** OpenID scopes the provider itself answers, and Entra's `.default`: never an API's scope. */
const RESERVED = new Set(['openid', 'email', 'profile', 'offline_access', 'address', 'phone']);
const MAX_ITEMS = 100;

function bad(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message, { field });
}

/**
 * An API's identifier: `api://<the app's client id>`, or an absolute https URL without query or
 * fragment (so `<identifier>/<scope>` names a scope unambiguously). Never the gateway's own API.
 * @throws BAD_USER_INPUT
 */
export function normalizeIdentifierUri(raw: string, appId: string, gatewayApi: string): string {
  const value = raw.trim();
  if (value === `api://${appId}`) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad('identifierUri', `identifierUri must be api://${appId} or an https URL`);
  }
  if (url.protocol !== 'https:' || url.search || url.hash || url.username || url.password || value.length > 2048) {
    throw bad('identifierUri', `identifierUri must be api://${appId} or an https URL without query, fragment or credentials`);
  }
  // Stored as given, but only in the URL's own spelling: tokens name it byte for byte as `aud`.
  if (value !== url.href && `${value}/` !== url.href) throw bad('identifierUri', `identifierUri must be written as ${url.href}`);
  if (value === gatewayApi || url.href === `${gatewayApi}/`) throw bad('identifierUri', 'identifierUri names the gateway API');
  return value;
}

/** @throws BAD_USER_INPUT */
export function normalizeScopes(scopes: readonly ExposedScope[]): ExposedScope[] {
  if (scopes.length > MAX_ITEMS) throw bad('scopes', `at most ${MAX_ITEMS} scopes`);
  const seen = new Set<string>();
  return scopes.map((scope) => {
    const value = scope.value.trim();
    if (!VALUE.test(value) || RESERVED.has(value.toLowerCase())) throw bad('scopes', `"${value}" is not a valid scope value`);
    if (seen.has(value)) throw bad('scopes', `scope "${value}" appears twice`);
    seen.add(value);
    const adminConsentDescription = scope.adminConsentDescription.trim();
    if (!adminConsentDescription || adminConsentDescription.length > 1024)
      throw bad('scopes', 'adminConsentDescription must be 1 to 1024 characters');
    return { value, adminConsentDescription, enabled: scope.enabled };
  });
}

/** @throws BAD_USER_INPUT */
export function normalizeAppRoles(roles: readonly AppRoleDefinition[]): AppRoleDefinition[] {
  if (roles.length > MAX_ITEMS) throw bad('appRoles', `at most ${MAX_ITEMS} app roles`);
  const seen = new Set<string>();
  return roles.map((role) => {
    const value = role.value.trim();
    if (!VALUE.test(value)) throw bad('appRoles', `"${value}" is not a valid app role value`);
    if (seen.has(value)) throw bad('appRoles', `app role "${value}" appears twice`);
    seen.add(value);
    const displayName = role.displayName.trim();
    if (!displayName || displayName.length > 256) throw bad('appRoles', 'displayName must be 1 to 256 characters');
    const types = [...new Set(role.allowedMemberTypes)].sort();
    if (types.length === 0 || types.some((t) => !Object.values(AppRoleMemberType).includes(t)))
      throw bad('appRoles', 'allowedMemberTypes must name User, Application or both');
    return { value, displayName, allowedMemberTypes: types, enabled: role.enabled };
  });
}

/** The enabled scope values of an API (what a grant can hold, and what tokens can carry). */
export function enabledScopes(api: { scopes: ExposedScope[] }): string[] {
  return api.scopes.filter((s) => s.enabled).map((s) => s.value);
}

/** The enabled app roles of an API that may be given to this kind of member. */
export function enabledRoles(api: { appRoles: AppRoleDefinition[] }, member: AppRoleMemberType): string[] {
  return api.appRoles.filter((r) => r.enabled && r.allowedMemberTypes.includes(member)).map((r) => r.value);
}
