import { type EntityManager, In } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import type { Actor } from '../directory/actor.js';
import { API_SCOPES, type ApiScope, authorize, Permission } from '../directory/permissions.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { ApiAccessGrant } from './api-access-grant.entity.js';
import type { Application } from './application.entity.js';
import type { ApplicationService } from './application.service.js';

/**
 * Delegated access to the gateway API: an administrator consents, for the whole tenant, that an app
 * may call the API on behalf of the users who sign in to it, within the granted scopes. The provider
 * issues user tokens for the API only to such apps, and the API re-reads the grant on every call, so
 * revoking it ends the app's access at once.
 */
export class ApiAccessService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly apps: ApplicationService,
    private readonly audit: AuditService,
  ) {}

  /** Grants (or replaces) the app's delegated scopes. @throws FORBIDDEN, NOT_FOUND, BAD_USER_INPUT */
  async grant(actor: Actor, applicationId: string, scopes: readonly ApiScope[]): Promise<ApiAccessGrant> {
    authorize(actor, Permission.ManageApplications);
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

  /** Withdraws the consent; the app's user tokens stop working at the API at once. @throws FORBIDDEN, NOT_FOUND */
  async revoke(actor: Actor, applicationId: string): Promise<Application> {
    authorize(actor, Permission.ManageApplications);
    return this.db.transaction(async (em) => {
      const app = await this.apps.getInTenant(actor.tenantId, applicationId, em);
      const removed = await em.delete(ApiAccessGrant, { applicationId: app.id });
      if (!removed.affected) throw notFound('ApiAccessGrant', app.id);
      await this.audit.record(
        em,
        actor,
        AuditAction.RemoveDelegatedPermissionGrant,
        { type: 'Application', id: app.id },
        { resource: 'gateway API' },
      );
      return app;
    });
  }

  /** The grant of an app of the caller's tenant, for display. */
  /** The grant of each of the caller's tenant's apps that has one, in one query. */
  async ofApplications(actor: Actor, applicationIds: readonly string[]): Promise<Map<string, ApiAccessGrant>> {
    authorize(actor, Permission.ReadDirectory);
    if (applicationIds.length === 0) return new Map();
    const grants = await this.db.manager.findBy(ApiAccessGrant, { applicationId: In([...applicationIds]), tenantId: actor.tenantId });
    return new Map(grants.map((g) => [g.applicationId, g]));
  }

  /** The scopes the client (by its client_id) may use on behalf of users; empty when it has no grant. */
  async scopesForClient(tenantId: string, clientId: string): Promise<string[]> {
    const app = await this.apps.findByAppId(tenantId, clientId);
    if (!app) return [];
    const grant = await this.db.manager.findOneBy(ApiAccessGrant, { applicationId: app.id, tenantId });
    return grant?.scopes ?? [];
  }
}

/**
 * Writes (or replaces) an app's grant in the caller's transaction, audited: for `grant` above and
 * for the gateway registering the admin console (ConsoleAppService), whose consent is the operator's.
 */
export async function writeGrant(
  em: EntityManager,
  { clock, audit }: { clock: Clock; audit: AuditService },
  actor: Actor,
  app: Application,
  wanted: string[],
): Promise<ApiAccessGrant> {
  const now = clock.now();
  const existing = await em.findOneBy(ApiAccessGrant, { applicationId: app.id });
  const previousScopes = existing ? existing.scopes.join(' ') : null;
  const grant = existing
    ? Object.assign(existing, { scopes: wanted, grantedByKind: actor.kind, grantedById: actor.id, updatedAt: now })
    : em.create(ApiAccessGrant, {
        id: newId(),
        tenantId: app.tenantId,
        applicationId: app.id,
        scopes: wanted,
        grantedByKind: actor.kind,
        grantedById: actor.id,
        createdAt: now,
        updatedAt: now,
      });
  await em.save(ApiAccessGrant, grant);
  await audit.record(
    em,
    actor,
    AuditAction.AddDelegatedPermissionGrant,
    { type: 'Application', id: app.id },
    { resource: 'gateway API', scopes: wanted.join(' '), previousScopes },
  );
  return grant;
}

/** Deletes an app's grant inside the caller's transaction (the app is being deleted). */
export async function deleteApiAccessOf(em: EntityManager, applicationId: string): Promise<void> {
  await em.delete(ApiAccessGrant, { applicationId });
}
