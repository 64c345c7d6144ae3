import { type EntityManager, In } from 'typeorm';
import { AppAssignment, AssignmentPrincipalType } from '../apps/app-assignment.entity.js';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditEntry, AuditService } from '../audit/audit.service.js';
import { insertMany } from '../db/bulk.js';
import type { Actor } from '../directory/actor.js';
import type { PartnerRowsPort } from '../directory/ports.js';
import { can, Permission } from '../directory/permissions.js';
import { GroupMember } from '../directory/group.entity.js';
import { PrincipalKind } from '../directory/role-assignment.entity.js';
import type { Tenant } from '../directory/tenant.entity.js';
import { User } from '../directory/user.entity.js';
import { setAccessEnd } from '../directory/user.rows.js';
import type { OutboxService } from '../mail/outbox.service.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { randomToken, sha256Hex } from '../shared/secrets.js';
import { Invitation, InvitationStatus } from './invitation.entity.js';
import { ensureGuests } from './guest-accounts.js';
import { expiryFor, keepEarlierLimits, type ValidatedInvite } from './invitation.policy.js';
import { revokePendingInvitationsOf } from './invitation.rows.js';

/** One validated invitation to write, with what the directory already holds for that address. */
export interface InviteWrite {
  invite: ValidatedInvite;
  /** The pending guest with this address, if any (members and accepted guests were refused before). */
  guest: User | null;
  /** When set, this pending invitation is re-issued in place (CSV re-upload) instead of superseded. */
  resend: Invitation | null;
  batchId: string | null;
}

export interface WrittenInvite {
  invitation: Invitation;
  ticket: string;
  outcome: 'created' | 'resent';
}

export interface WriterDeps {
  clock: Clock;
  outbox: OutboxService;
  audit: AuditService;
  defaultTtlDays: number;
  redeemUrl: (invitation: Invitation, ticket: string) => string;
  /** The partner rows: the guests created here join their partners in this transaction. */
  partners: PartnerRowsPort;
}

/**
 * Writes validated invitations inside the caller's transaction, in bulk: guests, grants
 * (group memberships and app assignments, skipping those that exist), invitations with fresh
 * tickets, their emails in the outbox, and the audit events. One code path for a single
 * GraphQL invitation and for a 2000-row file.
 */
export async function writeInvitations(
  em: EntityManager,
  deps: WriterDeps,
  actor: Actor,
  tenant: Tenant,
  writes: InviteWrite[],
): Promise<WrittenInvite[]> {
  const now = deps.clock.now();
  const expiresAt = expiryFor(now, tenant.invitationTtlDays ?? deps.defaultTtlDays);
  const audit: AuditEntry[] = [];

  await applyEarlierLimits(em, actor, writes);
  const guests = await ensureGuests(em, tenant, writes, now);
  // A re-invited guest takes the access end its new invitation settles on.
  for (let i = 0; i < writes.length; i++) {
    const write = writes[i]!;
    if (write.guest && write.guest.accessExpiresAt?.getTime() !== write.invite.accessExpiresAt?.getTime()) {
      await setAccessEnd(em, guests[i]!.id, write.invite.accessExpiresAt);
    }
  }
  await supersedePending(em, deps, writes, guests, now);
  audit.push(...(await grant(em, writes, guests, now)));

  const results: WrittenInvite[] = [];
  const fresh: Invitation[] = [];
  for (let i = 0; i < writes.length; i++) {
    const write = writes[i]!;
    const ticket = randomToken(32);
    const fields = invitationFields(write, guests[i]!, actor, ticket, expiresAt, now);
    let invitation: Invitation;
    if (write.resend) {
      invitation = Object.assign(write.resend, fields);
      await em.update(Invitation, { id: invitation.id }, fields);
    } else {
      // A plain assignment (em.create walks the metadata for every row), without a merged copy.
      invitation = Object.assign(new Invitation(), fields);
      invitation.id = newId();
      invitation.tenantId = tenant.id;
      invitation.redeemedAt = null;
      invitation.revokedAt = null;
      invitation.createdAt = now;
      fresh.push(invitation);
    }
    results.push({ invitation, ticket, outcome: write.resend ? 'resent' : 'created' });
    audit.push({
      action: write.resend ? AuditAction.ResendExternalUserInvite : AuditAction.InviteExternalUser,
      target: { type: 'User', id: guests[i]!.id },
      details: { email: write.invite.email, invitationId: invitation.id, batchId: write.batchId },
    });
  }
  await insertMany(em, Invitation, fresh);
  // New guests join their partners, and every guest's pending invitation (its expiry) is counted there.
  const created = new Map(writes.flatMap((w, i) => (w.guest ? [] : [[guests[i]!.id, results[i]!.invitation.expiresAt] as const])));
  await deps.partners.guestsInvited(em, guests, created);
  await queueEmails(em, deps, actor, tenant, results);
  await deps.audit.recordMany(em, actor, audit);
  return results;
}

function invitationFields(write: InviteWrite, guest: User, actor: Actor, ticket: string, expiresAt: Date | null, now: Date) {
  const { invite } = write;
  return {
    email: invite.email,
    displayName: invite.displayName,
    invitedUserId: guest.id,
    inviterKind: actor.kind,
    inviterId: actor.id,
    inviterDisplayName: actor.displayName,
    redirectUrl: invite.redirectUrl,
    applicationIds: mergeIds(
      write.resend?.applicationIds,
      invite.apps.map((a) => a.id),
    ),
    groupIds: mergeIds(
      write.resend?.groupIds,
      invite.groups.map((g) => g.id),
    ),
    invitationText: invite.invitationText,
    ccEmailAddress: invite.ccEmailAddress,
    language: invite.language,
    sendInvitationMessage: invite.sendInvitationMessage,
    contactUrl: invite.contactUrl,
    accessExpiresAt: invite.accessExpiresAt,
    status: InvitationStatus.PendingAcceptance,
    ticketHash: sha256Hex(ticket),
    expiresAt,
    batchId: write.batchId,
    updatedAt: now,
  };
}

