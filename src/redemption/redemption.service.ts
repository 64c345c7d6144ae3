import type { PartnerRowsPort } from '../directory/ports.js';
import { timingSafeEqual } from 'node:crypto';
import { In } from 'typeorm';
import { Application } from '../apps/application.entity.js';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { operatorActor, PrincipalKind } from '../directory/actor.js';
import { Tenant } from '../directory/tenant.entity.js';
import { User } from '../directory/user.entity.js';
import { acceptGuest } from '../directory/user.rows.js';
import { Invitation, InvitationStatus } from '../invitations/invitation.entity.js';
import { claimInvitation } from '../invitations/invitation.rows.js';
import { checkPartnerDomain } from '../invitations/invitation-fields.js';
import { effectiveStatus, emailDomain } from '../invitations/invitation.policy.js';
import { issuerFor } from '../oidc/issuer.js';
import type { Metrics } from '../observability/metrics.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { isUuid } from '../shared/ids.js';
import { sha256Hex } from '../shared/secrets.js';
import { SignInKind } from '../sign-ins/sign-in-event.entity.js';
import type { SignInLogService, SignInSource } from '../sign-ins/sign-in-log.service.js';
import { type GuestBinding, redeemedAttributes } from './redeemed-attributes.js';
import { wrongAccount } from './redemption-step.js';

/** An invitation whose link was checked, with what the review page shows. */
export interface OpenedInvitation {
  invitation: Invitation;
  tenant: Tenant;
  apps: Application[];
}

/**
 * Redemption rules: a link is valid only with the right ticket, while pending and unexpired; the
 * identity that redeems must own the invited address; a redemption happens exactly once.
 */
