import { interpolate } from './interpolate.js';
import { DEFAULT_LANGUAGE, type Language } from './languages.js';
import { de } from './locales/de.js';
import { en, type Messages } from './locales/en.js';
import { es } from './locales/es.js';
import { fr } from './locales/fr.js';
import { it } from './locales/it.js';
import { ja } from './locales/ja.js';
import { ko } from './locales/ko.js';
import { ptBR } from './locales/pt-BR.js';
import { ru } from './locales/ru.js';
import { zhHANS } from './locales/zh-HANS.js';
import { zhHANT } from './locales/zh-HANT.js';

/**
 * The one message catalogue for everything a partner reads: mail and pages. One file per language
 * under ./locales; the `Messages` type (from English) makes a missing or extra key a compile error.
 */
export type { Messages };
export type MessageKey = keyof Messages;

export const CATALOG: Record<Language, Messages> = {
  en,
  de,
  es,
  fr,
  it,
  ja,
  ko,
  'pt-BR': ptBR,
  ru,
  'zh-HANS': zhHANS,
  'zh-HANT': zhHANT,
};

/** The message in `language` (English for any other value), with `{name}` placeholders filled. */
export function translate(language: string, key: MessageKey, values: Readonly<Record<string, string>> = {}): string {
  const messages = Object.hasOwn(CATALOG, language) ? CATALOG[language as Language] : CATALOG[DEFAULT_LANGUAGE];
  return interpolate(messages[key], values);
}
