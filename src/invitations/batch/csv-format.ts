import { isUtf8 } from 'node:buffer';
import { CsvError, type Options, parse } from 'csv-parse/sync';
import { DomainError, ErrorCode } from '../../shared/errors.js';
import { type RawRecord, readWellFormedCsv } from './csv-records.js';

/** At most this many data rows (the header does not count): the documented limit. */
export const MAX_DATA_ROWS = 2000;

/** Our field → the labels that mean it (2016 names first, then the 2015 equivalents), lower-case. */
const LABELS = {
  email: ['email'],
  displayName: ['displayname'],
  invitationText: ['invitationtext'],
  redirectUrl: ['inviteredirecturl', 'invitereplyurl'],
  applications: ['invitedtoapplications', 'inviteappresources'],
  groups: ['invitedtogroups', 'invitegroupresources'],
  ccEmailAddress: ['ccemailaddress'],
  language: ['language'],
  brandingApp: ['inviteappid'],
  contactUrl: ['invitecontactusurl'],
} as const;

export type CsvField = keyof typeof LABELS;
const REQUIRED: CsvField[] = ['email', 'displayName'];
const FIELD_BY_LABEL = new Map<string, CsvField>(
  Object.entries(LABELS).flatMap(([field, labels]) => labels.map((label) => [label, field as CsvField] as const)),
);
export const DOCUMENTED_LABELS = [
  'Email',
  'DisplayName',
  'InvitationText',
  'InviteRedirectURL',
  'InvitedToApplications',
  'InvitedToGroups',
  'CcEmailAddress',
  'Language',
  'InviteReplyURL',
  'InviteAppResources',
  'InviteGroupResources',
  'InviteAppID',
  'InviteContactUsUrl',
];

export interface CsvRow {
  /** 1-based among data rows. */
  rowNumber: number;
  /** Line of the file where the row starts; the header is line 1. */
  line: number;
  fields: Partial<Record<CsvField, string>>;
  /** The header's label of each field, as the file spells it (`InviteReplyUrl`), for messages. */
  labels: Partial<Record<CsvField, string>>;
  /** A row that cannot be read as the header says (wrong number of fields). */
  problem?: string;
}

/**
 * Reads an invitation CSV: header row required, labels matched case-insensitively after trimming,
 * in any order; quoted fields, BOM, CRLF or LF. Rows with only empty cells are ignored.
 * @throws CSV_MALFORMED, CSV_EMPTY, CSV_UNKNOWN_COLUMN, CSV_MISSING_COLUMN, CSV_DUPLICATE_COLUMN, CSV_TOO_MANY_ROWS
 */
export function parseInvitationCsv(content: Buffer): CsvRow[] {
  const records = readRecords(content);
  const header = records.shift();
  if (!header) throw new DomainError(ErrorCode.CSV_EMPTY, 'The file is empty: a header row (Email,DisplayName,…) is required');
  const { columns, labels } = mapHeader(header.cells);
  const rows: CsvRow[] = [];
  for (const record of records) {
    if (record.cells.every((cell) => cell.trim() === '')) continue;
    const row: CsvRow = { rowNumber: rows.length + 1, line: record.line, fields: {}, labels };
    if (record.cells.length !== columns.length) {
      row.problem = `Row has ${record.cells.length} fields but the header has ${columns.length}`;
    }
    columns.forEach((field, i) => {
      if (field) row.fields[field] = record.cells[i] ?? '';
    });
    rows.push(row);
  }
  if (rows.length > MAX_DATA_ROWS) {
    throw new DomainError(
      ErrorCode.CSV_TOO_MANY_ROWS,
      `The file has ${rows.length} data rows; at most ${MAX_DATA_ROWS} are allowed (the header row does not count). Split it into several files.`,
      { rows: rows.length, max: MAX_DATA_ROWS },
    );
  }
  return rows;
}

/** Several ids in one cell: separated by spaces (documented), semicolons or commas. */
export function splitIds(cell: string | undefined): string[] {
  return (cell ?? '').split(/[\s;,]+/).filter(Boolean);
}

function mapHeader(labels: string[]): { columns: (CsvField | null)[]; labels: Partial<Record<CsvField, string>> } {
  const seen = new Map<CsvField, string>();
  const columns = labels.map((raw) => {
    const label = raw.trim();
    if (label === '') return null;
    const field = FIELD_BY_LABEL.get(label.toLowerCase());
    if (!field) {
      throw new DomainError(ErrorCode.CSV_UNKNOWN_COLUMN, `Unknown column "${label}". Known columns: ${DOCUMENTED_LABELS.join(', ')}`, {
        column: label,
      });
    }
    const earlier = seen.get(field);
    if (earlier)
      throw new DomainError(ErrorCode.CSV_DUPLICATE_COLUMN, `Columns "${earlier}" and "${label}" mean the same thing`, { column: label });
    seen.set(field, label);
    return field;
  });
  const missing = REQUIRED.filter((field) => !seen.has(field));
  if (missing.length > 0) {
    throw new DomainError(
      ErrorCode.CSV_MISSING_COLUMN,
      `The header must have the columns Email and DisplayName; missing: ${missing.map((f) => (f === 'email' ? 'Email' : 'DisplayName')).join(', ')}`,
      {
        missing,
      },
    );
  }
  return { columns, labels: Object.fromEntries(seen) };
}

