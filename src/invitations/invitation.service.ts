import type { EntityManager } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { type Actor } from '../directory/actor.js';
import { PrincipalKind } from '../directory/role-assignment.entity.js';
import type { TenantService } from '../directory/tenant.service.js';
import { User, UserType } from '../directory/user.entity.js';
import { resetGuest } from '../directory/user.rows.js';
import type { AccessEnds, PartnerRowsPort } from '../directory/ports.js';
import type { OutboxService } from '../mail/outbox.service.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import type { PageArgs } from '../shared/pagination.js';
import { randomToken, sha256Hex } from '../shared/secrets.js';
import { loadInviteContext } from './invite-context.js';
import { Invitation, InvitationStatus } from './invitation.entity.js';
import * as policy from './invitation.policy.js';
import { type InvitationFilter, InvitationRepository, type ListInclude, type ListedPage } from './invitation.repository.js';
import { type WriterDeps, writeInvitations } from './invitation.writer.js';
import { authorize, authorizeOnUser, Permission } from '../directory/permissions.js';
import { rolesWithin } from '../directory/role.service.js';
import type { InvitationMailLimit } from './mail-limit.js';

export interface InviteInput extends policy.InviteRequestInput {
  batchId?: string | null;
}

/** An invitation with its redemption URL, which exists only when the ticket was just issued. */
export interface IssuedInvitation {
  invitation: Invitation;
  inviteRedeemUrl: string;
}

/** Characters URLSearchParams writes unescaped (ids, base64url tickets). */
const URL_SAFE = /^[A-Za-z0-9_-]*$/;

