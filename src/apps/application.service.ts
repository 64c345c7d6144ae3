import { holdsNul } from '../shared/nul.js';
import type { EntityManager } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { entityReader } from '../db/entity-reader.js';
import { type Actor, isActor, operatorActor } from '../directory/actor.js';
import { DirectoryRole, PrincipalKind } from '../directory/role-assignment.entity.js';
import type { RoleService } from '../directory/role.service.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { type Page, type PageArgs, paginate } from '../shared/pagination.js';
import type { SecretBox } from '../shared/secrets.js';
import { optionalHttpUrl } from '../shared/urls.js';
import { AppAssignment } from './app-assignment.entity.js';
import { Application } from './application.entity.js';
import { deleteSecretsOf, issueSecret } from './application-secret.service.js';
import { normalizeReplyUrls } from './reply-urls.js';
import { deleteApiAccessOf } from './api-access.service.js';
import { deleteExposedApiOf } from './exposed-api.service.js';
import { consoleClientId } from './console-client-id.js';
import { authorize, Permission } from '../directory/permissions.js';

export interface ApplicationInput {
  displayName: string;
  replyUrls?: string[] | null;
  homepageUrl?: string | null;
  logoUrl?: string | null;
  assignmentRequired?: boolean | null;
}

/** Writes what another module keeps about a new app (its SAML settings), in the app's transaction. */
export type AlongsideApp = (em: EntityManager, application: Application) => Promise<void>;

/** Changes another module keeps about an app (its SAML settings), in the update's transaction: the audited field names and the write. */
export interface AlongsideUpdate {
  fields: string[];
  write: AlongsideApp;
}

/** Omitted (undefined) fields stay; null clears optional URLs and is ignored for the others. */
export type ApplicationPatch = { [K in keyof ApplicationInput]?: ApplicationInput[K] | null };

export interface CreatedApplication {
  application: Application;
  /** Its first secret (no expiry), shown once; only a sealed copy is stored. */
  clientSecret: string;
}

