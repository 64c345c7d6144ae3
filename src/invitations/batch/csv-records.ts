/** A CSV record as csv-format.ts reads it: its fields, and the line of the file it starts on. */
export interface RawRecord {
  cells: string[];
  line: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The records of a well-formed file, read as csv-parse reads it with csv-format.ts's options (a
 * leading BOM dropped; `,` between fields; `"` around a field, doubled inside it; CR, LF or CRLF
 * between records; empty lines skipped; any number of fields), each with the line it starts on
 * (LFs before it, plus one). Null for anything else (a quote inside an unquoted field, text after a
 * closing quote, an unclosed quote): csv-parse then reads the file, or refuses it in its own words.
 * One pass over the bytes: csv-parse's general machinery cost a tenth of a 2000-row upload's CPU.
 */
export function readWellFormedCsv(content: Buffer): RawRecord[] | null {
  const n = content.length;
  let i = n >= 3 && content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf ? 3 : 0;
  let line = 1;
  const records: RawRecord[] = [];
  while (i < n) {
    const first = content[i];
    if (first === LF || first === CR) {
      if (first === LF) line++;
      i++;
      continue; // an empty line (or the LF of a CRLF) holds no record
    }
    const start = line;
    const cells: string[] = [];
    for (;;) {
      if (i < n && content[i] === QUOTE) {
        let text = '';
        let from = ++i;
        for (;;) {
          const close = content.indexOf(QUOTE, i);
          if (close < 0) return null;
          for (let k = i; k < close; k++) if (content[k] === LF) line++;
          if (content[close + 1] === QUOTE) {
            text += content.toString('utf8', from, close + 1);
            i = from = close + 2;
            continue;
          }
          text += content.toString('utf8', from, close);
          i = close + 1;
          break;
        }
        cells.push(text);
        if (i < n && content[i] !== COMMA && content[i] !== LF && content[i] !== CR) return null;
      } else {
        let end = i;
        for (; end < n; end++) {
          const byte = content[end];
          if (byte === COMMA || byte === LF || byte === CR) break;
          if (byte === QUOTE) return null;
        }
        cells.push(content.toString('utf8', i, end));
        i = end;
      }
      if (i < n && content[i] === COMMA) {
        i++;
        continue;
      }
      break;
    }
    records.push({ cells, line: start });
    if (i < n) {
      if (content[i] === LF) line++;
      else if (content[i + 1] === LF) {
        i++;
        line++;
      }
      i++;
    }
  }
  return records;
}