export class InvitationService {
  private readonly repository: InvitationRepository;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'publicUrl' | 'invitationTtlDays' | 'consumerEmailDomains'>,
    private readonly tenants: TenantService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly mailLimit: InvitationMailLimit,
    private readonly accessEnds: AccessEnds,
    private readonly partners: PartnerRowsPort,
  ) {
    this.repository = new InvitationRepository(db);
  }

  /**
   * Invites an external person: the guest exists at once (a pending guest is reused, and its
   * earlier pending invitations are revoked as superseded), groups and apps are granted now, a
   * fresh ticket is issued and the email is queued. All in one transaction: any failure (for
   * example one unknown group id) writes nothing.
   * @throws FORBIDDEN, INVALID_EMAIL, CONSUMER_EMAIL_NOT_SUPPORTED, EMAIL_DOMAIN_OWNED_BY_TENANT,
   *   TOO_MANY_CC_RECIPIENTS, UNSUPPORTED_LANGUAGE, REDIRECT_URL_NOT_ALLOWED, NOT_FOUND,
   *   USER_ALREADY_MEMBER, GUEST_ALREADY_ACCEPTED, BAD_USER_INPUT, INVITATION_MAIL_LIMIT
   */
  async invite(actor: Actor, input: InviteInput): Promise<IssuedInvitation> {
    authorize(actor, Permission.InviteGuests);
    const mails = policy.sendsInvitationMessage(input) ? 1 : 0;
    return this.mailLimit.reserving(actor.tenantId, mails, () =>
      this.db.transaction(async (em) => {
        const tenant = await this.tenants.get(actor.tenantId, em);
        const context = await loadInviteContext(
          em,
          actor,
          tenant,
          this.config.consumerEmailDomains,
          {
            apps: input.applicationIds ?? [],
            groups: input.groupIds ?? [],
          },
          this.clock.now(),
        );
        const invite = policy.validateInvite(input, context);
        const guest = await em.findOneBy(User, { tenantId: tenant.id, mail: invite.email });
        policy.checkInvitee(guest);
        const [written] = await writeInvitations(em, this.writerDeps(), actor, tenant, [
          { invite, guest, resend: null, batchId: input.batchId ?? null },
        ]);
        return this.issued(written!.invitation, written!.ticket);
      }),
    );
  }

  /**
   * Re-binds a guest to a new address (Microsoft Graph's resetRedemption): the object id, UPN, groups
   * and app assignments stay; the old home identity stops working at once (its sessions, grants and
   * tokens are deleted) and a new invitation goes to the new address.
   * @throws NOT_FOUND (no such guest in this tenant), FORBIDDEN, CONFLICT, and the invitation rules' codes
   */
  async resetRedemption(actor: Actor, userId: string, newEmail: string): Promise<IssuedInvitation> {
    authorize(actor, Permission.ResetRedemption);
    return this.mailLimit.reserving(actor.tenantId, 1, () =>
      this.db.transaction(async (em) => {
        const tenant = await this.tenants.get(actor.tenantId, em);
        const guest = await em.findOneBy(User, { id: userId, tenantId: tenant.id, userType: UserType.Guest });
        if (!guest) throw notFound('User', userId);
        authorizeOnUser(actor, Permission.ResetRedemption, await rolesWithin(em, tenant.id, PrincipalKind.User, guest.id));
        const context = await loadInviteContext(
          em,
          actor,
          tenant,
          this.config.consumerEmailDomains,
          { apps: [], groups: [] },
          this.clock.now(),
        );
        const invite = policy.validateInvite({ email: newEmail, displayName: guest.displayName }, context);
        const other = await em.findOneBy(User, { tenantId: tenant.id, mail: invite.email });
        if (other && other.id !== guest.id)
          throw new DomainError(ErrorCode.CONFLICT, `${invite.email} already belongs to another user of this tenant`);
        const now = this.clock.now();
        await resetGuest(em, guest, invite.email, now);
        await this.accessEnds.revokeOidcArtefacts(em, tenant.id, [guest.id]);
        await this.audit.record(em, actor, AuditAction.ResetRedemption, { type: 'User', id: guest.id }, { newEmail: invite.email });
        const [written] = await writeInvitations(em, this.writerDeps(), actor, tenant, [{ invite, guest, resend: null, batchId: null }]);
        return this.issued(written!.invitation, written!.ticket);
      }),
    );
  }

  /** The dependencies of the bulk writer, shared with CSV uploads. */
  writerDeps(): WriterDeps {
    return {
      clock: this.clock,
      outbox: this.outbox,
      audit: this.audit,
      defaultTtlDays: this.config.invitationTtlDays,
      redeemUrl: (invitation, ticket) => this.redeemUrl(invitation, ticket),
      partners: this.partners,
    };
  }

  /**
   * Issues a fresh ticket and expiry for a pending (or expired) invitation; the old link stops working.
   * @throws NOT_FOUND, FORBIDDEN, INVITATION_NOT_PENDING (accepted or revoked), INVITATION_MAIL_LIMIT
   */
  async resend(actor: Actor, id: string): Promise<IssuedInvitation> {
    authorize(actor, Permission.InviteGuests);
    const mails = (await this.getInTenant(this.db.manager, actor.tenantId, id)).sendInvitationMessage ? 1 : 0;
    return this.mailLimit.reserving(actor.tenantId, mails, () =>
      this.db.transaction(async (em) => {
        const invitation = await this.getInTenant(em, actor.tenantId, id);
        if (invitation.status !== InvitationStatus.PendingAcceptance) policy.requirePending(invitation, this.clock.now());
        const tenant = await this.tenants.get(actor.tenantId, em);
        const now = this.clock.now();
        const ticket = randomToken(32);
        invitation.ticketHash = sha256Hex(ticket);
        invitation.expiresAt = policy.expiryFor(now, tenant.invitationTtlDays ?? this.config.invitationTtlDays);
        invitation.updatedAt = now;
        await em.update(Invitation, { id }, { ticketHash: invitation.ticketHash, expiresAt: invitation.expiresAt, updatedAt: now });
        if (invitation.invitedUserId) await this.partners.usersChanged(em, [invitation.invitedUserId]);
        await this.outbox.cancelForInvitation(em, id);
        if (invitation.sendInvitationMessage) {
          const inviter = actor.kind === PrincipalKind.User ? await em.findOneBy(User, { id: actor.id }) : null;
          await this.outbox.queueInvitationMessages(em, tenant, [
            { invitation, redeemUrl: this.redeemUrl(invitation, ticket), replyTo: inviter?.mail ?? null },
          ]);
        }
        await this.audit.record(em, actor, AuditAction.ResendExternalUserInvite, { type: 'Invitation', id }, { email: invitation.email });
        return this.issued(invitation, ticket);
      }),
    );
  }

  /** The link stops working at once; the guest object stays (remove it with removeUser). @throws NOT_FOUND, FORBIDDEN, INVITATION_NOT_PENDING */
  async revoke(actor: Actor, id: string): Promise<Invitation> {
    authorize(actor, Permission.InviteGuests);
    return this.db.transaction(async (em) => {
      const invitation = await this.getInTenant(em, actor.tenantId, id);
      if (invitation.status !== InvitationStatus.PendingAcceptance) policy.requirePending(invitation, this.clock.now());
      const now = this.clock.now();
      Object.assign(invitation, { status: InvitationStatus.Revoked, revokedAt: now, updatedAt: now });
      await em.update(Invitation, { id }, { status: invitation.status, revokedAt: now, updatedAt: now });
      if (invitation.invitedUserId) await this.partners.usersChanged(em, [invitation.invitedUserId]);
      await this.outbox.cancelForInvitation(em, id);
      await this.audit.record(em, actor, AuditAction.RevokeExternalUserInvite, { type: 'Invitation', id }, { email: invitation.email });
      return invitation;
    });
  }

  /** Newest first. */
  async list(actor: Actor, filter: InvitationFilter, page: PageArgs, include: ListInclude = {}): Promise<ListedPage> {
    authorize(actor, Permission.ReadInvitations);
    return this.repository.list(actor.tenantId, filter, page, this.clock.now(), include);
  }

  async get(actor: Actor, id: string): Promise<Invitation> {
    authorize(actor, Permission.ReadInvitations);
    return this.getInTenant(this.db.manager, actor.tenantId, id);
  }

  statusOf(invitation: Invitation): InvitationStatus {
    return policy.effectiveStatus(invitation, this.clock.now());
  }

  redeemUrl(invitation: Pick<Invitation, 'tenantId' | 'id'>, ticket: string): string {
    const { tenantId, id } = invitation;
    // Ids and base64url tickets need no escaping: URLSearchParams would write them as they are (one per CSV row).
    if (URL_SAFE.test(tenantId) && URL_SAFE.test(id) && URL_SAFE.test(ticket)) {
      return `${this.config.publicUrl}/redeem?tenant=${tenantId}&invitation=${id}&ticket=${ticket}`;
    }
    const query = new URLSearchParams({ tenant: tenantId, invitation: id, ticket });
    return `${this.config.publicUrl}/redeem?${query}`;
  }

  private issued(invitation: Invitation, ticket: string): IssuedInvitation {
    return { invitation, inviteRedeemUrl: this.redeemUrl(invitation, ticket) };
  }

  private async getInTenant(em: EntityManager, tenantId: string, id: string): Promise<Invitation> {
    const invitation = await em.findOneBy(Invitation, { id, tenantId });
    if (!invitation) throw notFound('Invitation', id);
    return invitation;
  }
}
