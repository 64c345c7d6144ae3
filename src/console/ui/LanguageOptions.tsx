import { type Language, SUPPORTED_LANGUAGES } from '../i18n';

/** Each language in its own name, so a reader finds theirs whatever the console's language is. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  en: 'English',
  de: 'Deutsch',
  es: 'Español',
  fr: 'Français',
  it: 'Italiano',
  ja: '日本語',
  ko: '한국어',
  'pt-BR': 'Português (Brasil)',
  ru: 'Русский',
  'zh-HANS': '简体中文',
  'zh-HANT': '繁體中文',
};

/** The 11 languages as the options of a select (values are the API's codes). */
export function LanguageOptions() {
  return SUPPORTED_LANGUAGES.map((l) => (
    <option key={l} value={l} lang={l}>
      {LANGUAGE_NAMES[l]}
    </option>
  ));
}
