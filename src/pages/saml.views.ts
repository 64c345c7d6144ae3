import { translate } from '../i18n/index.js';
import { hiddenField } from './forms.js';
import { html } from './layout.js';
import { render, type ViewContext } from './views.js';

/**
 * The HTTP-POST binding: a form that carries the signed SAML message to the service provider, sent by
 * /static/saml-post.js (no inline script under the CSP), or by its button without scripts.
 */
export function samlPostPage(ctx: ViewContext, post: { action: string; fields: Record<string, string> }): string {
  return render(
    ctx,
    'signin.title',
    html`<form method="post" action="${post.action}" id="saml-post">
        ${Object.entries(post.fields).map(([name, value]) => hiddenField(name, value))}
        <noscript><button type="submit" id="continue">${translate(ctx.language, 'denied.back')}</button></noscript>
      </form>
      <script src="/static/saml-post.js" defer></script>`,
  );
}
