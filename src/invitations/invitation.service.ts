import type { EntityManager } from 'typeorm';
import { AssignmentPrincipalType } from '../apps/app-assignment.entity.js';
import type { Application } from '../apps/application.entity.js';
import type { ApplicationService } from '../apps/application.service.js';
import type { AssignmentService } from '../apps/assignment.service.js';
import { AuditAction } from '../audit/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { OutboxService } from '../mail/outbox.service.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { type Actor, requireRole } from '../directory/actor.js';
import type { Group } from '../directory/group.entity.js';
import type { GroupService } from '../directory/group.service.js';
import { DirectoryRole, PrincipalKind } from '../directory/role-assignment.entity.js';
import type { Tenant } from '../directory/tenant.entity.js';
import type { TenantService } from '../directory/tenant.service.js';
import { CreationType, ExternalUserState, User, UserType } from '../directory/user.entity.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { newId } from '../shared/ids.js';
import { type Page, type PageArgs } from '../shared/pagination.js';
import { randomToken, sha256Hex } from '../shared/secrets.js';
import { Invitation, InvitationStatus } from './invitation.entity.js';
import * as policy from './invitation.policy.js';
import { type InvitationFilter, InvitationRepository } from './invitation.repository.js';
import { normalizeLanguage } from './languages.js';
import { revokePendingInvitationsOf } from './revoke-pending.js';

export interface InviteInput {
  email: string;
  displayName?: string | null;
  redirectUrl?: string | null;
  applicationIds?: string[] | null;
  groupIds?: string[] | null;
  invitationText?: string | null;
  ccEmailAddress?: string | null;
  language?: string | null;
  sendInvitationMessage?: boolean | null;
  batchId?: string | null;
}

/** An invitation with its redemption URL, which exists only when the ticket was just issued. */
export interface IssuedInvitation {
  invitation: Invitation;
  inviteRedeemUrl: string;
}

const INVITERS = [DirectoryRole.GlobalAdministrator, DirectoryRole.GuestInviter];

export class InvitationService {
  private readonly repository: InvitationRepository;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'publicUrl' | 'invitationTtlDays' | 'consumerEmailDomains'>,
    private readonly tenants: TenantService,
    private readonly apps: ApplicationService,
    private readonly groups: GroupService,
    private readonly assignments: AssignmentService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {
    this.repository = new InvitationRepository(db);
  }

