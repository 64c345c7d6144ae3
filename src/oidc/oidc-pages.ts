/**
 * The pages the OpenID provider itself shows (its error page, RP-initiated logout). They are
 * rendered by src/pages (one layout, one catalogue) and handed to the provider factory by the
 * composition root, so this folder never imports the pages.
 */
export interface OidcPageRenderer {
  /** A refused authorization request: `text` is the provider's own description. */
  error(reader: PageReader, text: string): string;
  /** "Do you want to sign out?" around the provider's hidden logout form (`formHtml`, trusted). */
  logoutConfirm(reader: PageReader, formHtml: string): string;
  logoutDone(reader: PageReader): string;
}

/** Who reads a page: the browser's Accept-Language header and the request's id. */
export interface PageReader {
  acceptLanguage: string | undefined;
  requestId: string | undefined;
}
