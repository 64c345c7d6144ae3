import { type EntityManager, In } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import type { Actor } from '../directory/actor.js';
import { API_SCOPES, type ApiScope, authorize, Permission } from '../directory/permissions.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { ApiAccessGrant, GATEWAY_API } from './api-access-grant.entity.js';
import type { Application } from './application.entity.js';
import type { ApplicationService } from './application.service.js';
import { AppRoleMemberType, ExposedApi } from './exposed-api.entity.js';
import { enabledRoles, enabledScopes } from './exposed-api.rules.js';

/** What an administrator grants an app on an API an application exposes. */
export interface ApiPermissions {
  /** Delegated scopes: the app acts for the users who sign in to it. */
  scopes: readonly string[];
  /** App roles (application permissions): the app acts as itself (client credentials). */
  appRoles: readonly string[];
}

/**
 * Admin consent for apps to call APIs: the gateway's own GraphQL API (delegated scopes; acting as
 * itself, an app has its directory roles) and the APIs applications expose (delegated scopes and app
 * roles). An administrator consents for the whole tenant; the provider issues tokens for an API only
 * within a grant, re-read at every token request (the gateway API re-reads its grant on every call),
 * so withdrawing a grant stops new tokens at once. One grant per app and API.
 */
export class ApiAccessService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly apps: ApplicationService,
    private readonly audit: AuditService,
  ) {}

  /** Grants (or replaces) the app's delegated scopes on the gateway API. @throws FORBIDDEN, NOT_FOUND, BAD_USER_INPUT */
  async grant(actor: Actor, applicationId: string, scopes: readonly ApiScope[]): Promise<ApiAccessGrant> {
    authorize(actor, Permission.ConsentToApiPermissions);
    const wanted = [...new Set(scopes)].sort();
    if (wanted.length === 0 || wanted.some((s) => !API_SCOPES.includes(s))) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `scopes must be one or more of: ${API_SCOPES.join(', ')}`, { field: 'scopes' });
    }
    return this.db.transaction(async (em) =>
      writeGrant(
        em,
        { clock: this.clock, audit: this.audit },
        actor,
        await this.apps.getInTenant(actor.tenantId, applicationId, em),
        wanted,
      ),
    );
  }

  /**
   * Grants (or replaces) what the app may do on the API `resourceApplicationId` exposes: scopes and
   * app roles that API defines, enabled, and app roles meant for applications.
   * @throws FORBIDDEN, NOT_FOUND (either app, or no exposed API), BAD_USER_INPUT
   */
  async grantOnApi(actor: Actor, applicationId: string, resourceApplicationId: string, wanted: ApiPermissions): Promise<ApiAccessGrant> {
    authorize(actor, Permission.ConsentToApiPermissions);
    return this.db.transaction(async (em) => {
      const app = await this.apps.getInTenant(actor.tenantId, applicationId, em);
      const resource = await this.apps.getInTenant(actor.tenantId, resourceApplicationId, em);
      const api = await em.findOneBy(ExposedApi, { applicationId: resource.id, tenantId: actor.tenantId });
      if (!api) throw notFound('ExposedApi', resource.id);
      const scopes = [...new Set(wanted.scopes)].sort();
      const appRoles = [...new Set(wanted.appRoles)].sort();
      const definedScopes = new Set(enabledScopes(api));
      const definedRoles = new Set(enabledRoles(api, AppRoleMemberType.Application));
      if (scopes.length + appRoles.length === 0) throw badInput('scopes', 'grant at least one scope or app role');
      const unknownScope = scopes.find((s) => !definedScopes.has(s));
      if (unknownScope) throw badInput('scopes', `${unknownScope} is not an enabled scope of ${api.identifierUri}`);
      const unknownRole = appRoles.find((r) => !definedRoles.has(r));
      if (unknownRole) throw badInput('appRoles', `${unknownRole} is not an enabled app role for applications of ${api.identifierUri}`);
      return writeGrant(em, { clock: this.clock, audit: this.audit }, actor, app, scopes, {
        resource: resource.id,
        identifier: api.identifierUri,
        appRoles,
      });
    });
  }

  /** Withdraws the gateway API consent; the app's user tokens stop working at the API at once. @throws FORBIDDEN, NOT_FOUND */
  async revoke(actor: Actor, applicationId: string): Promise<Application> {
    return this.revokeFor(actor, applicationId, GATEWAY_API);
  }

  /** Withdraws what the app was granted on the API `resourceApplicationId` exposes: no new tokens for it. @throws FORBIDDEN, NOT_FOUND */
  async revokeOnApi(actor: Actor, applicationId: string, resourceApplicationId: string): Promise<Application> {
    return this.revokeFor(actor, applicationId, resourceApplicationId);
  }

  private async revokeFor(actor: Actor, applicationId: string, resource: string): Promise<Application> {
    authorize(actor, Permission.ConsentToApiPermissions);
    return this.db.transaction(async (em) => {
      const app = await this.apps.getInTenant(actor.tenantId, applicationId, em);
      const existing = await em.findOneBy(ApiAccessGrant, { applicationId: app.id, resource, tenantId: actor.tenantId });
      if (!existing) throw notFound('ApiAccessGrant', `${app.id}:${resource}`);
      await em.delete(ApiAccessGrant, { id: existing.id });
      const target = { type: 'Application', id: app.id };
      const details = { resource: resource === GATEWAY_API ? 'gateway API' : resource };
      if (existing.scopes.length) await this.audit.record(em, actor, AuditAction.RemoveDelegatedPermissionGrant, target, details);
      if (existing.appRoles.length)
        await this.audit.record(em, actor, AuditAction.RemoveAppRoleAssignmentFromServicePrincipal, target, details);
      return app;
    });
  }

  /** The gateway API grant of each of the caller's tenant's apps that has one, in one query (for display). */
  async ofApplications(actor: Actor, applicationIds: readonly string[]): Promise<Map<string, ApiAccessGrant>> {
    authorize(actor, Permission.ReadDirectory);
    if (applicationIds.length === 0) return new Map();
    const grants = await this.db.manager.findBy(ApiAccessGrant, {
      applicationId: In([...applicationIds]),
      tenantId: actor.tenantId,
      resource: GATEWAY_API,
    });
    return new Map(grants.map((g) => [g.applicationId, g]));
  }

  /** Every grant an app of the caller's tenant holds on APIs applications expose, for display. */
  async grantsOf(actor: Actor, app: Application): Promise<ApiAccessGrant[]> {
    authorize(actor, Permission.ReadDirectory);
    const grants = await this.db.manager.find(ApiAccessGrant, {
      where: { applicationId: app.id, tenantId: actor.tenantId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return grants.filter((g) => g.resource !== GATEWAY_API);
  }

  /** The gateway API scopes the client (by its client_id) may use on behalf of users; empty when it has no grant. */
  async scopesForClient(tenantId: string, clientId: string): Promise<string[]> {
    return (await this.grantOf(tenantId, clientId, GATEWAY_API))?.scopes ?? [];
  }

  /** The grant the client (by client_id) holds on `resource` (GATEWAY_API or the exposing app's id). */
  async grantOf(tenantId: string, clientId: string, resource: string): Promise<ApiAccessGrant | null> {
    const app = await this.apps.findByAppId(tenantId, clientId);
    if (!app) return null;
    return this.db.manager.findOneBy(ApiAccessGrant, { applicationId: app.id, tenantId, resource });
  }
}

function badInput(field: string, message: string): DomainError {
  return new DomainError(ErrorCode.BAD_USER_INPUT, message, { field });
}

/**
 * Writes (or replaces) an app's grant on one API in the caller's transaction, audited: for the
 * methods above and for the gateway registering the admin console (ConsoleAppService), whose consent
 * is the operator's. Without `on`, the grant is for the gateway API.
 */
export async function writeGrant(
  em: EntityManager,
  { clock, audit }: { clock: Clock; audit: AuditService },
  actor: Actor,
  app: Application,
  wanted: string[],
  on: { resource: string; identifier: string; appRoles: string[] } = { resource: GATEWAY_API, identifier: 'gateway API', appRoles: [] },
): Promise<ApiAccessGrant> {
  const now = clock.now();
  const existing = await em.findOneBy(ApiAccessGrant, { applicationId: app.id, resource: on.resource });
  const previousScopes = existing ? existing.scopes.join(' ') : null;
  const previousRoles = existing ? existing.appRoles.join(' ') : null;
  const changes = { scopes: wanted, appRoles: on.appRoles, grantedByKind: actor.kind, grantedById: actor.id, updatedAt: now };
  const grant = existing
    ? Object.assign(existing, changes)
    : em.create(ApiAccessGrant, {
        id: newId(),
        tenantId: app.tenantId,
        applicationId: app.id,
        resource: on.resource,
        ...changes,
        createdAt: now,
      });
  await em.save(ApiAccessGrant, grant);
  const target = { type: 'Application', id: app.id };
  if (wanted.length || previousScopes)
    await audit.record(em, actor, AuditAction.AddDelegatedPermissionGrant, target, {
      resource: on.identifier,
      scopes: wanted.join(' '),
      previousScopes,
    });
  if (on.appRoles.length || previousRoles)
    await audit.record(em, actor, AuditAction.AddAppRoleAssignmentToServicePrincipal, target, {
      resource: on.identifier,
      appRoles: on.appRoles.join(' '),
      previousAppRoles: previousRoles,
    });
  return grant;
}

/** Deletes an app's grants inside the caller's transaction (the app is being deleted). */
export async function deleteApiAccessOf(em: EntityManager, applicationId: string): Promise<void> {
  await em.delete(ApiAccessGrant, { applicationId });
}

/** Deletes every grant for the API an app exposes, inside the caller's transaction (the API or the app goes). */
export async function deleteGrantsFor(em: EntityManager, resourceApplicationId: string): Promise<void> {
  await em.delete(ApiAccessGrant, { resource: resourceApplicationId });
}