/** Re-invitations keep the limits of the pending invitation they replace (see keepEarlierLimits). */
async function applyEarlierLimits(em: EntityManager, actor: Actor, writes: InviteWrite[]): Promise<void> {
  const reinvited = writes.filter((w) => w.guest);
  if (reinvited.length === 0) return;
  const pending = await em.find(Invitation, {
    where: { invitedUserId: In(reinvited.map((w) => w.guest!.id)), status: InvitationStatus.PendingAcceptance },
    order: { createdAt: 'DESC' },
  });
  const latest = new Map<string, Invitation>();
  for (const invitation of pending) if (!latest.has(invitation.invitedUserId!)) latest.set(invitation.invitedUserId!, invitation);
  const grantsAllowed = can(actor, Permission.GrantAccessOnInvite);
  for (const write of reinvited) {
    const earlier = write.resend ?? latest.get(write.guest!.id);
    write.invite = keepEarlierLimits(
      write.invite,
      {
        accessExpiresAt: write.guest!.accessExpiresAt ?? null,
        ccEmailAddress: earlier?.ccEmailAddress ?? null,
      },
      grantsAllowed,
    );
  }
}

/**
 * A re-invited guest's earlier pending invitations are revoked (only the newest link works), and
 * emails not yet sent for them, or for invitations re-issued in place, are cancelled.
 */
async function supersedePending(em: EntityManager, deps: WriterDeps, writes: InviteWrite[], guests: User[], now: Date): Promise<void> {
  const reinvited = writes.flatMap((w, i) => (w.guest && !w.resend ? [guests[i]!.id] : []));
  await revokePendingInvitationsOf(em, deps.outbox, reinvited, now);
  await deps.outbox.cancelForInvitations(
    em,
    writes.flatMap((w) => (w.resend ? [w.resend.id] : [])),
  );
}

/** Adds the requested group memberships and app assignments that do not exist yet. */
async function grant(em: EntityManager, writes: InviteWrite[], guests: User[], now: Date): Promise<AuditEntry[]> {
  const existingGuestIds = writes.flatMap((w, i) => (w.guest ? [guests[i]!.id] : []));
  const memberships = existingGuestIds.length ? await em.find(GroupMember, { where: { userId: In(existingGuestIds) } }) : [];
  const assignments = existingGuestIds.length
    ? await em.find(AppAssignment, { where: { principalType: AssignmentPrincipalType.User, principalId: In(existingGuestIds) } })
    : [];
  const hasMembership = new Set(memberships.map((m) => `${m.groupId}/${m.userId}`));
  const hasAssignment = new Set(assignments.map((a) => `${a.applicationId}/${a.principalId}`));
  const newMembers: GroupMember[] = [];
  const newAssignments: AppAssignment[] = [];
  const audit: AuditEntry[] = [];
  // One details object per group or app, shared by its events (written as one JSON text, see bulk-sqlite.ts).
  const details = new Map<object, AuditEntry['details']>();
  const detailsOf = (key: object, make: () => AuditEntry['details']) => {
    let d = details.get(key);
    if (!d) details.set(key, (d = make()));
    return d;
  };
  writes.forEach(({ invite }, i) => {
    const guest = guests[i]!;
    for (const group of invite.groups) {
      if (hasMembership.has(`${group.id}/${guest.id}`)) continue;
      hasMembership.add(`${group.id}/${guest.id}`);
      newMembers.push({ groupId: group.id, userId: guest.id, tenantId: guest.tenantId, createdAt: now });
      audit.push({
        action: AuditAction.AddExternalUserToGroup,
        target: { type: 'User', id: guest.id },
        details: detailsOf(group, () => ({ groupId: group.id, groupName: group.displayName })),
      });
    }
    for (const app of invite.apps) {
      if (hasAssignment.has(`${app.id}/${guest.id}`)) continue;
      hasAssignment.add(`${app.id}/${guest.id}`);
      newAssignments.push({
        id: newId(),
        tenantId: guest.tenantId,
        applicationId: app.id,
        principalType: AssignmentPrincipalType.User,
        principalId: guest.id,
        appRoles: [],
        createdAt: now,
      });
      audit.push({
        action: AuditAction.AssignExternalUserToApplication,
        target: { type: 'User', id: guest.id },
        details: detailsOf(app, () => ({ applicationId: app.id, applicationName: app.displayName })),
      });
    }
  });
  await insertMany(em, GroupMember, newMembers);
  await insertMany(em, AppAssignment, newAssignments);
  return audit;
}

async function queueEmails(em: EntityManager, deps: WriterDeps, actor: Actor, tenant: Tenant, results: WrittenInvite[]): Promise<void> {
  const toSend = results.filter((r) => r.invitation.sendInvitationMessage);
  if (toSend.length === 0) return;
  const inviter = actor.kind === PrincipalKind.User ? await em.findOneBy(User, { id: actor.id }) : null;
  await deps.outbox.queueInvitationMessages(
    em,
    tenant,
    toSend.map((r) => ({
      invitation: r.invitation,
      redeemUrl: deps.redeemUrl(r.invitation, r.ticket),
      replyTo: inviter?.mail ?? null,
    })),
  );
}

function mergeIds(existing: readonly string[] | undefined, added: readonly string[]): string[] {
  return [...new Set([...(existing ?? []), ...added])];
}
