import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/languages.js';

// The console compiles with its own tsconfig (DOM, JSX, bundler imports): a specifier TypeScript does
// not follow keeps it out of the server's type check, which cannot compile it. Vitest loads it as is.
const LABELS = '../../src/console/enum-labels/index.ts';
const { ENUM_LABELS } = (await import(/* @vite-ignore */ LABELS)) as {
  ENUM_LABELS: Record<string, Record<string, Record<string, string>>>;
};

/** The enums of the console's generated types (`enumsAsTypes`: `export type X =`, then only `| 'Value'` lines). */
function generatedEnums(): Map<string, string[]> {
  const source = readFileSync(path.resolve(import.meta.dirname, '../../src/console/gql/graphql.ts'), 'utf8');
  const enums = new Map<string, string[]>();
  for (const block of source.split(/^export type /m).slice(1)) {
    const [head, ...lines] = block.split('\n');
    const body = lines
      .slice(0, lines.findIndex((line) => line.trimEnd().endsWith(';')) + 1)
      .filter((line) => !line.trim().startsWith('/**'));
    const values = body.map((line) => /^\s*\| '([^']+)';?$/.exec(line)?.[1]);
    if (/^\w+ =$/.test(head!) && values.length && values.every(Boolean)) enums.set(head!.split(' ')[0]!, values as string[]);
  }
  return enums;
}

/** The console's one mapping per API enum (src/console/enum-labels) against the generated types. */
describe('the console’s enum labels', () => {
  const enums = generatedEnums();

  it('finds the enums of the generated types', () => {
    expect(enums.get('InvitationStatus')).toEqual(['Accepted', 'Expired', 'PendingAcceptance', 'Revoked']);
    expect(enums.get('RowOutcome')).toContain('Skipped');
    expect(enums.size).toBeGreaterThanOrEqual(15);
  });

  it('labels every value of every enum in all 11 languages, and nothing else', () => {
    expect(Object.keys(ENUM_LABELS).sort()).toEqual([...enums.keys()].sort());
    for (const [name, values] of enums) {
      for (const language of SUPPORTED_LANGUAGES) {
        const labels = ENUM_LABELS[name]![language]!;
        expect(Object.keys(labels).sort(), `${name} ${language}`).toEqual([...values].sort());
        for (const value of values) expect(labels[value]!.trim(), `${name}.${value} ${language}`).not.toBe('');
      }
    }
  });

  it.each(SUPPORTED_LANGUAGES.filter((l) => l !== 'en'))('%s: the labels are translated, not the API’s names', (language) => {
    const untranslated = [...enums].flatMap(([name, values]) =>
      values
        // Scope names and protocol names are the same in every language.
        .filter(
          (v) => name !== 'ApiScope' && name !== 'ApplicationProtocol' && ENUM_LABELS[name]![language]![v] === ENUM_LABELS[name]!.en![v],
        )
        .map((v) => `${name}.${v}`),
    );
    expect(untranslated).toEqual([]);
  });
});