  /**
   * Invites an external person: the guest user exists at once (reused when a pending guest is
   * re-invited; that guest's earlier pending invitations are revoked as superseded), groups and
   * apps are granted now, and a fresh ticket is issued. All in one transaction: any failure
   * (for example one unknown group id) writes nothing.
   * @throws FORBIDDEN, INVALID_EMAIL, CONSUMER_EMAIL_NOT_SUPPORTED, EMAIL_DOMAIN_OWNED_BY_TENANT,
   *   TOO_MANY_CC_RECIPIENTS, UNSUPPORTED_LANGUAGE, REDIRECT_URL_NOT_ALLOWED, NOT_FOUND,
   *   USER_ALREADY_MEMBER, GUEST_ALREADY_ACCEPTED, BAD_USER_INPUT
   */
  async invite(actor: Actor, input: InviteInput): Promise<IssuedInvitation> {
    requireRole(actor, ...INVITERS);
    const email = policy.normalizeEmail(input.email);
    policy.refuseConsumerDomain(email, this.config.consumerEmailDomains);
    const fields = {
      email,
      displayName: policy.normalizeDisplayName(input.displayName, email),
      ccEmailAddress: policy.normalizeCcAddress(input.ccEmailAddress),
      language: normalizeLanguage(input.language),
      invitationText: policy.normalizeInvitationText(input.invitationText),
      sendInvitationMessage: input.sendInvitationMessage ?? true,
    };
    return this.db.transaction(async (em) => {
      const tenant = await this.tenants.get(actor.tenantId, em);
      if ((await this.tenants.domainOwner(policy.emailDomain(email), em)) === tenant.id) {
        throw new DomainError(ErrorCode.EMAIL_DOMAIN_OWNED_BY_TENANT, `${policy.emailDomain(email)} is a domain of this tenant; add the person as a member instead`);
      }
      const apps = await this.loadAll(unique(input.applicationIds), (id) => this.apps.getInTenant(tenant.id, id, em));
      const groups = await this.loadAll(unique(input.groupIds), (id) => this.groups.getInTenant(tenant.id, id, em));
      const redirectUrl = policy.checkRedirectUrl(input.redirectUrl, apps.flatMap((a) => a.replyUrls), tenant.allowedRedirectHosts);
      const guest = await this.guestFor(em, tenant, fields.email, fields.displayName);
      await this.grant(em, actor, guest, apps, groups);
      const now = this.clock.now();
      const ticket = randomToken(32);
      const invitation = em.create(Invitation, {
        ...fields,
        id: newId(),
        tenantId: tenant.id,
        invitedUserId: guest.id,
        inviterKind: actor.kind,
        inviterId: actor.id,
        inviterDisplayName: actor.displayName,
        redirectUrl,
        applicationIds: apps.map((a) => a.id),
        groupIds: groups.map((g) => g.id),
        status: InvitationStatus.PendingAcceptance,
        ticketHash: sha256Hex(ticket),
        expiresAt: policy.expiryFor(now, tenant.invitationTtlDays ?? this.config.invitationTtlDays),
        redeemedAt: null,
        revokedAt: null,
        batchId: input.batchId ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await em.insert(Invitation, invitation);
      await this.queueMessage(em, actor, tenant, invitation, ticket);
      await this.audit.record(em, actor, AuditAction.InviteExternalUser, { type: 'User', id: guest.id }, {
        invitationId: invitation.id, email, applicationIds: invitation.applicationIds, groupIds: invitation.groupIds,
      });
      return this.issued(invitation, ticket);
    });
  }

  /**
   * Issues a fresh ticket and expiry for a pending (or expired) invitation; the old link stops working.
   * @throws NOT_FOUND, FORBIDDEN, INVITATION_NOT_PENDING (accepted or revoked)
   */
  async resend(actor: Actor, id: string): Promise<IssuedInvitation> {
    requireRole(actor, ...INVITERS);
    return this.db.transaction(async (em) => {
      const invitation = await this.getInTenant(em, actor.tenantId, id);
      if (invitation.status !== InvitationStatus.PendingAcceptance) policy.requirePending(invitation, this.clock.now());
      const tenant = await this.tenants.get(actor.tenantId, em);
      const now = this.clock.now();
      const ticket = randomToken(32);
      invitation.ticketHash = sha256Hex(ticket);
      invitation.expiresAt = policy.expiryFor(now, tenant.invitationTtlDays ?? this.config.invitationTtlDays);
      invitation.updatedAt = now;
      await em.update(Invitation, { id }, { ticketHash: invitation.ticketHash, expiresAt: invitation.expiresAt, updatedAt: now });
      await this.queueMessage(em, actor, tenant, invitation, ticket);
      await this.audit.record(em, actor, AuditAction.ResendExternalUserInvite, { type: 'Invitation', id }, { email: invitation.email });
      return this.issued(invitation, ticket);
    });
  }

  /** The link stops working at once; the guest object stays (remove it with removeUser). @throws NOT_FOUND, FORBIDDEN, INVITATION_NOT_PENDING */
  async revoke(actor: Actor, id: string): Promise<Invitation> {
    requireRole(actor, ...INVITERS);
    return this.db.transaction(async (em) => {
      const invitation = await this.getInTenant(em, actor.tenantId, id);
      if (invitation.status !== InvitationStatus.PendingAcceptance) policy.requirePending(invitation, this.clock.now());
      const now = this.clock.now();
      Object.assign(invitation, { status: InvitationStatus.Revoked, revokedAt: now, updatedAt: now });
      await em.update(Invitation, { id }, { status: invitation.status, revokedAt: now, updatedAt: now });
      await this.outbox.cancelForInvitation(em, id);
      await this.audit.record(em, actor, AuditAction.RevokeExternalUserInvite, { type: 'Invitation', id }, { email: invitation.email });
      return invitation;
    });
  }

  /** Newest first. */
  async list(actor: Actor, filter: InvitationFilter, page: PageArgs): Promise<Page<Invitation>> {
    requireRole(actor, ...INVITERS);
    return this.repository.list(actor.tenantId, filter, page, this.clock.now());
  }

  async get(actor: Actor, id: string): Promise<Invitation> {
    requireRole(actor, ...INVITERS);
    return this.getInTenant(this.db.manager, actor.tenantId, id);
  }

  statusOf(invitation: Invitation): InvitationStatus {
    return policy.effectiveStatus(invitation, this.clock.now());
  }

  redeemUrl(invitation: Pick<Invitation, 'tenantId' | 'id'>, ticket: string): string {
    const query = new URLSearchParams({ tenant: invitation.tenantId, invitation: invitation.id, ticket });
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

  private async loadAll<T>(ids: string[], load: (id: string) => Promise<T>): Promise<T[]> {
    const items: T[] = [];
    for (const id of ids) items.push(await load(id));
    return items;
  }

  /** The guest to invite: a pending guest is reused (its pending invitations superseded); members and accepted guests are refused. */
  private async guestFor(em: EntityManager, tenant: Tenant, email: string, displayName: string): Promise<User> {
    const existing = await em.findOneBy(User, { tenantId: tenant.id, mail: email });
    const now = this.clock.now();
    if (existing?.userType === UserType.Member) {
      throw new DomainError(ErrorCode.USER_ALREADY_MEMBER, `${email} is already a member of this tenant`, { userId: existing.id });
    }
    if (existing?.externalUserState === ExternalUserState.Accepted) {
      throw new DomainError(ErrorCode.GUEST_ALREADY_ACCEPTED, `${email} has already accepted an invitation; assign apps or groups to the guest directly`, {
        userId: existing.id,
      });
    }
    if (existing) {
      await revokePendingInvitationsOf(em, this.outbox, existing.id, now);
      return existing;
    }
    const guest = em.create(User, {
      id: newId(),
      tenantId: tenant.id,
      userType: UserType.Guest,
      displayName,
      mail: email,
      userPrincipalName: policy.guestUserPrincipalName(email, tenant.defaultDomain),
      creationType: CreationType.Invitation,
      externalUserState: ExternalUserState.PendingAcceptance,
      externalUserStateChangedAt: now,
      signInName: null,
      altSecId: null,
      accountEnabled: true,
      createdAt: now,
      updatedAt: now,
    });
    await em.insert(User, guest);
    return guest;
  }

  /** Queues the email with the fresh link, unless the admin chose to hand the link over themselves. */
  private async queueMessage(em: EntityManager, actor: Actor, tenant: Tenant, invitation: Invitation, ticket: string): Promise<void> {
    if (!invitation.sendInvitationMessage) return;
    const inviter = actor.kind === PrincipalKind.User ? await em.findOneBy(User, { id: actor.id }) : null;
    await this.outbox.enqueueInvitation(em, tenant, invitation, this.redeemUrl(invitation, ticket), inviter?.mail ?? null);
  }

  private async grant(em: EntityManager, actor: Actor, guest: User, apps: Application[], groups: Group[]): Promise<void> {
    for (const group of groups) await this.groups.addMemberWithin(em, actor, group, guest);
    for (const app of apps) {
      await this.assignments.assignWithin(em, actor, app, { type: AssignmentPrincipalType.User, id: guest.id });
    }
  }
}

function unique(ids: string[] | null | undefined): string[] {
  return [...new Set((ids ?? []).map((id) => id.trim()).filter(Boolean))];
}