export class RedemptionService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'publicUrl'>,
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
    private readonly signIns: SignInLogService,
    private readonly partners: PartnerRowsPort,
  ) {}

  /**
   * Checks a redemption link. Unknown ids, wrong tickets, used and revoked links all give the same
   * INVITATION_INVALID, so a link reveals nothing about other invitations; an expired one says so.
   * @throws INVITATION_INVALID, INVITATION_EXPIRED
   */
  async open(tenantId: string, invitationId: string, ticket: string): Promise<OpenedInvitation> {
    try {
      const opened = await this.openByHash(invitationId, sha256Hex(ticket));
      if (opened.tenant.id !== tenantId) throw invalidLink();
      return opened;
    } catch (error) {
      if (error instanceof DomainError) this.metrics.redemptions.inc({ outcome: error.code.toLowerCase() });
      throw error;
    }
  }

  /** The same check for a redemption in progress, from the ticket hash kept in the browser session. */
  async openByHash(invitationId: string, ticketHash: string): Promise<OpenedInvitation> {
    if (!isUuid(invitationId)) throw invalidLink();
    const invitation = await this.db.manager.findOneBy(Invitation, { id: invitationId });
    if (!invitation || !sameHash(invitation.ticketHash, ticketHash)) throw invalidLink();
    const tenantId = invitation.tenantId;
    const status = effectiveStatus(invitation, this.clock.now());
    if (status === InvitationStatus.Expired) {
      throw new DomainError(
        ErrorCode.INVITATION_EXPIRED,
        `This invitation has expired. Ask ${invitation.inviterDisplayName} for a new one.`,
        {
          inviter: invitation.inviterDisplayName,
        },
      );
    }
    if (status !== InvitationStatus.PendingAcceptance) throw invalidLink();
    const tenant = await this.db.manager.findOneByOrFail(Tenant, { id: tenantId });
    // The policy may have changed since the invitation was sent.
    checkPartnerDomain(tenant, emailDomain(invitation.email));
    const apps = invitation.applicationIds.length
      ? await this.db.manager.findBy(Application, { id: In(invitation.applicationIds), tenantId })
      : [];
    return { invitation, tenant, apps };
  }

  /**
   * Redeems for a signed-in home account that owns the invited address. Atomic: the invitation
   * moves from pending to accepted in one conditional UPDATE, so of two concurrent redemptions
   * exactly one wins. Returns where the browser goes next. The decision goes to the inviting tenant's sign-in log.
   * @throws WRONG_ACCOUNT, INVITATION_INVALID, INVITATION_EXPIRED
   */
  async redeem(opened: OpenedInvitation, home: User, source: SignInSource): Promise<string> {
    const signIn = { ...source, kind: SignInKind.Redemption, tenantId: opened.tenant.id, homeUserId: home.id };
    try {
      const target = await this.redeemOnce(opened, home);
      this.metrics.redemptions.inc({ outcome: 'accepted' });
      await this.signIns.record({ ...signIn, accountId: opened.invitation.invitedUserId });
      return target;
    } catch (error) {
      if (error instanceof DomainError) {
        this.metrics.redemptions.inc({ outcome: error.code.toLowerCase() });
        await this.signIns.record({ ...signIn, accountId: opened.invitation.invitedUserId, reasonCode: error.code });
      }
      throw error;
    }
  }

  private async redeemOnce(opened: OpenedInvitation, home: User): Promise<string> {
    const { invitation, tenant } = opened;
    if (home.mail !== invitation.email || !home.emailVerified) {
      throw wrongAccount(invitation.email, home.mail);
    }
    return this.db.transaction(async (em) => {
      const now = this.clock.now();
      if (!(await claimInvitation(em, invitation, now)))
        throw new DomainError(ErrorCode.INVITATION_INVALID, 'This invitation has been used already.');
      const guest = invitation.invitedUserId ? await em.findOneBy(User, { id: invitation.invitedUserId, tenantId: tenant.id }) : null;
      if (!guest) throw new DomainError(ErrorCode.INVITATION_INVALID, 'The guest account of this invitation was removed.');
      const binding: GuestBinding = {
        signInName: home.mail,
        altSecId: altSecIdOf(home),
        displayName: guest.displayName || home.displayName || home.mail,
        homeUserId: home.id,
      };
      await acceptGuest(em, guest.id, binding, now);
      await this.partners.usersChanged(em, [guest.id]);
      const target = { type: 'User', id: guest.id };
      await this.audit.recordMany(em, { ...operatorActor(tenant.id), kind: PrincipalKind.User, id: guest.id, displayName: home.mail }, [
        { action: AuditAction.RedeemExternalUserInvite, target, details: { invitationId: invitation.id, homeTenantId: home.tenantId } },
        { action: AuditAction.UpdateUser, target, details: redeemedAttributes(guest, binding, now) },
      ]);
      return invitation.redirectUrl ?? `${this.config.publicUrl}/${tenant.id}/myapps`;
    });
  }

  /** The home identity provider of a guest's home account: its tenant's issuer. */
  homeIssuer(home: User): string {
    return issuerFor(this.config.publicUrl, home.tenantId);
  }
}

/**
 * Opaque and stable per home identity, shaped like Azure AD's: `5::<hex>` for a gateway account,
 * `1:<issuer host>:<hex>` for an identity at a partner's own provider (like `1:live.com:<puid>`).
 */
export function altSecIdOf(home: Pick<User, 'tenantId' | 'id' | 'upstreamIssuer' | 'upstreamSubject'>): string {
  if (home.upstreamIssuer && home.upstreamSubject) {
    return `1:${new URL(home.upstreamIssuer).host}:${sha256Hex(`${home.upstreamIssuer}:${home.upstreamSubject}`).slice(0, 16).toUpperCase()}`;
  }
  return `5::${sha256Hex(`${home.tenantId}:${home.id}`).slice(0, 16).toUpperCase()}`;
}

function invalidLink(): DomainError {
  return new DomainError(ErrorCode.INVITATION_INVALID, 'This invitation link is not valid. It may have been used already or withdrawn.');
}

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
