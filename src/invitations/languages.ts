import { DEFAULT_LANGUAGE, type Language, SUPPORTED_LANGUAGES } from '../i18n/languages.js';
import { DomainError, ErrorCode } from '../shared/errors.js';

// The language list lives in i18n (a leaf); invitations add the rule for what an admin may pass.
export { DEFAULT_LANGUAGE, type Language, SUPPORTED_LANGUAGES };

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
