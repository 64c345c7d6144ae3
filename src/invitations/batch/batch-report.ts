import type { InvitationBatchRow } from './invitation-batch.entity.js';

/**
 * A spreadsheet treats a cell starting with = + - @ (or a tab / CR) as a formula; the report repeats
 * what was uploaded, so such cells get a leading apostrophe (OWASP's CSV-injection advice).
 */
export function neutraliseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const HEADER = 'Line,Email,Outcome,Code,Message,InvitationId\r\n';

/** RFC 4180: a cell with a quote, comma or line break is quoted, its quotes doubled. */
function cell(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The report as CSV, CRLF after every record. Written by hand: csv-stringify took about 30 ms of a
 * 2000-row upload's answer; test/unit/batch-report.test.ts holds it to csv-stringify's output.
 */
export function reportCsv(rows: InvitationBatchRow[]): string {
  let csv = HEADER;
  for (const r of rows) {
    csv += `${cell(String(r.line))},${cell(r.email ?? '')},${cell(r.outcome)},${cell(r.code ?? '')},${cell(r.message ?? '')},${cell(r.invitationId ?? '')}\r\n`;
  }
  return csv;
}
