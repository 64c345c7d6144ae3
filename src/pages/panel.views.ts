import type { PanelOrganization } from '../access/access.service.js';
import type { Application } from '../apps/application.entity.js';
import type { Tenant } from '../directory/tenant.entity.js';
import { type MessageKey, translate } from '../i18n/index.js';
import { idpInitiatedPath } from '../saml/saml-entities.js';
import { field, postForm } from './forms.js';
import { html, type SafeHtml } from './layout.js';
import { render, type ViewContext } from './views.js';

/**
 * Where an app's tile opens, signed in: a SAML app by the tenant's IdP-initiated sign-on (a SAML
 * response posted to the app), an OpenID Connect app at its homepage (which starts its own sign-in
 * with the tenant, answered without a page while the browser is signed in), else its first reply URL.
 */
export function appLink(app: Application): string {
  if (app.protocol === 'saml') return idpInitiatedPath(app.tenantId, app.id);
  return app.homepageUrl ?? app.replyUrls[0] ?? '#';
}

/** One app's tile: its logo when it has one, its name, linked to where it opens. */
export function appTile(app: Application): SafeHtml {
  return html`<li>${app.logoUrl ? html`<img src="${app.logoUrl}" alt="" />` : ''}<a href="${appLink(app)}">${app.displayName}</a></li>`;
}

export interface PanelView {
  email: string;
  apps: Application[];
  /** The search the list was filtered by (`?q=`), '' for none. */
  search: string;
  /** The organizations the switcher offers: those where the person has apps, and this one. */
  organizations: PanelOrganization[];
  /** The person has no usable account in this tenant (none, removed, or disabled): "removed", not "none yet". */
  noAccess: boolean;
}

/** The access panel (`/<tenant>/myapps`): the organization switcher, the search form (a GET, no script), the app tiles. */
export function myAppsPage(ctx: ViewContext, tenant: Tenant, view: PanelView): string {
  const t = (key: MessageKey) => translate(ctx.language, key, { tenant: tenant.name, email: view.email, query: view.search });
  const action = `/${tenant.id}/myapps`;
  return render(
    ctx,
    'myapps.title',
    html` <h1>${t('myapps.heading')}</h1>
      <p class="muted">${t('myapps.signedInAs')}</p>
      ${switcher(t('myapps.organizations'), tenant, view.organizations)}
      <form method="get" action="${action}" role="search" id="app-search">
        ${field(t('myapps.search'), { id: 'q', value: view.search, maxlength: 100 })}
        <button type="submit" class="secondary">${t('myapps.searchButton')}</button>
      </form>
      ${
        view.apps.length
          ? html`<ul class="apps">
              ${view.apps.map(appTile)}
            </ul>`
          : view.search
            ? html`<p id="no-match">${t('myapps.noMatch')}</p>`
            : html`<p id="empty">${t(view.noAccess ? 'myapps.noAccess' : 'myapps.empty')}</p>`
      }
      ${postForm('/signout', ctx.csrf, html`<button type="submit" class="secondary">${t('myapps.signOut')}</button>`)}`,
  );
}

function switcher(label: string, current: Tenant, organizations: PanelOrganization[]): SafeHtml {
  if (organizations.length < 2) return html``;
  return html`<nav id="organizations" aria-label="${label}">
    <ul>
      ${organizations.map(({ tenant }) =>
        tenant.id === current.id
          ? html`<li><strong aria-current="page" data-tenant="${tenant.id}">${tenant.name}</strong></li>`
          : html`<li><a href="/${tenant.id}/myapps" data-tenant="${tenant.id}">${tenant.name}</a></li>`,
      )}
    </ul>
  </nav>`;
}
