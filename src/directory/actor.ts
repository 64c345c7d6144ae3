import { DomainError, ErrorCode } from '../shared/errors.js';
import { type DirectoryRole, PrincipalKind } from './role-assignment.entity.js';

/** Who is calling: a user or an application of one tenant, with its directory roles loaded per request. */
export interface Actor {
  readonly tenantId: string;
  readonly kind: PrincipalKind;
  readonly id: string;
  readonly displayName: string;
  readonly roles: readonly DirectoryRole[];
}

/** @throws FORBIDDEN unless the actor holds one of the roles. */
export function requireRole(actor: Actor, ...roles: DirectoryRole[]): void {
  if (!roles.some((role) => actor.roles.includes(role))) {
    throw new DomainError(ErrorCode.FORBIDDEN, `This operation requires one of the roles: ${roles.join(', ')}`, {
      requiredRoles: roles,
    });
  }
}

export function isActor(actor: Actor, kind: PrincipalKind, id: string): boolean {
  return actor.kind === kind && actor.id === id;
}

/** The gateway itself, acting for an operator (seeding, CLI); audit events name it. */
export function operatorActor(tenantId: string): Actor {
  return { tenantId, kind: PrincipalKind.Application, id: tenantId, displayName: 'b2b-gateway operator', roles: [] };
}
export { PrincipalKind };
