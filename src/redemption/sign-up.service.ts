import type { AccountService } from '../accounts/account.service.js';
import type { VerificationCodeService } from '../accounts/verification-code.service.js';
import type { User } from '../directory/user.entity.js';
import type { Language } from '../invitations/languages.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import type { OpenedInvitation } from './redemption.service.js';

/**
 * Creating a home account from an invitation: a code to the invited address, its check, then the
 * account. Every step checks the same rules first, so no route and no order of requests skips one
 * (a CC invitation once got an account through /redeem/code/resend).
 */
export class SignUpService {
  constructor(
    private readonly accounts: AccountService,
    private readonly codes: VerificationCodeService,
  ) {}

  /** @throws SIGN_UP_NOT_ALLOWED, TOO_MANY_ATTEMPTS */
  async sendCode(opened: OpenedInvitation, redemptionId: string, ip: string): Promise<void> {
    await this.requireAllowed(opened);
    const { invitation, tenant } = opened;
    await this.codes.send(redemptionId, invitation.email, invitation.language as Language, tenant, ip);
  }

  /** @throws SIGN_UP_NOT_ALLOWED, INVALID_CODE, TOO_MANY_ATTEMPTS */
  async verifyCode(opened: OpenedInvitation, redemptionId: string, code: string, ip: string): Promise<void> {
    await this.requireAllowed(opened);
    await this.codes.verify(redemptionId, opened.invitation.email, code, ip);
  }

  /**
   * Creates the account once the invited address was verified in this browser session.
   * @throws SIGN_UP_NOT_ALLOWED (also to the losers of a race: the account exists), INVALID_CODE, WEAK_PASSWORD
   */
  async createAccount(opened: OpenedInvitation, verifiedEmail: string | null, displayName: string, password: string): Promise<User> {
    await this.requireAllowed(opened);
    const { email, id: invitationId, tenantId } = opened.invitation;
    if (verifiedEmail !== email) throw new DomainError(ErrorCode.INVALID_CODE, 'Verify your email address first.');
    return this.accounts.signUp(email, displayName, password, { tenantId, invitationId });
  }

  /**
   * The invitation's rule (CC: existing accounts only), then the address's (AccountService; a
   * federated domain is a managed tenant's verified domain, so it is refused there too).
   */
  private async requireAllowed({ invitation }: OpenedInvitation): Promise<void> {
    if (invitation.ccEmailAddress) {
      throw new DomainError(
        ErrorCode.SIGN_UP_NOT_ALLOWED,
        'This invitation can only be accepted with an existing account; it cannot be used to create one.',
      );
    }
    await this.accounts.requireSignUpAllowed(invitation.email);
  }
}
