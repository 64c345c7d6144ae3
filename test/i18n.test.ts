import { describe, expect, it } from 'vitest';
import { CATALOG, translate } from '../src/i18n/catalog.js';
import { SUPPORTED_LANGUAGES } from '../src/invitations/languages.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message catalogue', () => {
  it('has every documented language', () => {
    expect(Object.keys(CATALOG).sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
  });

  it.each(SUPPORTED_LANGUAGES.filter((l) => l !== 'en'))('%s translates every string and keeps its placeholders', (language) => {
    for (const [key, english] of Object.entries(CATALOG.en)) {
      const translated = CATALOG[language][key as keyof typeof CATALOG.en];
      expect(translated, key).toBeTruthy();
      expect(translated, `${language} ${key} is still English`).not.toBe(english);
      expect(placeholders(translated), key).toEqual(placeholders(english));
    }
  });

  it('fills placeholders', () => {
    expect(translate('fr', 'invite.privacy', { tenant: 'Contoso', url: 'https://c.example/p' })).toBe('Déclaration de confidentialité de Contoso : https://c.example/p');
  });
});
