import { parse } from 'csv-parse/sync';
import validator from 'validator';
import { describe, expect, it } from 'vitest';
import { parseInvitationCsv } from '../../src/invitations/batch/csv-format.js';
import { readWellFormedCsv } from '../../src/invitations/batch/csv-records.js';
import { normalizeEmail } from '../../src/shared/email.js';

/**
 * The CSV upload's fast paths against what they replace: the hand-written reader of well-formed files
 * (csv-records.ts) against csv-parse with csv-format.ts's options, and the email check that skips
 * validator for plain local parts at a domain seen valid against validator itself. Every difference
 * in cells, line numbers or verdicts is a bug.
 */

/** Seeded (mulberry32): a failure names its seed and replays. */
function random(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** csv-parse as main read every file: cells, and the line each record starts on counted by LF from the byte offsets (after a BOM). */
function reference(content: Buffer): { cells: string[]; line: number }[] | 'refused' {
  let parsed: { record: string[]; info: { bytes: number } }[];
  try {
    parsed = parse(content, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as typeof parsed;
  } catch {
    return 'refused';
  }
  let start = content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? 3 : 0;
  return parsed.map(({ record, info }) => {
    while (start < content.length && (content[start] === 0x0a || content[start] === 0x0d)) start++;
    let line = 1;
    for (let i = 0; i < start; i++) if (content[i] === 0x0a) line++;
    start = info.bytes;
    return { cells: record, line };
  });
}

const ATOMS: Buffer[] = [
  ...[',', '"', '\n', '\r', '\r\n', 'a', ' ', 'é', '""', '"a"', '\ufeff', '\t', '=1+1', '@SUM(A1)', 'x@y.example'].map((s) =>
    Buffer.from(s),
  ),
  Buffer.from([0xff]),
  Buffer.from([0xc3]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xef, 0xbb, 0xbf]),
];

describe('readWellFormedCsv against csv-parse', () => {
  it.each([1, 2, 3])('agrees on 20000 random files (seed %i): same cells, same lines, never reads what csv-parse refuses', (seed) => {
    const rnd = random(seed);
    for (let n = 0; n < 20_000; n++) {
      const parts: Buffer[] = [];
      for (let k = rnd(18); k > 0; k--) parts.push(ATOMS[rnd(ATOMS.length)]!);
      const file = Buffer.concat(parts);
      const fast = readWellFormedCsv(file);
      if (fast === null) continue;
      expect(fast, JSON.stringify(file.toString('latin1'))).toEqual(reference(file));
    }
  });

  it.each([
    ['BOM, blank lines before the header', '\ufeff\r\n\nEmail,DisplayName\n'],
    ['quotes around CRLF and LF', 'a,"b\r\nc"\r\n"d\ne",f\rg,h'],
    ['doubled quotes at every position', '"""",""""""\n"a""b","""a"""\n'],
    ['trailing commas and empty last field', 'a,\n,\n,,\n"",""\n'],
    ['invalid UTF-8 inside and outside quotes', Buffer.from([0x61, 0xff, 0x2c, 0x22, 0xc3, 0x22, 0x0a, 0xe2, 0x82])],
    ['CR-only records and a lone CR before LF', 'a\rb\r\r\nc\n\r\nd'],
  ])('agrees on %s', (_name, text) => {
    const file = Buffer.isBuffer(text) ? text : Buffer.from(text);
    const fast = readWellFormedCsv(file);
    expect(fast).not.toBeNull();
    expect(fast).toEqual(reference(file));
  });

  it.each([
    ['a quote inside an unquoted field', 'a,b"c\n'],
    ['text after a closing quote', '"a"b,c\n'],
    ['a space before an opening quote', 'a, "b"\n'],
    ['an unclosed quote', 'a,"b\n'],
  ])('leaves %s to csv-parse, which refuses it', (_name, text) => {
    const file = Buffer.from(text);
    expect(readWellFormedCsv(file)).toBeNull();
    expect(reference(file)).toBe('refused');
    expect(() => parseInvitationCsv(Buffer.from(`Email,DisplayName\n${text}`))).toThrow(expect.objectContaining({ code: 'CSV_MALFORMED' }));
  });

  it('keeps formula cells as text, unquoted and quoted, and counts their lines', () => {
    const rows = parseInvitationCsv(Buffer.from('Email,DisplayName\r\n"=HYPERLINK(""http://x"")",@cmd\r\n\r\n+1@x.example,"-2\n+3"\n'));
    expect(rows.map((r) => [r.line, r.fields.email, r.fields.displayName])).toEqual([
      [2, '=HYPERLINK("http://x")', '@cmd'],
      [4, '+1@x.example', '-2\n+3'],
    ]);
  });
});

const OPTIONS = { allow_ip_domain: false, require_tld: true, allow_utf8_local_part: false };
const verdict = (address: string) => {
  try {
    normalizeEmail(address);
    return true;
  } catch {
    return false;
  }
};
const expected = (address: string) => {
  const value = address.trim();
  return value.length <= 254 && !/[\r\n\0]/.test(value) && validator.isEmail(value, OPTIONS);
};

describe('the email fast path against validator.isEmail', () => {
  const domains = [
    'example.com',
    'EXAMPLE.com',
    'example.com.',
    'xn--bcher-kva.example',
    'bücher.example',
    'sub.example.co',
    'localhost',
    `${'d'.repeat(63)}.example`,
    `${'e'.repeat(240)}.example`,
    'ex_ample.com',
    '-bad.example',
    'example.c',
    '[127.0.0.1]',
    '127.0.0.1',
  ];
  const locals = [
    'a',
    'A.B',
    'a'.repeat(64),
    'a'.repeat(65),
    '.a',
    'a.',
    'a..b',
    'a+tag',
    "o'neil",
    'a"b',
    '"quoted"',
    '"a b"',
    'ü',
    'a b',
    'a@b',
    '',
    '-',
    '{}|~',
    'a\tb',
    `${'a'.repeat(63)}é`,
  ];

  it('answers as validator for every local part at every domain, each domain first seen valid', () => {
    for (const domain of domains) {
      verdict(`a@${domain}`); // the domain's answer is kept first
      for (const local of locals) expect(verdict(`${local}@${domain}`), `${local}@${domain}`).toBe(expected(`${local}@${domain}`));
    }
  });

  it('answers as validator for random addresses (one seed, cache warmed in random order)', () => {
    const rnd = random(7);
    const pieces = ['a', 'Z', '.', '..', '+', '"', ' ', '@', '-', '_', 'é', 'x'.repeat(30), 'xn--', '.com', 'example', '[', ']', '1', '%'];
    for (let n = 0; n < 30_000; n++) {
      let address = '';
      for (let k = rnd(12); k > 0; k--) address += pieces[rnd(pieces.length)];
      expect(verdict(address), JSON.stringify(address)).toBe(expected(address));
    }
  });

  it('refuses a 254+ character address even when its local part is plain and its domain is known', () => {
    const domain = `${`${'e'.repeat(60)}.`.repeat(3)}example`; // 190 characters
    expect(verdict(`a@${domain}`)).toBe(true);
    expect(verdict(`${'a'.repeat(64)}@${domain}`)).toBe(false);
  });
});
