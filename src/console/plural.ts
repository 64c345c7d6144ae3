import { INTL_LOCALE, type Language } from '../i18n/languages';

/**
 * A message about a count: one text per plural category its language needs (as Intl.PluralRules
 * names them: English one/other, Russian one/few/many/other, Japanese other only), chosen by `{count}`.
 */
export type PluralForms = Readonly<Partial<Record<Intl.LDMLPluralRule, string>>> & { readonly other: string };

/** One message of a catalogue: a text, or the plural forms of a text about `{count}`. */
export type Message = string | PluralForms;

export function isPlural(message: Message): message is PluralForms {
  return typeof message === 'object';
}

const rules = new Map<Language, Intl.PluralRules>();
function pluralRules(language: Language): Intl.PluralRules {
  let found = rules.get(language);
  if (!found) rules.set(language, (found = new Intl.PluralRules(INTL_LOCALE[language])));
  return found;
}

/** The plural categories a language's counts fall into: every form a plural message must have. */
export function pluralCategories(language: Language): readonly Intl.LDMLPluralRule[] {
  return pluralRules(language).resolvedOptions().pluralCategories;
}

/** The form for `count` (`other` when the count is not a number, or a form is not written). */
export function pluralForm(language: Language, forms: PluralForms, count: unknown): string {
  if (typeof count !== 'number') return forms.other;
  return forms[pluralRules(language).select(count)] ?? forms.other;
}
