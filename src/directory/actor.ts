import { PrincipalKind } from './role-assignment.entity.js';
import type { DirectoryRole } from './role-assignment.entity.js';

/** Who is calling: a user or an application of one tenant, with its directory roles loaded per request. */
export interface Actor {
  readonly tenantId: string;
  readonly kind: PrincipalKind;
  readonly id: string;
  readonly displayName: string;
  readonly roles: readonly DirectoryRole[];
  /**
   * The delegated scopes of a user's token (what an administrator let the calling app do on the
   * user's behalf), or null when the caller acts as itself (an app's own token, the operator).
   */
  readonly scopes: readonly string[] | null;
}

export function isActor(actor: Actor, kind: PrincipalKind, id: string): boolean {
  return actor.kind === kind && actor.id === id;
}

/** The gateway itself, acting for an operator (seeding, CLI); audit events name it. */
export function operatorActor(tenantId: string): Actor {
  return { tenantId, kind: PrincipalKind.Application, id: tenantId, displayName: 'b2b-gateway operator', roles: [], scopes: null };
}
export { PrincipalKind };