export class ApplicationService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly secretBox: SecretBox,
    private readonly roles: RoleService,
    private readonly audit: AuditService,
  ) {}

  /** @throws FORBIDDEN, BAD_USER_INPUT, INVALID_REPLY_URL */
  async create(actor: Actor, input: ApplicationInput, saml?: AlongsideApp): Promise<CreatedApplication> {
    authorize(actor, Permission.ManageApplications);
    return this.db.transaction(async (em) => {
      const created = await this.createWithin(em, actor, input, [], newId(), saml ? 'saml' : 'oidc');
      if (saml) await saml(em, created.application);
      return created;
    });
  }

  /** For operators and seeding (no caller token yet): creates an app that may hold directory roles. */
  async createAsOperator(
    tenantId: string,
    input: ApplicationInput,
    roles: DirectoryRole[] = [],
    /** The caller's transaction (tenant:create makes the tenant and its app all or nothing). */
    em?: EntityManager,
    /** A client_id chosen by the gateway (the console's, derived from the tenant); random otherwise. */
    appId: string = newId(),
  ): Promise<CreatedApplication> {
    const work = (em: EntityManager) => this.createWithin(em, operatorActor(tenantId), input, roles, appId);
    return em ? work(em) : this.db.transaction(work);
  }

  private async createWithin(
    em: EntityManager,
    actor: Actor,
    input: ApplicationInput,
    roles: DirectoryRole[] = [],
    appId: string = newId(),
    protocol: Application['protocol'] = 'oidc',
  ): Promise<CreatedApplication> {
    const now = this.clock.now();
    const application = em.create(Application, {
      id: newId(),
      tenantId: actor.tenantId,
      appId,
      displayName: requireName(input.displayName),
      replyUrls: normalizeReplyUrls(input.replyUrls ?? []),
      homepageUrl: optionalHttpUrl(input.homepageUrl, 'homepageUrl'),
      logoUrl: optionalHttpUrl(input.logoUrl, 'logoUrl'),
      assignmentRequired: input.assignmentRequired ?? true,
      protocol,
      createdAt: now,
      updatedAt: now,
    });
    await em.insert(Application, application);
    const { secretText: clientSecret } = await issueSecret(em, this.secretBox, application, 'Client secret', null, now);
    for (const role of roles) await this.roles.grant(actor.tenantId, PrincipalKind.Application, application.id, role, em);
    await this.audit.record(
      em,
      actor,
      AuditAction.AddApplication,
      { type: 'Application', id: application.id },
      {
        displayName: application.displayName,
        ...(protocol === 'saml' ? { protocol } : {}),
      },
    );
    return { application, clientSecret };
  }

  /**
   * Applies the given fields; omitted (undefined) fields stay as they are. `alongside` writes another
   * module's settings of the app in the same transaction and audit event.
   * @throws NOT_FOUND, FORBIDDEN, INVALID_REPLY_URL
   */
  async update(actor: Actor, id: string, patch: ApplicationPatch, alongside?: AlongsideUpdate): Promise<Application> {
    authorize(actor, Permission.ManageApplications);
    return this.db.transaction(async (em) => {
      const app = await this.getInTenant(actor.tenantId, id, em);
      if (patch.displayName != null) app.displayName = requireName(patch.displayName);
      if (patch.replyUrls != null) app.replyUrls = normalizeReplyUrls(patch.replyUrls);
      if (patch.homepageUrl !== undefined) app.homepageUrl = optionalHttpUrl(patch.homepageUrl, 'homepageUrl');
      if (patch.logoUrl !== undefined) app.logoUrl = optionalHttpUrl(patch.logoUrl, 'logoUrl');
      if (patch.assignmentRequired != null) app.assignmentRequired = patch.assignmentRequired;
      app.updatedAt = this.clock.now();
      await em.save(Application, app);
      await alongside?.write(em, app);
      await this.audit.record(
        em,
        actor,
        AuditAction.UpdateApplication,
        { type: 'Application', id },
        {
          fields: [...Object.keys(patch).filter((k) => patch[k as keyof ApplicationPatch] !== undefined), ...(alongside?.fields ?? [])],
        },
      );
      return app;
    });
  }

  /** Deletes the app with its assignments and roles. @throws NOT_FOUND, FORBIDDEN, CANNOT_MODIFY_SELF */
  async delete(actor: Actor, id: string): Promise<Application> {
    authorize(actor, Permission.ManageApplications);
    if (isActor(actor, PrincipalKind.Application, id)) {
      throw new DomainError(ErrorCode.CANNOT_MODIFY_SELF, 'An application cannot delete itself');
    }
    return this.db.transaction(async (em) => {
      const app = await this.getInTenant(actor.tenantId, id, em);
      if (app.appId === consoleClientId(app.tenantId)) {
        throw new DomainError(ErrorCode.APPLICATION_PROTECTED, 'The admin console’s app cannot be deleted; revoke its API access instead');
      }
      await em.delete(AppAssignment, { applicationId: id });
      await deleteApiAccessOf(em, id);
      await deleteExposedApiOf(em, id);
      await deleteSecretsOf(em, id);
      await this.roles.revokeAll(em, actor.tenantId, PrincipalKind.Application, id);
      await em.delete(Application, { id });
      await this.audit.record(em, actor, AuditAction.DeleteApplication, { type: 'Application', id }, { displayName: app.displayName });
      return app;
    });
  }

  async list(actor: Actor, page: PageArgs): Promise<Page<Application>> {
    authorize(actor, Permission.ReadDirectory);
    const query = this.db.manager
      .getRepository(Application)
      .createQueryBuilder('a')
      .where('a.tenantId = :tenantId', { tenantId: actor.tenantId });
    return paginate(query, page);
  }

  async get(actor: Actor, id: string): Promise<Application> {
    authorize(actor, Permission.ReadDirectory);
    return this.getInTenant(actor.tenantId, id);
  }

  async getInTenant(tenantId: string, id: string, em: EntityManager = this.db.manager): Promise<Application> {
    const app = await em.findOneBy(Application, { id, tenantId });
    if (!app) throw notFound('Application', id);
    return app;
  }

  /** The application behind an OIDC client id, within one tenant only. */
  async findByAppId(tenantId: string, appId: string): Promise<Application | null> {
    // No app id holds a NUL; PostgreSQL would refuse it (a client id comes straight from a request).
    if (holdsNul(appId) || holdsNul(tenantId)) return null;
    // Every OIDC request reads its app: one statement written once (src/db/raw-read.ts).
    const apps = entityReader(this.db.dataSource, Application);
    const sql = apps.statement('byAppId', (r) => `${r.select(`"tenantId" = ${r.param(1)} AND "appId" = ${r.param(2)}`)} LIMIT 1`);
    return apps.one(sql, [tenantId, appId]);
  }

  async rolesOf(app: Application): Promise<DirectoryRole[]> {
    return this.roles.rolesOf(app.tenantId, PrincipalKind.Application, app.id);
  }
}

function requireName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 256) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'displayName must be 1 to 256 characters', { field: 'displayName' });
  }
  return trimmed;
}
