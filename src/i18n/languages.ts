/** The 11 documented invitation and page languages, in their documented spelling. */
export const SUPPORTED_LANGUAGES = ['en', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'pt-BR', 'ru', 'zh-HANS', 'zh-HANT'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

/** BCP 47 tags for date formatting (Intl does not know the documented `zh-HANS` spelling as a locale of its own). */
export const INTL_LOCALE: Record<Language, string> = {
  en: 'en',
  de: 'de',
  es: 'es',
  fr: 'fr',
  it: 'it',
  ja: 'ja',
  ko: 'ko',
  'pt-BR': 'pt-BR',
  ru: 'ru',
  'zh-HANS': 'zh-Hans',
  'zh-HANT': 'zh-Hant',
};

const BROWSER_ALIASES: Record<string, Language> = {
  'zh-cn': 'zh-HANS',
  'zh-sg': 'zh-HANS',
  'zh-hans': 'zh-HANS',
  zh: 'zh-HANS',
  'zh-tw': 'zh-HANT',
  'zh-hk': 'zh-HANT',
  'zh-mo': 'zh-HANT',
  'zh-hant': 'zh-HANT',
  pt: 'pt-BR',
  'pt-br': 'pt-BR',
};

/** The best of the 11 languages for an Accept-Language header (q-values honoured), else English. */
export function languageFromHeader(header: string | undefined): Language {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag: (tag ?? '').toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((r) => r.tag && r.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const exact = SUPPORTED_LANGUAGES.find((l) => l.toLowerCase() === tag);
    const match = exact ?? BROWSER_ALIASES[tag] ?? SUPPORTED_LANGUAGES.find((l) => l === tag.split('-')[0]);
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}
