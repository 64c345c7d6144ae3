import { stringify } from 'csv-stringify/sync';
import type { InvitationBatchRow } from './invitation-batch.entity.js';

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab / CR) as a formula; the report repeats
 * what was uploaded, so such cells get a leading apostrophe (OWASP's CSV-injection advice).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function reportCsv(rows: InvitationBatchRow[]): string {
  const header = ['Line', 'Email', 'Outcome', 'Code', 'Message', 'InvitationId'];
  const body = rows.map((r) =>
    [String(r.line), r.email ?? '', r.outcome, r.code ?? '', r.message ?? '', r.invitationId ?? ''].map(neutraliseFormula),
  );
  return stringify([header, ...body], { record_delimiter: '\r\n' });
}
