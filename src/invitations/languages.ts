import { DomainError, ErrorCode } from '../shared/errors.js';

/** The 11 documented invitation languages, in their documented spelling. */
export const SUPPORTED_LANGUAGES = ['en', 'de', 'es', 'fr', 'it', 'ja', 'ko', 'pt-BR', 'ru', 'zh-HANS', 'zh-HANT'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

const BY_LOWER = new Map<string, Language>(SUPPORTED_LANGUAGES.map((code) => [code.toLowerCase(), code]));

/**
 * Empty means `en`; codes match case-insensitively (`zh-hans` → `zh-HANS`).
 * @throws UNSUPPORTED_LANGUAGE naming the supported codes.
 */
export function normalizeLanguage(raw: string | null | undefined): Language {
  const value = raw?.trim() ?? '';
  if (value === '') return DEFAULT_LANGUAGE;
  const code = BY_LOWER.get(value.toLowerCase());
  if (!code) {
    throw new DomainError(
      ErrorCode.UNSUPPORTED_LANGUAGE,
      `Language "${value}" is not supported; use one of: ${SUPPORTED_LANGUAGES.join(', ')}`,
      { supported: [...SUPPORTED_LANGUAGES] },
    );
  }
  return code;
}
