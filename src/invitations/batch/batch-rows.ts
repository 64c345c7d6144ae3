import { type EntityManager, In } from 'typeorm';
import type { Actor } from '../../directory/actor.js';
import { User } from '../../directory/user.entity.js';
import { newId } from '../../shared/ids.js';
import { Invitation, InvitationStatus } from '../invitation.entity.js';
import type { ExistingState, PlannedRow } from './batch-plan.js';
import { BatchStatus, InvitationBatch, type InvitationBatchRow, RowOutcome } from './invitation-batch.entity.js';

// The rows of a CSV upload: what the database already holds for its addresses, the batch row, and
// the report rows with their counts. invitation-batch.service.ts runs the upload with these, and
// batch-writer.ts writes its rows.

const LOOKUP_CHUNK = 500;

/** The users, pending invitations and interrupted uploads of the same file that decide each row. */
export async function existingState(em: EntityManager, tenantId: string, emails: string[], fileSha256: string): Promise<ExistingState> {
  const users: User[] = [];
  const postgres = em.connection.options.type === 'postgres';
  const param = (n: number) => (postgres ? `$${n}` : '?');
  for (let i = 0; i < emails.length; i += LOOKUP_CHUNK) {
    const mails = emails.slice(i, i + LOOKUP_CHUNK);
    // Which addresses are taken first, in a statement written out (TypeORM's builder rewrote and escaped
    // the 500-address text at more cost than SQLite ran it); the users themselves only when some are.
    const found = (await em.query(
      `SELECT "id" FROM "directory_user" WHERE "tenantId" = ${param(1)} AND "mail" IN (${mails.map((_, n) => param(n + 2)).join(', ')})`,
      [tenantId, ...mails],
    )) as { id: string }[];
    if (found.length === 0) continue;
    const ids = found.map((f) => f.id);
    users.push(
      ...(await em.createQueryBuilder(User, 'u').where('u.tenantId = :tenantId AND u.id IN (:...ids)', { tenantId, ids }).getMany()),
    );
  }
  const pending: Invitation[] = [];
  const userIds = users.map((u) => u.id);
  for (let i = 0; i < userIds.length; i += LOOKUP_CHUNK) {
    pending.push(
      ...(await em.find(Invitation, {
        where: { tenantId, invitedUserId: In(userIds.slice(i, i + LOOKUP_CHUNK)), status: InvitationStatus.PendingAcceptance },
        order: { id: 'ASC' },
      })),
    );
  }
  const interrupted = await em.find(InvitationBatch, {
    where: { tenantId, fileSha256, status: BatchStatus.Processing, dryRun: false },
    select: { id: true },
  });
  return {
    usersByEmail: new Map(users.map((u) => [u.mail, u])),
    // Ordered by id, so the newest pending invitation of a guest wins.
    pendingByUserId: new Map(pending.map((p) => [p.invitedUserId!, p])),
    interruptedBatchIds: new Set(interrupted.map((b) => b.id)),
  };
}

/** A new batch, still processing, with nothing counted yet. */
export function newBatch(
  actor: Actor,
  input: { fileName: string; dryRun: boolean },
  fileSha256: string,
  totalRows: number,
  now: Date,
): InvitationBatch {
  return {
    id: newId(),
    tenantId: actor.tenantId,
    fileName: input.fileName.slice(0, 255),
    fileSha256,
    uploaderKind: actor.kind,
    uploaderId: actor.id,
    uploaderDisplayName: actor.displayName,
    dryRun: input.dryRun,
    status: BatchStatus.Processing,
    totalRows,
    createdCount: 0,
    resentCount: 0,
    skippedCount: 0,
    failedCount: 0,
    createdAt: now,
    completedAt: null,
  };
}

export function toReportRow(batchId: string, p: PlannedRow, invitationId: string | null): InvitationBatchRow {
  return {
    id: newId(),
    batchId,
    rowNumber: p.row.rowNumber,
    line: p.row.line,
    email: p.email?.slice(0, 320) ?? null,
    outcome: p.outcome,
    code: p.code,
    message: p.message,
    invitationId,
  };
}

export function counts(rows: InvitationBatchRow[]) {
  const n = (outcome: RowOutcome) => rows.filter((r) => r.outcome === outcome).length;
  return {
    createdCount: n(RowOutcome.Created),
    resentCount: n(RowOutcome.Resent),
    skippedCount: n(RowOutcome.Skipped),
    failedCount: n(RowOutcome.Failed),
  };
}