/**
 * A NUL byte is in no text CSV (a UTF-16 "Unicode text" export has one in every other byte), and
 * PostgreSQL refuses it in text: the whole file is refused, naming the line, before any row is read.
 */
function refuseNul(content: Buffer): void {
  const at = content.indexOf(0);
  if (at < 0) return;
  let line = 1;
  for (let i = 0; i < at; i++) if (content[i] === 0x0a) line++;
  throw new DomainError(
    ErrorCode.CSV_MALFORMED,
    `The file is not valid CSV near line ${line}: it holds a NUL character. Save it as "CSV UTF-8" (a UTF-16 "Unicode text" file has one in every character).`,
    { line },
  );
}

/**
 * The file must be UTF-8 text ("CSV UTF-8"; plain ASCII is UTF-8 too). A Windows-1252 or Latin-1
 * export ("CSV (Comma delimited)") would otherwise be read with U+FFFD for every accented letter,
 * and guests invited and mailed under the mangled names: the whole file is refused, naming the first
 * line that is not UTF-8 (an LF byte is never inside a UTF-8 sequence, so lines are checked alone).
 */
function refuseNonUtf8(content: Buffer): void {
  if (isUtf8(content)) return;
  let line = 1;
  let start = 0;
  for (let end = content.indexOf(0x0a); end >= 0 && isUtf8(content.subarray(start, end)); end = content.indexOf(0x0a, start)) {
    line++;
    start = end + 1;
  }
  throw new DomainError(
    ErrorCode.CSV_MALFORMED,
    `The file is not valid CSV near line ${line}: it is not UTF-8 text (an accented letter saved as Windows-1252 or Latin-1?). Save it as "CSV UTF-8".`,
    { line },
  );
}

const OPTIONS: Options = { bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ['\r\n', '\n', '\r'] };

function readRecords(content: Buffer): RawRecord[] {
  refuseNul(content);
  refuseNonUtf8(content);
  const wellFormed = readWellFormedCsv(content);
  if (wellFormed) return wellFormed;
  const records = parseOrRefuse(content, OPTIONS) as string[][];
  // csv-parse's `info` (an object of a dozen fields per record) cost as much as the parse itself;
  // the lines come from one pass over the bytes instead, and from `info` should the two disagree.
  const lines = recordLines(content);
  if (lines.length === records.length) return records.map((cells, i) => ({ cells, line: lines[i]! }));
  return linesFromInfo(content, parseOrRefuse(content, { ...OPTIONS, info: true }) as { record: string[]; info: { bytes: number } }[]);
}

function parseOrRefuse(content: Buffer, options: Options): unknown[] {
  try {
    return parse(content, options) as unknown[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new DomainError(ErrorCode.CSV_MALFORMED, `The file is not valid CSV${line ? ` near line ${line}` : ''}: ${error.message}`, {
        line: line ?? null,
      });
    }
    throw error;
  }
}

/**
 * The line each record of a file csv-parse read starts on (the header is line 1): a record ends at
 * CR, LF or CRLF outside quotes, an empty line is no record, and lines are counted by LF. Quotes
 * toggle: a file csv-parse accepted has them only around fields (`""` inside one toggles twice).
 */
function recordLines(content: Buffer): number[] {
  const lines: number[] = [];
  let line = 1;
  let quoted = false;
  let between = true;
  for (let i = 0; i < content.length; i++) {
    const byte = content[i]!;
    if (byte === 0x0a || byte === 0x0d) {
      if (byte === 0x0a) line++;
      if (!quoted) between = true;
      continue;
    }
    if (byte === 0x22) quoted = !quoted;
    if (between) {
      lines.push(line);
      between = false;
    }
  }
  return lines;
}

/** Line numbers from csv-parse's byte offsets (its own line counter miscounts CRLF inside quoted fields). */
function linesFromInfo(content: Buffer, parsed: { record: string[]; info: { bytes: number } }[]): RawRecord[] {
  const newlines: number[] = [];
  content.forEach((byte, i) => byte === 0x0a && newlines.push(i));
  let start = 0;
  return parsed.map(({ record, info }) => {
    while (start < content.length && (content[start] === 0x0a || content[start] === 0x0d)) start++;
    const line = 1 + countBelow(newlines, start);
    start = info.bytes;
    return { cells: record, line };
  });
}

/** How many sorted offsets are below `limit` (binary search). */
function countBelow(sorted: number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
