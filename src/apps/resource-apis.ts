import type { Database } from '../db/database.js';
import { API_SCOPES } from '../directory/permissions.js';
import { GATEWAY_API } from './api-access-grant.entity.js';
import type { ApiAccessService } from './api-access.service.js';
import { Application } from './application.entity.js';
import { AppRoleMemberType, ExposedApi } from './exposed-api.entity.js';
import { enabledRoles, enabledScopes } from './exposed-api.rules.js';

/** An API tokens can be requested for: the gateway's own GraphQL API, or one an application of the tenant exposes. */
export interface ResourceApi {
  /** The identifier a token names as `aud` (the `resource` parameter; `<identifier>/<scope>` in `scope`). */
  readonly identifier: string;
  /** The exposing application; null for the gateway's API. */
  readonly application: Application | null;
  /** Its definition; null for the gateway's API. */
  readonly exposed: ExposedApi | null;
}

/**
 * The one mechanism behind every API's tokens (the provider's resource server, src/oidc/api-resource-
 * server.ts): which API an identifier names in a tenant, and what a client may get for it — the
 * scopes and app roles an administrator granted that the API still defines and enables. The gateway
 * API is one such API: its scopes are ApiScope values, and an app acting as itself there has its
 * directory roles instead of app roles.
 */
export class ResourceApis {
  constructor(
    private readonly db: Database,
    private readonly apiAccess: ApiAccessService,
    readonly gatewayUrl: string,
  ) {}

  /** The API `identifier` names in the tenant, or null (the provider answers invalid_target). */
  async find(tenantId: string, identifier: string): Promise<ResourceApi | null> {
    if (identifier === this.gatewayUrl) return { identifier, application: null, exposed: null };
    if (identifier.length > 2048) return null;
    const exposed = await this.db.manager.findOneBy(ExposedApi, { tenantId, identifierUri: identifier });
    if (!exposed) return null;
    const application = await this.db.manager.findOneBy(Application, { id: exposed.applicationId, tenantId });
    return application ? { identifier, application, exposed } : null;
  }

  /** The API a scope value names as `<identifier>/<scope>` (Entra's style), if any: the first of the request's. */
  async namedByScope(tenantId: string, scope: string): Promise<string | undefined> {
    for (const value of scope.split(' ').slice(0, 20)) {
      const slash = value.lastIndexOf('/');
      if (slash <= 0) continue;
      const identifier = value.slice(0, slash);
      if (await this.find(tenantId, identifier)) return identifier;
    }
    return undefined;
  }

  /** The delegated scopes the client (by client_id) holds on the API: granted, and still defined and enabled. */
  async delegatedScopes(tenantId: string, clientId: string, api: ResourceApi): Promise<string[]> {
    const grant = await this.apiAccess.grantOf(tenantId, clientId, api.application?.id ?? GATEWAY_API);
    const defined = new Set<string>(api.exposed ? enabledScopes(api.exposed) : API_SCOPES);
    return (grant?.scopes ?? []).filter((scope) => defined.has(scope));
  }

  /** The app roles the client holds on an exposed API: granted, still defined, enabled, for applications. */
  async applicationRoles(tenantId: string, clientId: string, api: ResourceApi): Promise<string[]> {
    if (!api.exposed || !api.application) return [];
    const grant = await this.apiAccess.grantOf(tenantId, clientId, api.application.id);
    const defined = new Set(enabledRoles(api.exposed, AppRoleMemberType.Application));
    return (grant?.appRoles ?? []).filter((role) => defined.has(role));
  }
}
