import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { neutraliseFormula, reportCsv } from '../../src/invitations/batch/batch-report.js';
import { type InvitationBatchRow, RowOutcome } from '../../src/invitations/batch/invitation-batch.entity.js';

const header = ['Line', 'Email', 'Outcome', 'Code', 'Message', 'InvitationId'];
const rowsOf = (cells: string[]): InvitationBatchRow[] =>
  cells.map((c, i) => ({
    id: String(i),
    batchId: 'b',
    rowNumber: i + 1,
    line: i + 2,
    email: c,
    outcome: RowOutcome.Failed,
    code: i % 2 ? null : c,
    message: c || null,
    invitationId: i % 3 ? null : c,
  }));
const cellsOf = (rows: InvitationBatchRow[]) =>
  rows.map((r) => [String(r.line), r.email ?? '', r.outcome, r.code ?? '', r.message ?? '', r.invitationId ?? ''].map(neutraliseFormula));

describe('reportCsv (written by hand for speed)', () => {
  it('writes what csv-stringify wrote, formulas neutralised', () => {
    const rows = rowsOf(['plain', '', 'a,b', 'say "hi"', '=1+1', '+x', '-y', '@z', '\tt', ' spaced ', 'ünï 山田', '"', ',']);
    expect(reportCsv(rows)).toBe(stringify([header, ...cellsOf(rows)], { record_delimiter: '\r\n' }));
  });

  it('quotes line breaks too, so every cell reads back as written', () => {
    const rows = rowsOf(['two\nlines', 'cr\r', 'crlf\r\nx', '"quoted, and\nbroken"']);
    expect(parse(reportCsv(rows))).toEqual([header, ...cellsOf(rows)]);
  });
});
