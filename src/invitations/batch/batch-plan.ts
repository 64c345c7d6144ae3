import type { User } from '../../directory/user.entity.js';
import { canonicalEmail } from '../../shared/email.js';
import { DomainError, ErrorCode } from '../../shared/errors.js';
import type { InviteContext } from '../invite-context.js';
import type { Invitation } from '../invitation.entity.js';
import { checkInvitee, type ValidatedInvite, validateInvite } from '../invitation.policy.js';
import { csvRedirectUrl } from '../redirect-url.js';
import { type CsvRow, splitIds } from './csv-format.js';
import { RowOutcome } from './invitation-batch.entity.js';

/** What the directory already holds for the addresses in a file. */
export interface ExistingState {
  usersByEmail: ReadonlyMap<string, User>;
  pendingByUserId: ReadonlyMap<string, Invitation>;
  /** Unfinished uploads of the same file: their rows were done before the interruption. */
  interruptedBatchIds: ReadonlySet<string>;
}

export interface PlannedRow {
  row: CsvRow;
  email: string | null;
  outcome: RowOutcome;
  code: string | null;
  message: string | null;
  invite?: ValidatedInvite;
  guest?: User | null;
  resend?: Invitation | null;
}

/** Validates one row with the single-invitation rules; never throws. */
export function validateRow(row: CsvRow, ctx: InviteContext): PlannedRow {
  const f = row.fields;
  const base = { row, email: f.email ? canonicalEmail(f.email) || null : null };
  try {
    if (row.problem) throw new DomainError(ErrorCode.CSV_BAD_ROW, row.problem);
    if (f.brandingApp?.trim() && !ctx.apps.has(f.brandingApp.trim())) {
      throw new DomainError(ErrorCode.NOT_FOUND, `InviteAppID ${f.brandingApp.trim()} is not an application of this tenant`);
    }
    const invite = validateInvite(
      {
        email: f.email ?? '',
        displayName: f.displayName,
        invitationText: f.invitationText,
        redirectUrl: csvRedirectUrl(f.redirectUrl),
        redirectUrlSource: row.labels.redirectUrl?.trim(),
        applicationIds: splitIds(f.applications),
        groupIds: splitIds(f.groups),
        ccEmailAddress: f.ccEmailAddress,
        language: f.language,
        contactUrl: f.contactUrl,
      },
      ctx,
    );
    return { ...base, email: invite.email, invite, outcome: RowOutcome.Created, code: null, message: null };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { ...base, outcome: RowOutcome.Failed, code: error.code, message: error.message };
  }
}

/**
 * Decides each valid row against the directory: a new guest is created; a pending invitation is
 * re-sent in place; a guest without a pending invitation is re-invited; accepted guests, later
 * duplicates in the file and rows already done by an interrupted upload of the same file are skipped;
 * members fail.
 */
export function decideRows(planned: PlannedRow[], existing: ExistingState): PlannedRow[] {
  const firstLine = new Map<string, number>();
  return planned.map((p) => {
    if (!p.invite) return p;
    const earlier = firstLine.get(p.invite.email);
    if (earlier !== undefined) return skip(p, ErrorCode.DUPLICATE_IN_FILE, `Duplicate of the row on line ${earlier}`);
    firstLine.set(p.invite.email, p.row.line);
    const guest = existing.usersByEmail.get(p.invite.email) ?? null;
    try {
      checkInvitee(guest);
    } catch (error) {
      const e = error as DomainError;
      return e.code === ErrorCode.GUEST_ALREADY_ACCEPTED
        ? skip(p, e.code, e.message)
        : { ...p, outcome: RowOutcome.Failed, code: e.code, message: e.message };
    }
    const pending = guest ? (existing.pendingByUserId.get(guest.id) ?? null) : null;
    if (pending?.batchId && existing.interruptedBatchIds.has(pending.batchId)) {
      return skip(p, ErrorCode.ALREADY_INVITED_BY_UPLOAD, 'Already invited by an interrupted upload of this file');
    }
    return { ...p, guest, resend: pending, outcome: pending ? RowOutcome.Resent : RowOutcome.Created };
  });
}

function skip(p: PlannedRow, code: string, message: string): PlannedRow {
  return { ...p, outcome: RowOutcome.Skipped, code, message, invite: undefined };
}

/** Whether writing the row queues an invitation email (what the tenant's mail budget counts). */
export const sendsMail = (p: PlannedRow): boolean => Boolean(p.invite?.sendInvitationMessage);

/** Rows past the tenant's invitation mail budget fail with INVITATION_MAIL_LIMIT. */
export function withRefusals(planned: PlannedRow[], refused: ReadonlyMap<PlannedRow, DomainError>): PlannedRow[] {
  return planned.map((p) => {
    const error = refused.get(p);
    return error ? { ...p, outcome: RowOutcome.Failed, code: error.code, message: error.message, invite: undefined } : p;
  });
}

/** The ids the rows' cells name, each distinct cell split once (an upload's rows mostly repeat theirs). */
export function idsOf(rows: readonly CsvRow[], cells: (row: CsvRow) => (string | undefined)[]): Set<string> {
  const ids = new Set<string>();
  const seen = new Set<string>();
  for (const row of rows) {
    for (const cell of cells(row)) {
      if (!cell || seen.has(cell)) continue;
      seen.add(cell);
      for (const id of splitIds(cell)) ids.add(id);
    }
  }
  return ids;
}
