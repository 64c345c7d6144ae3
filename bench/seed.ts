import type { Gateway } from '../src/app.js';
import { insertMany } from '../src/db/bulk.js';
import { CreationType, ExternalUserState, User, UserType } from '../src/directory/user.entity.js';
import { Invitation, InvitationStatus } from '../src/invitations/invitation.entity.js';
import { DeliveryStatus, MessageAudience, OutboxMessage } from '../src/mail/outbox-message.entity.js';
import { newId } from '../src/shared/ids.js';

const ROWS = Number(process.env.BENCH_INVITATIONS ?? 100_000);

/**
 * `rows` invitations (and their guests) written straight to the tables: this is seeding, not the path
 * under test. `start` numbers the rows from there, so a tenant can be grown in steps (bench/growth.ts).
 */
export async function seedInvitations(gateway: Gateway, tenantId: string, inviterId: string, rows = ROWS, start = 0): Promise<void> {
  const now = Date.now();
  const statuses = [
    InvitationStatus.PendingAcceptance,
    InvitationStatus.PendingAcceptance,
    InvitationStatus.Accepted,
    InvitationStatus.Revoked,
  ];
  const end = start + rows;
  for (let offset = start; offset < end; offset += 5000) {
    const users: Partial<User>[] = [];
    const invitations: Partial<Invitation>[] = [];
    const mails: Partial<OutboxMessage>[] = [];
    for (let i = offset; i < Math.min(end, offset + 5000); i++) {
      const email = `guest${i}@partner${i % 50}.example`;
      const created = new Date(now - (end - i) * 1000);
      const userId = newId();
      users.push({
        id: userId,
        tenantId,
        userType: UserType.Guest,
        displayName: `Guest ${i}`,
        mail: email,
        userPrincipalName: `${email.replace('@', '_')}#EXT#@bench.example`,
        creationType: CreationType.Invitation,
        externalUserState: ExternalUserState.PendingAcceptance,
        externalUserStateChangedAt: created,
        signInName: null,
        altSecId: null,
        accountEnabled: true,
        passwordHash: null,
        emailVerified: false,
        homeUserId: null,
        createdAt: created,
        updatedAt: created,
      });
      const invitationId = newId();
      invitations.push({
        id: invitationId,
        tenantId,
        email,
        displayName: `Guest ${i}`,
        invitedUserId: userId,
        inviterKind: 'application',
        inviterId,
        inviterDisplayName: 'bench',
        redirectUrl: null,
        applicationIds: [],
        groupIds: [],
        invitationText: null,
        ccEmailAddress: null,
        language: 'en',
        sendInvitationMessage: false,
        status: statuses[i % statuses.length]!,
        // Unique across tenants seeded in one database (the column is unique).
        ticketHash: `${i.toString(16).padStart(8, '0')}${tenantId.replaceAll('-', '')}${'0'.repeat(24)}`,
        expiresAt: new Date(now + 30 * 86_400_000),
        redeemedAt: null,
        revokedAt: null,
        batchId: null,
        contactUrl: null,
        accessExpiresAt: null,
        createdAt: created,
        updatedAt: created,
      });
      // Its invitation email, sent: what the nested listings' `delivery` reads.
      mails.push({
        id: newId(),
        tenantId,
        invitationId,
        audience: MessageAudience.Tenant,
        messageId: `<${invitationId}@bench.example>`,
        fromAddress: 'invitations@bench.example',
        replyTo: null,
        toAddress: email,
        toName: `Guest ${i}`,
        ccAddress: null,
        subject: 'bench invitation',
        bodySealed: '-',
        status: DeliveryStatus.Sent,
        attempts: 1,
        nextAttemptAt: created,
        lockedBy: null,
        lockedUntil: null,
        lastError: null,
        serverResponse: '250 OK',
        sentAt: created,
        createdAt: created,
        updatedAt: created,
      });
    }
    await gateway.db.transaction(async (em) => {
      await insertMany(em, User, users as never[], 500);
      await insertMany(em, Invitation, invitations as never[], 500);
      await insertMany(em, OutboxMessage, mails as never[], 500);
    });
  }
  // The partner rows the services keep on write, built once for the rows written straight to the tables.
  await gateway.services.partners.rebuild(tenantId);
  // What autovacuum does shortly after a bulk load; without statistics PostgreSQL guesses a plan for a tiny table.
  await gateway.db.dataSource.query('ANALYZE');
}
