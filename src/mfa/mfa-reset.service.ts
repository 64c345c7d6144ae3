import { IsNull, Not } from 'typeorm';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import type { Actor } from '../directory/actor.js';
import { authorize, Permission } from '../directory/permissions.js';
import { type User, UserType } from '../directory/user.entity.js';
import type { UserService } from '../directory/user.service.js';
import { AuditAction } from '../shared/audit-actions.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { MfaMethod, RecoveryCode } from './mfa-method.entity.js';

/** An administrator's side of second factors: the lost-device reset of a member of the tenant. */
export class MfaResetService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly users: UserService,
  ) {}

  /**
   * An admin's reset (a lost device without recovery codes): every method and recovery code of a
   * member goes, and every sign-in ends, so the person signs in again and enrols anew.
   * @throws NOT_FOUND (also another tenant's user), FORBIDDEN, MFA_HOME_ACCOUNT_ELSEWHERE (a guest)
   */
  async resetUserMfa(actor: Actor, userId: string): Promise<User> {
    authorize(actor, Permission.ManageUsers);
    return this.db.transaction(async (em) => {
      const user = await this.users.getManageable(actor, userId, em);
      if (user.userType === UserType.Guest) {
        throw new DomainError(
          ErrorCode.MFA_HOME_ACCOUNT_ELSEWHERE,
          'A guest’s sign-in methods belong to their home account; its own organization resets them.',
        );
      }
      const removed = await em.countBy(MfaMethod, { userId: user.id, confirmedAt: Not(IsNull()) });
      await em.delete(MfaMethod, { userId: user.id });
      await em.delete(RecoveryCode, { userId: user.id });
      await this.users.endSignIns(em, user);
      await this.audit.record(em, actor, AuditAction.ResetUserMfa, { type: 'User', id: user.id }, { methodsRemoved: removed });
      return user;
    });
  }
}
