import { createContext, useCallback, useContext } from 'react';
import { interpolate } from '../i18n/interpolate';
import { INTL_LOCALE, type Language, languageFromHeader, SUPPORTED_LANGUAGES } from '../i18n/languages';
import { isPlural, type Message, pluralForm } from './plural';

/**
 * The console's text: each screen keeps its messages in all 11 page languages beside it
 * (`defineMessages`), English naming the keys, so a key missing in any language is a compile error.
 * A message about a count is its plural forms (src/console/plural.ts), chosen by `{count}`.
 * The language list, the browser negotiation and `{name}` filling are the pages' own (src/i18n).
 */
export type Catalogue<K extends string> = Readonly<Record<Language, Readonly<Record<K, Message>>>>;

export function defineMessages<K extends string>(
  catalogue: { en: Readonly<Record<K, Message>> } & Readonly<Record<Exclude<Language, 'en'>, Readonly<Record<K, Message>>>>,
): Catalogue<K> {
  return catalogue;
}

export { SUPPORTED_LANGUAGES, type Language };

const STORAGE_KEY = 'console.language';
const LanguageContext = createContext<Language>('en');
export const LanguageProvider = LanguageContext.Provider;

/** The language chosen in the console before, else the browser's best of the 11. */
export function initialLanguage(): Language {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  if (stored && (SUPPORTED_LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  return languageFromHeader(navigator.languages.join(','));
}

export function rememberLanguage(language: Language): void {
  window.localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
}

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

export type Translate<K extends string> = (key: K, values?: Readonly<Record<string, string | number>>) => string;

/**
 * A message in `language`, its plural form chosen by `values.count`, filled with `values` (numbers
 * written the language's way).
 */
export function translate(language: Language, message: Message, values: Readonly<Record<string, string | number>> = {}): string {
  const template = isPlural(message) ? pluralForm(language, message, values.count) : message;
  const numbers = new Intl.NumberFormat(INTL_LOCALE[language]);
  return interpolate(
    template,
    Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'number' ? numbers.format(v) : v])),
  );
}

/** `t(key, values)` over one catalogue, in the console's language. */
export function useT<K extends string>(catalogue: Catalogue<K>): Translate<K> {
  const language = useLanguage();
  return useCallback((key: K, values = {}) => translate(language, catalogue[language][key], values), [catalogue, language]);
}

/** Dates and numbers in the console's language. */
export function useFormat() {
  const locale = INTL_LOCALE[useLanguage()];
  return {
    dateTime: (iso: string | null | undefined) =>
      iso ? new Date(iso).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : '—',
    number: (n: number) => n.toLocaleString(locale),
  };
}
