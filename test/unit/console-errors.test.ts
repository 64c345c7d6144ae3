import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/languages.js';
import { ErrorCode } from '../../src/shared/errors.js';

// The console compiles with its own tsconfig (DOM, JSX, bundler imports): a specifier TypeScript does
// not follow keeps it out of the server's type check, which cannot compile it. Vitest loads it as is.
const CATALOGUE = '../../src/console/errors.messages.ts';
const { problemTexts } = (await import(/* @vite-ignore */ CATALOGUE)) as {
  problemTexts: Record<string, Record<string, string>>;
};

/** The console's one error mapping (src/console/errors.messages.ts) against the API's code list. */
describe('the console’s error texts', () => {
  const codes = [...Object.keys(ErrorCode), 'NETWORK'].sort();

  it('has a text for every error code and NETWORK in all 11 languages, and nothing else', () => {
    expect(Object.keys(problemTexts).sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
    for (const language of SUPPORTED_LANGUAGES) expect(Object.keys(problemTexts[language]!).sort(), language).toEqual(codes);
  });

  it.each(SUPPORTED_LANGUAGES)('%s: every text is a sentence, not blank', (language) => {
    for (const code of codes) expect(problemTexts[language]![code]!.trim().length, `${language} ${code}`).toBeGreaterThan(3);
  });

  it.each(SUPPORTED_LANGUAGES.filter((l) => l !== 'en'))('%s: every text is translated, not English', (language) => {
    const english = codes.filter((code) => problemTexts[language]![code] === problemTexts.en![code]);
    expect(english).toEqual([]);
  });
});
