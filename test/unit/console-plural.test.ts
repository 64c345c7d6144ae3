import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES, type Language } from '../../src/i18n/languages.js';

// The console compiles with its own tsconfig (DOM, JSX, bundler imports): specifiers TypeScript does
// not follow keep it out of the server's type check, which cannot compile it. Vitest loads it as is.
type Message = string | Readonly<Record<string, string>>;
type Catalogue = Record<Language, Record<string, Message>>;
const CONSOLE = path.resolve(import.meta.dirname, '../../src/console');
const PLURAL = '../../src/console/plural.ts';
const I18N = '../../src/console/i18n.tsx';
const { pluralCategories } = (await import(/* @vite-ignore */ PLURAL)) as { pluralCategories: (l: Language) => readonly string[] };
const { translate } = (await import(/* @vite-ignore */ I18N)) as {
  translate: (language: Language, message: Message, values?: Record<string, string | number>) => string;
};

/** Every catalogue of the console: each export of a `*.messages.ts` that has the 11 languages. */
async function catalogues(): Promise<[string, Catalogue][]> {
  const files = readdirSync(CONSOLE, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.messages.ts'));
  const found: [string, Catalogue][] = [];
  for (const file of files) {
    const module = (await import(/* @vite-ignore */ path.join(CONSOLE, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (value && typeof value === 'object' && SUPPORTED_LANGUAGES.every((l) => l in value))
        found.push([`${file} ${name}`, value as Catalogue]);
    }
  }
  return found;
}

describe('the console’s plural messages', () => {
  it('every message about a count has exactly the plural forms its language needs, in every language', async () => {
    const all = await catalogues();
    expect(all.length).toBeGreaterThan(30);
    let plurals = 0;
    for (const [name, catalogue] of all) {
      for (const key of Object.keys(catalogue.en)) {
        const isPlural = typeof catalogue.en[key] === 'object';
        for (const language of SUPPORTED_LANGUAGES) {
          const message = catalogue[language][key]!;
          expect(typeof message === 'object', `${name} ${key} ${language}: plural in English, so plural here`).toBe(isPlural);
          if (typeof message !== 'object') continue;
          plurals++;
          expect(Object.keys(message).sort(), `${name} ${key} ${language}`).toEqual([...pluralCategories(language)].sort());
          for (const form of Object.values(message)) expect(form, `${name} ${key} ${language}`).toContain('{count}');
        }
      }
    }
    expect(plurals).toBeGreaterThanOrEqual(7 * SUPPORTED_LANGUAGES.length);
  });

  it('a count in English or German is singular only at one', () => {
    expect(pluralCategories('en')).toEqual(['one', 'other']);
    const members = { one: '{count} member', other: '{count} members' };
    expect([0, 1, 2, 1000].map((count) => translate('en', members, { count }))).toEqual([
      '0 members',
      '1 member',
      '2 members',
      '1,000 members',
    ]);
  });

  it('Russian counts take one, few and many forms, and Japanese one form', () => {
    expect([...pluralCategories('ru')].sort()).toEqual(['few', 'many', 'one', 'other']);
    const groups = { one: '{count} группа', few: '{count} группы', many: '{count} групп', other: '{count} группы' };
    expect([1, 2, 5, 21, 22, 25, 111].map((count) => translate('ru', groups, { count }))).toEqual([
      '1 группа',
      '2 группы',
      '5 групп',
      '21 группа',
      '22 группы',
      '25 групп',
      '111 групп',
    ]);
    expect(pluralCategories('ja')).toEqual(['other']);
    expect(translate('ja', { other: '{count} 件のグループ' }, { count: 1 })).toBe('1 件のグループ');
  });

  it('a text that is not plural is filled as before', () => {
    expect(translate('de', 'Gruppe {name} erstellt.', { name: 'Ops' })).toBe('Gruppe Ops erstellt.');
  });
});
