import { type EntityManager, In } from 'typeorm';
import type { Database } from '../db/database.js';
import { entityReader } from '../db/entity-reader.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { AuditAction } from '../shared/audit-actions.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { type Actor } from './actor.js';
import { DirectoryRole, PrincipalKind, RoleAssignment } from './role-assignment.entity.js';
import { User } from './user.entity.js';
import { authorize, Permission } from './permissions.js';
import type { AppLinks, AuditTrail } from './ports.js';

/** A principal's directory roles in the caller's transaction (for modules that check who they act on). */
export async function rolesWithin(
  em: EntityManager,
  tenantId: string,
  principalKind: PrincipalKind,
  principalId: string,
): Promise<DirectoryRole[]> {
  return (await em.find(RoleAssignment, { where: { tenantId, principalKind, principalId } })).map((r) => r.role).sort();
}

export class RoleService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
    private readonly apps: AppLinks,
  ) {}

  /**
   * Gives a user or an application of the caller's tenant a directory role (idempotent).
   * GlobalAdministrators only.
   * @throws FORBIDDEN, NOT_FOUND (no such principal in this tenant)
   */
  async assign(actor: Actor, principalKind: PrincipalKind, principalId: string, role: DirectoryRole): Promise<DirectoryRole[]> {
    authorize(actor, Permission.ManageRoles);
    return this.db.transaction(async (em) => {
      await this.requirePrincipal(em, actor.tenantId, principalKind, principalId);
      await this.grant(actor.tenantId, principalKind, principalId, role, em);
      await this.audit.record(em, actor, AuditAction.AddRoleMember, { type: principalKind, id: principalId }, { role });
      return this.rolesWithin(em, actor.tenantId, principalKind, principalId);
    });
  }

  /**
   * Takes a directory role away. Nobody removes their own GlobalAdministrator role (ask another
   * administrator), so a tenant always keeps at least one.
   * @throws FORBIDDEN, NOT_FOUND, CANNOT_MODIFY_SELF
   */
  async unassign(actor: Actor, principalKind: PrincipalKind, principalId: string, role: DirectoryRole): Promise<DirectoryRole[]> {
    authorize(actor, Permission.ManageRoles);
    if (role === DirectoryRole.GlobalAdministrator && actor.kind === principalKind && actor.id === principalId) {
      throw new DomainError(ErrorCode.CANNOT_MODIFY_SELF, 'You cannot remove your own GlobalAdministrator role');
    }
    return this.db.transaction(async (em) => {
      await this.requirePrincipal(em, actor.tenantId, principalKind, principalId);
      const removed = await em.delete(RoleAssignment, { tenantId: actor.tenantId, principalKind, principalId, role });
      if (!removed.affected) throw notFound('RoleAssignment', `${principalKind}:${principalId}:${role}`);
      await this.audit.record(em, actor, AuditAction.RemoveRoleMember, { type: principalKind, id: principalId }, { role });
      return this.rolesWithin(em, actor.tenantId, principalKind, principalId);
    });
  }

  /** The principal's roles, read in the caller's transaction. */
  rolesWithin(em: EntityManager, tenantId: string, principalKind: PrincipalKind, principalId: string): Promise<DirectoryRole[]> {
    return rolesWithin(em, tenantId, principalKind, principalId);
  }

  private async requirePrincipal(em: EntityManager, tenantId: string, kind: PrincipalKind, id: string): Promise<void> {
    const found =
      kind === PrincipalKind.User ? (await em.countBy(User, { id, tenantId })) > 0 : await this.apps.applicationExists(em, tenantId, id);
    if (!found) throw notFound(kind === PrincipalKind.User ? 'User' : 'Application', id);
  }

  async rolesOf(tenantId: string, principalKind: PrincipalKind, principalId: string): Promise<DirectoryRole[]> {
    // Asked at every OIDC access check: one statement written once (src/db/raw-read.ts).
    const roles = entityReader(this.db.dataSource, RoleAssignment);
    const sql = roles.statement('of', (r) =>
      r.select(`"tenantId" = ${r.param(1)} AND "principalKind" = ${r.param(2)} AND "principalId" = ${r.param(3)}`),
    );
    const rows = await roles.many(sql, [tenantId, principalKind, principalId]);
    return rows.map((r) => r.role).sort();
  }

  /** Whether a home account, or any guest bound to it in another tenant, holds a directory role anywhere. */
  async heldByPerson(homeUserId: string): Promise<boolean> {
    const guests = await this.db.manager.find(User, { where: { homeUserId }, select: { id: true } });
    const ids = [homeUserId, ...guests.map((g) => g.id)];
    return (await this.db.manager.countBy(RoleAssignment, { principalKind: PrincipalKind.User, principalId: In(ids) })) > 0;
  }

  /** The roles of many principals of one kind in one query, by principal id (only assignments of each one's own tenant). */
  async rolesOfMany(
    principalKind: PrincipalKind,
    principals: readonly { tenantId: string; id: string }[],
  ): Promise<Map<string, DirectoryRole[]>> {
    const roles = new Map(principals.map((p) => [p.id, [] as DirectoryRole[]]));
    if (principals.length === 0) return roles;
    const tenantOf = new Map(principals.map((p) => [p.id, p.tenantId]));
    const rows = await this.db.manager.find(RoleAssignment, { where: { principalKind, principalId: In([...tenantOf.keys()]) } });
    for (const row of rows) {
      if (tenantOf.get(row.principalId) === row.tenantId) roles.get(row.principalId)!.push(row.role);
    }
    for (const list of roles.values()) list.sort();
    return roles;
  }

  /** Grants a role inside the caller's transaction (idempotent); operators and seeding call it directly. */
  async grant(
    tenantId: string,
    principalKind: PrincipalKind,
    principalId: string,
    role: DirectoryRole,
    em: EntityManager = this.db.manager,
  ): Promise<void> {
    const existing = await em.findOneBy(RoleAssignment, { tenantId, principalKind, principalId, role });
    if (existing) return;
    await em.insert(RoleAssignment, { id: newId(), tenantId, principalKind, principalId, role, createdAt: this.clock.now() });
  }

  async revokeAll(em: EntityManager, tenantId: string, principalKind: PrincipalKind, principalId: string): Promise<void> {
    await em.delete(RoleAssignment, { tenantId, principalKind, principalId });
  }
}
