/** What the rest of the gateway uses of i18n: a leaf that knows only the ErrorCode catalogue. */
export { CATALOG, type MessageKey, type Messages, translate } from './catalog.js';
export { interpolate } from './interpolate.js';
export { DEFAULT_LANGUAGE, INTL_LOCALE, type Language, languageFromHeader, SUPPORTED_LANGUAGES } from './languages.js';
export { errorText, type PageErrorCode } from './page-errors.js';
