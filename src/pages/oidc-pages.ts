import { languageFromHeader, translate } from '../i18n/index.js';
import type { OidcPageRenderer, PageReader } from '../oidc/oidc-pages.js';
import { html, SafeHtml } from './layout.js';
import { render, type ViewContext } from './views.js';

const context = (reader: PageReader): ViewContext => ({
  language: languageFromHeader(reader.acceptLanguage),
  csrf: '',
  requestId: reader.requestId,
});

/** The provider's own pages in the same layout and languages as every other page (wired in src/app.ts). */
export const oidcPages: OidcPageRenderer = {
  error(reader, text) {
    const ctx = context(reader);
    return render(
      ctx,
      'oidcError.title',
      html`<h1>${translate(ctx.language, 'oidcError.title')}</h1>
        <p id="message">${text}</p>`,
    );
  },
  logoutConfirm(reader, formHtml) {
    const ctx = context(reader);
    const t = (key: 'logout.title' | 'logout.question') => translate(ctx.language, key);
    return render(
      ctx,
      'logout.title',
      html`<h1>${t('logout.title')}</h1>
        <p>${t('logout.question')}</p>
        ${new SafeHtml(formHtml)}
        <button type="submit" form="op.logoutForm" name="logout" value="yes" id="logout">${t('logout.title')}</button>`,
    );
  },
  logoutDone(reader) {
    const ctx = context(reader);
    return render(
      ctx,
      'logout.title',
      html`<h1>${translate(ctx.language, 'logout.title')}</h1>
        <p id="message">${translate(ctx.language, 'signout.text')}</p>`,
    );
  },
};
