import type { JWTPayload } from 'jose';
import { html, page } from '../pages/layout.js';

export interface SampleAppView {
  appName: string;
  /** The demo tenant's access panel, `/<tenant id>/myapps`. */
  panelUrl: string;
  homepage: string;
}

/** The claims that show who signed in and the external-user format (README, "Tokens"), in this order. */
const SHOWN_CLAIMS = ['iss', 'tid', 'oid', 'sub', 'idp', 'altsecid', 'unique_name', 'email', 'name', 'acct', 'aud', 'ver'];

/** The sample app's one page: who is signed in, and what the gateway's ID token said. Everything escaped. */
export function signedInPage(view: SampleAppView, claims: JWTPayload): string {
  const name = typeof claims.name === 'string' ? claims.name : '';
  const email = typeof claims.email === 'string' ? claims.email : '';
  const shown = SHOWN_CLAIMS.filter((claim) => claims[claim] !== undefined);
  return page(
    { title: view.appName },
    html`<h1>${view.appName}</h1>
      <p id="signed-in">Signed in to ${view.appName} as <strong>${name}</strong> &lt;${email}&gt;</p>
      <p class="muted">
        This is the demo's sample app. The gateway signed you in with OpenID Connect (code flow with PKCE), and the app checked the ID token
        against the tenant's keys. ${claims.idp === undefined ? 'No idp claim: you are a member of the tenant.' : ''}
        ${claims.acct === 1 ? 'idp names your home identity provider: you are a guest (acct 1).' : ''}
      </p>
      <h2>ID token claims</h2>
      <table id="claims">
        <tbody>
          ${shown.map(
            (claim) =>
              html`<tr>
                <th scope="row">${claim}</th>
                <td>${format(claims[claim])}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <p><a href="${view.panelUrl}">Back to My Apps</a></p>`,
  );
}

/** A failed sign-in, readable: what went wrong, and the two ways on. */
export function failurePage(view: SampleAppView, title: string, detail: string): string {
  return page(
    { title: `${view.appName}: ${title}` },
    html`<h1>${title}</h1>
      <p class="error" id="failure">${detail}</p>
      <p><a href="${view.homepage}">Try ${view.appName} again</a> · <a href="${view.panelUrl}">Back to My Apps</a></p>`,
  );
}

function format(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
