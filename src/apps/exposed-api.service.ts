import type { EntityManager } from 'typeorm';
import { In, Not } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import type { Actor } from '../directory/actor.js';
import { authorize, Permission } from '../directory/permissions.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { deleteGrantsFor } from './api-access.service.js';
import type { Application } from './application.entity.js';
import type { ApplicationService } from './application.service.js';
import { ExposedApi } from './exposed-api.entity.js';
import { type ExposedApiInput, normalizeAppRoles, normalizeIdentifierUri, normalizeScopes } from './exposed-api.rules.js';

/**
 * The APIs applications expose (Entra's "Expose an API" and "App roles"): an identifier URI unique
 * in the tenant, delegated scopes and app roles. Grants for them are ApiAccessService's; tokens for
 * them the provider's (src/oidc/api-resource-server.ts).
 */
export class ExposedApiService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly apps: ApplicationService,
    private readonly audit: AuditService,
    /** The gateway's own API identifier, which no app may claim. */
    private readonly gatewayApi: string,
  ) {}

  /** Exposes (or redefines) the app's API. @throws FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, CONFLICT */
  async expose(actor: Actor, applicationId: string, input: ExposedApiInput): Promise<ExposedApi> {
    authorize(actor, Permission.ManageApplications);
    const scopes = normalizeScopes(input.scopes);
    const appRoles = normalizeAppRoles(input.appRoles);
    return this.db.transaction(async (em) => {
      const app = await this.apps.getInTenant(actor.tenantId, applicationId, em);
      const identifierUri = normalizeIdentifierUri(input.identifierUri, app.appId, this.gatewayApi);
      const taken = await em.findOneBy(ExposedApi, { tenantId: app.tenantId, identifierUri, applicationId: Not(app.id) });
      if (taken) throw new DomainError(ErrorCode.CONFLICT, `${identifierUri} is another app's API`, { field: 'identifierUri' });
      const now = this.clock.now();
      const existing = await em.findOneBy(ExposedApi, { applicationId: app.id });
      const api = existing
        ? Object.assign(existing, { identifierUri, scopes, appRoles, updatedAt: now })
        : em.create(ExposedApi, {
            id: newId(),
            tenantId: app.tenantId,
            applicationId: app.id,
            identifierUri,
            scopes,
            appRoles,
            createdAt: now,
            updatedAt: now,
          });
      await em.save(ExposedApi, api);
      await this.audit.record(
        em,
        actor,
        AuditAction.UpdateApplication,
        { type: 'Application', id: app.id },
        {
          fields: ['identifierUris', 'oauth2PermissionScopes', 'appRoles'],
          identifierUri,
          scopes: scopes.map((s) => s.value),
          appRoles: appRoles.map((r) => r.value),
        },
      );
      return api;
    });
  }

  /** Stops exposing the app's API; every grant for it goes too, so no new token names it. @throws FORBIDDEN, NOT_FOUND */
  async remove(actor: Actor, applicationId: string): Promise<Application> {
    authorize(actor, Permission.ManageApplications);
    return this.db.transaction(async (em) => {
      const app = await this.apps.getInTenant(actor.tenantId, applicationId, em);
      if (!(await deleteExposedApiOf(em, app.id))) throw notFound('ExposedApi', app.id);
      await this.audit.record(
        em,
        actor,
        AuditAction.UpdateApplication,
        { type: 'Application', id: app.id },
        {
          fields: ['identifierUris', 'oauth2PermissionScopes', 'appRoles'],
          identifierUri: null,
        },
      );
      return app;
    });
  }

  /** The API an app of the caller's tenant exposes, for display. */
  async ofApplication(actor: Actor, app: Application): Promise<ExposedApi | null> {
    authorize(actor, Permission.ReadDirectory);
    return this.db.manager.findOneBy(ExposedApi, { applicationId: app.id, tenantId: actor.tenantId });
  }

  /** The APIs of the caller's tenant by the ids of the apps exposing them (for grants' display). */
  async byApplicationIds(tenantId: string, applicationIds: string[]): Promise<ExposedApi[]> {
    if (applicationIds.length === 0) return [];
    return this.db.manager.findBy(ExposedApi, { tenantId, applicationId: In(applicationIds) });
  }
}

/** Deletes an app's exposed API and every grant for it, in the caller's transaction; whether there was one. */
export async function deleteExposedApiOf(em: EntityManager, applicationId: string): Promise<boolean> {
  await deleteGrantsFor(em, applicationId);
  const removed = await em.delete(ExposedApi, { applicationId });
  return Boolean(removed.affected);
}
