import { type Catalogue, defineMessages, type Language } from '../i18n';

/**
 * The labels of one API enum in the 11 languages: typed with the enum, so a value missing in any
 * language is a compile error (and a new value of the API, once `npm run codegen` has run).
 */
export function defineEnumLabels<E extends string>(labels: Readonly<Record<Language, Readonly<Record<E, string>>>>): Catalogue<E> {
  return defineMessages<E>(labels);
}
