import { type EntityManager, In } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { type Page, type PageArgs, paginate } from '../shared/pagination.js';
import type { Actor } from './actor.js';
import { Group, GroupMember } from './group.entity.js';
import type { UserService } from './user.service.js';
import { User, UserType } from './user.entity.js';
import { authorize, Permission } from './permissions.js';
import type { AccessEnds, AppLinks, AuditTrail } from './ports.js';

export class GroupService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly users: UserService,
    private readonly audit: AuditTrail,
    private readonly accessEnds: AccessEnds,
    private readonly apps: AppLinks,
  ) {}

  /** @throws FORBIDDEN, BAD_USER_INPUT */
  async create(actor: Actor, input: { displayName: string; description?: string | null }): Promise<Group> {
    authorize(actor, Permission.ManageGroups);
    const displayName = input.displayName.trim();
    const description = input.description?.trim() || null;
    // The columns' widths: longer is the client's error on every database, never PostgreSQL's refusal.
    if (!displayName || displayName.length > 256)
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'displayName must be 1 to 256 characters', { field: 'displayName' });
    if (description && description.length > 1024)
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'description must be at most 1024 characters', { field: 'description' });
    return this.db.transaction(async (em) => {
      const group = em.create(Group, {
        id: newId(),
        tenantId: actor.tenantId,
        displayName,
        description,
        createdAt: this.clock.now(),
      });
      await em.insert(Group, group);
      await this.audit.record(em, actor, AuditAction.AddGroup, { type: 'Group', id: group.id }, { displayName });
      return group;
    });
  }

  async list(actor: Actor, page: PageArgs): Promise<Page<Group>> {
    authorize(actor, Permission.ReadDirectory);
    const query = this.db.manager
      .getRepository(Group)
      .createQueryBuilder('g')
      .where('g.tenantId = :tenantId', { tenantId: actor.tenantId });
    return paginate(query, page);
  }

  async get(actor: Actor, id: string): Promise<Group> {
    authorize(actor, Permission.ReadDirectory);
    return this.getInTenant(actor.tenantId, id);
  }

  async getInTenant(tenantId: string, id: string, em: EntityManager = this.db.manager): Promise<Group> {
    const group = await em.findOneBy(Group, { id, tenantId });
    if (!group) throw notFound('Group', id);
    return group;
  }

  async members(actor: Actor, groupId: string, page: PageArgs): Promise<Page<User>> {
    authorize(actor, Permission.ReadDirectory);
    const query = this.db.manager
      .getRepository(User)
      .createQueryBuilder('u')
      .innerJoin(GroupMember, 'm', 'm.userId = u.id')
      .where('m.groupId = :groupId AND m.tenantId = :tenantId', { groupId, tenantId: actor.tenantId });
    return paginate(query, page);
  }

  /** The groups of the caller's tenant that a user belongs to, by name (empty for another tenant's user). */
  /** The groups of the caller's tenant each user belongs to, by name, in two queries (a page of users at once). */
  async groupsOfUsers(actor: Actor, userIds: readonly string[]): Promise<Map<string, Group[]>> {
    authorize(actor, Permission.ReadDirectory);
    const byUser = new Map(userIds.map((id) => [id, [] as Group[]]));
    if (userIds.length === 0) return byUser;
    const em = this.db.manager;
    const memberships = await em.find(GroupMember, { where: { tenantId: actor.tenantId, userId: In([...userIds]) } });
    if (memberships.length === 0) return byUser;
    const groups = await em.find(Group, {
      where: { tenantId: actor.tenantId, id: In([...new Set(memberships.map((m) => m.groupId))]) },
      order: { displayName: 'ASC', id: 'ASC' },
    });
    const groupsOf = new Map<string, Set<string>>();
    for (const m of memberships) groupsOf.set(m.userId, (groupsOf.get(m.userId) ?? new Set()).add(m.groupId));
    for (const [userId, list] of byUser) list.push(...groups.filter((g) => groupsOf.get(userId)?.has(g.id)));
    return byUser;
  }

  /** @throws NOT_FOUND (group or user, also of another tenant), FORBIDDEN */
  async addMember(actor: Actor, groupId: string, userId: string): Promise<Group> {
    authorize(actor, Permission.ManageGroups);
    return this.db.transaction(async (em) => {
      const group = await this.getInTenant(actor.tenantId, groupId, em);
      const user = await this.users.getInTenant(actor.tenantId, userId, em);
      await this.addMemberWithin(em, actor, group, user);
      return group;
    });
  }

  /** Adds inside the caller's transaction; idempotent. Returns whether a membership was created. */
  async addMemberWithin(em: EntityManager, actor: Actor, group: Group, user: User): Promise<boolean> {
    const existing = await em.findOneBy(GroupMember, { groupId: group.id, userId: user.id });
    if (existing) return false;
    await em.insert(GroupMember, { groupId: group.id, userId: user.id, tenantId: group.tenantId, createdAt: this.clock.now() });
    const action = user.userType === UserType.Guest ? AuditAction.AddExternalUserToGroup : AuditAction.AddMemberToGroup;
    await this.audit.record(em, actor, action, { type: 'User', id: user.id }, { groupId: group.id, groupName: group.displayName });
    return true;
  }

  /** @throws NOT_FOUND, FORBIDDEN */
  async removeMember(actor: Actor, groupId: string, userId: string): Promise<Group> {
    authorize(actor, Permission.ManageGroups);
    return this.db.transaction(async (em) => {
      const group = await this.getInTenant(actor.tenantId, groupId, em);
      await this.users.getInTenant(actor.tenantId, userId, em);
      const result = await em.delete(GroupMember, { groupId, userId });
      if (result.affected) {
        // Sign-ins to the apps this group gave end now (as when an assignment is removed); a user still
        // assigned another way simply signs in again.
        for (const clientId of await this.apps.clientIdsAssignedToGroup(em, groupId)) {
          await this.accessEnds.revokeOidcArtefacts(em, actor.tenantId, [userId], clientId);
        }
        await this.audit.record(em, actor, AuditAction.RemoveMemberFromGroup, { type: 'User', id: userId }, { groupId });
      }
      return group;
    });
  }
}
