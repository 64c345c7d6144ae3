import { describe, expect, it } from 'vitest';
import { CATALOG, translate } from '../src/i18n/catalog.js';
import { languageFromHeader, PAGE_KEYS, pageText } from '../src/i18n/pages.js';
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

  it.each(SUPPORTED_LANGUAGES.filter((l) => l !== 'en'))('%s translates every page string and keeps its placeholders', (language) => {
    for (const key of PAGE_KEYS) {
      const english = pageText('en', key);
      const translated = pageText(language, key);
      // "Code" (de, fr) and "Password" (it) are the words those languages use.
      if (!['code.label', 'signin.password'].includes(key)) expect(translated, `${language} ${key}`).not.toBe(english);
      expect(placeholders(translated)).toEqual(placeholders(english));
    }
  });

  it('picks a page language from Accept-Language', () => {
    expect(languageFromHeader('de-CH,de;q=0.9,en;q=0.8')).toBe('de');
    expect(languageFromHeader('zh-TW,zh;q=0.9')).toBe('zh-HANT');
    expect(languageFromHeader('zh-CN')).toBe('zh-HANS');
    expect(languageFromHeader('pt-PT;q=0.5, ja;q=0.9')).toBe('ja');
    expect(languageFromHeader('nl-NL')).toBe('en');
    expect(languageFromHeader(undefined)).toBe('en');
  });
});
