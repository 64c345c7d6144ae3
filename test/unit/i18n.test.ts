import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CATALOG,
  errorText,
  interpolate,
  languageFromHeader,
  type MessageKey,
  SUPPORTED_LANGUAGES,
  translate,
} from '../../src/i18n/index.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const englishKeys = Object.keys(CATALOG.en) as MessageKey[];
// "Code" (de, fr) and "Password" (it) are the words those languages use.
const SAME_AS_ENGLISH: MessageKey[] = ['code.label', 'signin.password', 'mfa.code', 'mfa.kind.passkey'];

describe('message catalogue', () => {
  it('has one locale file per documented language', () => {
    expect(Object.keys(CATALOG).sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
    for (const folder of ['', 'mfa/']) {
      const files = readdirSync(new URL(`../../src/i18n/locales/${folder}`, import.meta.url)).filter((f) => f.endsWith('.ts'));
      expect(files.sort(), folder).toEqual(SUPPORTED_LANGUAGES.map((l) => `${l}.ts`).sort());
    }
  });

  it.each(SUPPORTED_LANGUAGES.filter((l) => l !== 'en'))('locales/%s.ts translates every string and keeps its placeholders', (language) => {
    expect(Object.keys(CATALOG[language]).sort()).toEqual([...englishKeys].sort());
    for (const key of englishKeys) {
      const english = CATALOG.en[key];
      const translated = CATALOG[language][key];
      expect(translated, key).toBeTruthy();
      if (!SAME_AS_ENGLISH.includes(key)) expect(translated, `${language} ${key} is still English`).not.toBe(english);
      expect(placeholders(translated), `${language} ${key}`).toEqual(placeholders(english));
    }
  });

  it('fills placeholders, in English for an unknown language', () => {
    expect(translate('fr', 'mail.invite.privacy', { tenant: 'Contoso', url: 'https://c.example/p' })).toBe(
      'Déclaration de confidentialité de Contoso : https://c.example/p',
    );
    expect(translate('xx', 'review.heading', { tenant: 'Contoso' })).toBe('Contoso invites you');
  });

  it('picks a page language from Accept-Language', () => {
    expect(languageFromHeader('de-CH,de;q=0.9,en;q=0.8')).toBe('de');
    expect(languageFromHeader('zh-TW,zh;q=0.9')).toBe('zh-HANT');
    expect(languageFromHeader('zh-CN')).toBe('zh-HANS');
    expect(languageFromHeader('pt-PT;q=0.5, ja;q=0.9')).toBe('ja');
    expect(languageFromHeader('nl-NL')).toBe('en');
    expect(languageFromHeader(undefined)).toBe('en');
  });

  it('shows a page error from its code: the domain message in English, the translation otherwise', () => {
    const expired = { code: 'INVITATION_EXPIRED', message: 'This invitation expired on 1 May.', details: { inviter: 'Ann' } };
    expect(errorText('en', expired)).toBe('This invitation expired on 1 May.');
    expect(errorText('de', expired)).toBe('Diese Einladung ist abgelaufen. Bitten Sie Ann um eine neue.');
    expect(errorText('de', { code: 'CSV_EMPTY', message: 'The file is empty.' })).toBe('The file is empty.');
  });
});

describe('interpolate', () => {
  it('fills every named placeholder, repeated ones too', () => {
    expect(interpolate('{a} and {b}, {a}', { a: 'x', b: 'y' })).toBe('x and y, x');
  });

  it('leaves a placeholder without a value as written', () => {
    expect(interpolate('Hi {name} from {org}', { name: 'Ann' })).toBe('Hi Ann from {org}');
    expect(interpolate('{constructor}', {})).toBe('{constructor}');
  });

  it('inserts values literally, without reading placeholders or $ patterns in them', () => {
    expect(interpolate('{a}', { a: '{b} $& $1', b: 'no' })).toBe('{b} $& $1');
  });
});
