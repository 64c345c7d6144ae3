import { type EntityManager, In } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { type Actor } from '../directory/actor.js';
import type { GroupService } from '../directory/group.service.js';
import type { UserService } from '../directory/user.service.js';
import { UserType } from '../directory/user.entity.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { GroupMember } from '../directory/group.entity.js';
import { AppAssignment, AssignmentPrincipalType } from './app-assignment.entity.js';
import { Application } from './application.entity.js';
import { AppRoleMemberType, ExposedApi } from './exposed-api.entity.js';
import { enabledRoles } from './exposed-api.rules.js';
import type { ApplicationService } from './application.service.js';
import { authorize, Permission } from '../directory/permissions.js';
import type { AccessEnds } from '../directory/ports.js';

export interface AssignmentPrincipal {
  type: AssignmentPrincipalType;
  id: string;
}

function principalTarget(principal: AssignmentPrincipal): { type: string; id: string } {
  return { type: principal.type === AssignmentPrincipalType.User ? 'User' : 'Group', id: principal.id };
}

export class AssignmentService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly apps: ApplicationService,
    private readonly users: UserService,
    private readonly groups: GroupService,
    private readonly audit: AuditService,
    private readonly accessEnds: AccessEnds,
  ) {}

  /**
   * Assigns a user or group of the caller's tenant to an app (idempotent), optionally with an app role
   * of the app's exposed API (added to the roles the assignment carries).
   * @throws NOT_FOUND, FORBIDDEN, BAD_USER_INPUT (a role the API does not define for users)
   */
  async assign(actor: Actor, applicationId: string, principal: AssignmentPrincipal, appRole?: string | null): Promise<AppAssignment> {
    authorize(actor, Permission.ManageAssignments);
    return this.db.transaction(async (em) => {
      const app = await this.apps.getInTenant(actor.tenantId, applicationId, em);
      if (appRole == null) return this.assignWithin(em, actor, app, principal);
      const api = await em.findOneBy(ExposedApi, { applicationId: app.id });
      if (!api || !enabledRoles(api, AppRoleMemberType.User).includes(appRole)) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `${appRole} is not an enabled app role for users of ${app.displayName}`, {
          field: 'appRole',
        });
      }
      return this.assignWithin(em, actor, app, principal, appRole);
    });
  }

  /** Inside the caller's transaction; checks the principal belongs to the app's tenant. */
  async assignWithin(
    em: EntityManager,
    actor: Actor,
    app: Application,
    principal: AssignmentPrincipal,
    appRole?: string,
  ): Promise<AppAssignment> {
    const existing = await em.findOneBy(AppAssignment, {
      applicationId: app.id,
      principalType: principal.type,
      principalId: principal.id,
    });
    if (existing && (!appRole || existing.appRoles.includes(appRole))) return existing;
    if (existing && appRole) {
      existing.appRoles = [...existing.appRoles, appRole].sort();
      await em.update(AppAssignment, { id: existing.id }, { appRoles: existing.appRoles });
      await this.audit.record(em, actor, AuditAction.AddAppAssignment, principalTarget(principal), {
        applicationId: app.id,
        applicationName: app.displayName,
        appRole,
      });
      return existing;
    }
    let isGuest = false;
    if (principal.type === AssignmentPrincipalType.User) {
      isGuest = (await this.users.getInTenant(app.tenantId, principal.id, em)).userType === UserType.Guest;
    } else {
      await this.groups.getInTenant(app.tenantId, principal.id, em);
    }
    const assignment = em.create(AppAssignment, {
      id: newId(),
      tenantId: app.tenantId,
      applicationId: app.id,
      principalType: principal.type,
      principalId: principal.id,
      appRoles: appRole ? [appRole] : [],
      createdAt: this.clock.now(),
    });
    await em.insert(AppAssignment, assignment);
    const action = isGuest ? AuditAction.AssignExternalUserToApplication : AuditAction.AddAppAssignment;
    await this.audit.record(
      em,
      actor,
      action,
      { type: principal.type === AssignmentPrincipalType.User ? 'User' : 'Group', id: principal.id },
      {
        applicationId: app.id,
        applicationName: app.displayName,
        ...(appRole ? { appRole } : {}),
      },
    );
    return assignment;
  }

  /** @throws NOT_FOUND (also when the principal is not assigned), FORBIDDEN */
  async unassign(actor: Actor, applicationId: string, principal: AssignmentPrincipal): Promise<Application> {
    authorize(actor, Permission.ManageAssignments);
    return this.db.transaction(async (em) => {
      const app = await this.apps.getInTenant(actor.tenantId, applicationId, em);
      const result = await em.delete(AppAssignment, { applicationId, principalType: principal.type, principalId: principal.id });
      if (!result.affected) throw notFound('AppAssignment', `${principal.type}:${principal.id}`);
      // Grants and tokens of this app end now; a user still assigned another way simply signs in again.
      const accountIds =
        principal.type === AssignmentPrincipalType.User
          ? [principal.id]
          : (await em.find(GroupMember, { where: { groupId: principal.id } })).map((m) => m.userId);
      await this.accessEnds.revokeOidcArtefacts(em, app.tenantId, accountIds, app.appId);
      await this.audit.record(
        em,
        actor,
        AuditAction.RemoveAppAssignment,
        {
          type: principal.type === AssignmentPrincipalType.User ? 'User' : 'Group',
          id: principal.id,
        },
        { applicationId },
      );
      return app;
    });
  }

  /** The assignments of each of the caller's tenant's apps, in one query (another tenant's apps have none). */
  async listForApplications(actor: Actor, applicationIds: readonly string[]): Promise<Map<string, AppAssignment[]>> {
    authorize(actor, Permission.ReadDirectory);
    const byApp = new Map(applicationIds.map((id) => [id, [] as AppAssignment[]]));
    if (applicationIds.length === 0) return byApp;
    const rows = await this.db.manager.find(AppAssignment, {
      where: { applicationId: In([...applicationIds]), tenantId: actor.tenantId },
      order: { id: 'ASC' },
    });
    for (const row of rows) byApp.get(row.applicationId)?.push(row);
    return byApp;
  }

  /**
   * The apps of the caller's tenant a user may sign in to by assignment: assigned directly or through
   * one of its groups, by name (empty for another tenant's user).
   */
  async applicationsOfUsers(actor: Actor, userIds: readonly string[]): Promise<Map<string, Application[]>> {
    authorize(actor, Permission.ReadDirectory);
    const byUser = new Map(userIds.map((id) => [id, [] as Application[]]));
    if (userIds.length === 0) return byUser;
    const em = this.db.manager;
    const memberships = await em.find(GroupMember, { where: { userId: In([...userIds]) } });
    const groupIds = [...new Set(memberships.map((m) => m.groupId))];
    const principals = [
      { principalType: AssignmentPrincipalType.User, principalId: In([...userIds]), tenantId: actor.tenantId },
      ...(groupIds.length ? [{ principalType: AssignmentPrincipalType.Group, principalId: In(groupIds), tenantId: actor.tenantId }] : []),
    ];
    const assignments = await em.find(AppAssignment, { where: principals, select: { applicationId: true, principalId: true } });
    if (assignments.length === 0) return byUser;
    const apps = await em.find(Application, {
      where: { id: In([...new Set(assignments.map((a) => a.applicationId))]), tenantId: actor.tenantId },
      order: { displayName: 'ASC', id: 'ASC' },
    });
    const appsOf = new Map<string, Set<string>>();
    for (const a of assignments) appsOf.set(a.principalId, (appsOf.get(a.principalId) ?? new Set()).add(a.applicationId));
    for (const [userId, list] of byUser) {
      const principalIds = [userId, ...memberships.filter((m) => m.userId === userId).map((m) => m.groupId)];
      list.push(...apps.filter((app) => principalIds.some((p) => appsOf.get(p)?.has(app.id))));
    }
    return byUser;
  }
}
