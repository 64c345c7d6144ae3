import type { AccessService } from '../access/access.service.js';
import type { AccountService } from '../accounts/account.service.js';
import type { User } from '../directory/user.entity.js';
import type { FederationService } from '../federation/federation.service.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import type { SignInSource } from '../sign-ins/sign-in-log.service.js';
import { nextRedemptionStep, type RedemptionStep } from './redemption-step.js';
import type { OpenedInvitation, RedemptionService } from './redemption.service.js';
import type { SignUpService } from './sign-up.service.js';

/** The redemption a browser session is in the middle of (its fields in `browser_session`). */
export interface RedemptionRef {
  invitationId: string | null;
  ticketHash: string | null;
}

/** What the accept page shows or where it sends the browser, once the step was carried out. */
export type AcceptOutcome =
  | { kind: 'redeemed'; target: string }
  | { kind: 'switchAccount'; current: string; email: string }
  | { kind: 'federate'; url: string; sealed: string }
  | { kind: 'signIn'; email: string }
  | { kind: 'codeSent'; email: string; refused?: DomainError };

/**
 * Who may redeem, and how they get there: the flow from "Accept" to a redeemed invitation, for the
 * redemption pages and the federation callback alike. The decision is `nextRedemptionStep`; this
 * class gathers what it reads and carries the step out.
 */
export class RedemptionFlow {
  constructor(
    private readonly redemption: RedemptionService,
    private readonly accounts: AccountService,
    private readonly access: AccessService,
    private readonly federation: FederationService,
    private readonly signUp: SignUpService,
  ) {}

  /**
   * The invitation a browser session is redeeming, checked again (any process may serve any step).
   * @throws INVITATION_INVALID, INVITATION_EXPIRED
   */
  async resume(ref: RedemptionRef): Promise<OpenedInvitation> {
    const { invitationId, ticketHash } = ref;
    if (!invitationId || !ticketHash)
      throw new DomainError(ErrorCode.INVITATION_INVALID, 'Open the link from your invitation email again.');
    return this.redemption.openByHash(invitationId, ticketHash);
  }

  /** The next step for a browser signed in as `user` (null: not signed in). */
  async nextStep(opened: OpenedInvitation, user: User | null, options: { justSignedIn?: boolean } = {}): Promise<RedemptionStep> {
    const email = opened.invitation.email;
    const signedIn = user
      ? { user, usable: user.accountEnabled && this.access.upstreamSignInValid(user), justNow: options.justSignedIn === true }
      : null;
    if (signedIn?.justNow || signedIn?.usable)
      return nextRedemptionStep({ invitedEmail: email, signedIn, upstream: null, hasAccount: false });
    const upstream = await this.federation.forEmail(email);
    const hasAccount = upstream ? false : (await this.accounts.discover(email)).kind === 'account';
    return nextRedemptionStep({ invitedEmail: email, signedIn, upstream, hasAccount });
  }

  /**
   * "Accept" on the review page: decides the step and carries it out.
   * @throws what the step throws: WRONG_ACCOUNT, INVITATION_INVALID, INVITATION_EXPIRED, SIGN_UP_NOT_ALLOWED (a code
   * refused as TOO_MANY_ATTEMPTS is the outcome's `refused`)
   */
  async accept(
    opened: OpenedInvitation,
    signedInUserId: string | null,
    redemptionId: string,
    source: SignInSource,
  ): Promise<AcceptOutcome> {
    const email = opened.invitation.email;
    const step = await this.nextStep(opened, signedInUserId ? await this.accounts.findUser(signedInUserId) : null);
    switch (step.kind) {
      case 'finish':
        return { kind: 'redeemed', target: await this.finish(opened, step.home, source) };
      case 'switchAccount':
        return { kind: 'switchAccount', current: step.current, email };
      case 'federate':
        return { kind: 'federate', ...(await this.federation.start(step.upstream, email, 'redeem', null, null)) };
      case 'signIn':
        return { kind: 'signIn', email };
      case 'sendCode':
        try {
          await this.signUp.sendCode(opened, redemptionId, source.context.ip ?? 'unknown');
        } catch (error) {
          // Accept pressed again within the minute (the link opened twice): the code mailed a moment
          // ago still works, so the person gets its page with the reason, not a dead end.
          if (!(error instanceof DomainError) || error.code !== ErrorCode.TOO_MANY_ATTEMPTS) throw error;
          return { kind: 'codeSent', email, refused: error };
        }
        return { kind: 'codeSent', email };
    }
  }

  /** Redeems for `home` (signed in, owning the address). Returns where the browser goes next. */
  finish(opened: OpenedInvitation, home: User, source: SignInSource): Promise<string> {
    return this.redemption.redeem(opened, home, source);
  }

  /**
   * The federation callback of a redemption: the member just signed in at their company's provider
   * finishes the redemption the session is in, or learns it is for another address.
   * @throws INVITATION_INVALID, INVITATION_EXPIRED, WRONG_ACCOUNT
   */
  async afterFederation(ref: RedemptionRef, member: User, source: SignInSource): Promise<string> {
    const opened = await this.resume(ref);
    const step = await this.nextStep(opened, member, { justSignedIn: true });
    if (step.kind !== 'finish') throw new Error(`unexpected redemption step after federation: ${step.kind}`);
    return this.finish(opened, step.home, source);
  }
}
