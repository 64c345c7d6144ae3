import { de } from './error-texts/de';
import { en } from './error-texts/en';
import { es } from './error-texts/es';
import { fr } from './error-texts/fr';
import { it } from './error-texts/it';
import { ja } from './error-texts/ja';
import { ko } from './error-texts/ko';
import { ptBR } from './error-texts/pt-BR';
import { ru } from './error-texts/ru';
import { zhHans } from './error-texts/zh-HANS';
import { zhHant } from './error-texts/zh-HANT';
import type { ProblemCode } from './error-texts/code';
import { defineMessages } from './i18n';

/**
 * What an administrator reads for each of the API's error codes (and NETWORK), in the 11 languages:
 * one file a language under error-texts/ (each typed with every code), put together here.
 */
export const problemTexts = defineMessages<ProblemCode>({
  en,
  de,
  es,
  fr,
  it,
  ja,
  ko,
  'pt-BR': ptBR,
  ru,
  'zh-HANS': zhHans,
  'zh-HANT': zhHant,
});
