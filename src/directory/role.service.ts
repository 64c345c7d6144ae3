import type { EntityManager } from 'typeorm';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { type DirectoryRole, type PrincipalKind, RoleAssignment } from './role-assignment.entity.js';

export class RoleService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async rolesOf(tenantId: string, principalKind: PrincipalKind, principalId: string): Promise<DirectoryRole[]> {
    const rows = await this.db.manager.find(RoleAssignment, { where: { tenantId, principalKind, principalId } });
    return rows.map((r) => r.role).sort();
  }

  /** Grants a role (idempotent). Used by operators, seeding and tests; role management over GraphQL is a later issue. */
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
