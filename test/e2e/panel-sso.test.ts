import { ValidateInResponseTo } from '@node-saml/node-saml';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_URIS } from '../../src/saml/assertion.js';
import { SUPPORTED_LANGUAGES } from '../../src/i18n/languages.js';
import { translate } from '../../src/i18n/index.js';
import { PASSWORD, useAccountPageSuite } from '../helpers/account-page.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant } from '../helpers/fixtures.js';
import { invite, redeemBySignUp, registerApp } from '../helpers/partner-flow.js';
import { independentSp, postedForm, registerSamlApp, SP, signOn, warmSchemaValidator } from '../helpers/saml-sp.js';
import { decodeEntities, text, WebClient, type WebResponse } from '../helpers/web-client.js';
import { AssignApplicationDocument } from '../graphql/generated.js';

const tiles = (page: WebResponse) =>
  [
    ...(/<ul class="apps">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '').matchAll(
      /<li>(<img src="([^"]+)" alt="" \/>)?<a href="([^"]+)">([^<]+)<\/a><\/li>/g,
    ),
  ].map((m) => ({ name: decodeEntities(m[4]!), href: decodeEntities(m[3]!), logo: m[2] ? decodeEntities(m[2]) : null }));
const switcher = (page: WebResponse) =>
  [...(/<nav id="organizations"[\s\S]*?<\/nav>/.exec(page.body)?.[0] ?? '').matchAll(/data-tenant="([^"]+)"/g)].map((m) => m[1]);

/**
 * The access panel signs you in (issue 15): each tile opens its app with single sign-on (a SAML app
 * by IdP-initiated sign-on, checked by an independent SP; an OIDC app at its homepage), logos, a
 * search that needs no script, and a switcher between the person's own organizations only.
 */
describe.each(testDatabases())('the access panel opens apps signed in (%s)', (kind) => {
  beforeAll(warmSchemaValidator, 120_000);
  const { s, guestOfBoth } = useAccountPageSuite(kind);
  let n = 0;

  /** A guest of Contoso and Northwind who is also assigned a SAML app (with a logo) in Contoso. */
  async function withSamlApp() {
    const person = await guestOfBoth();
    const entityId = `${SP.entityId}/panel-${kind}-${++n}`;
    const app = await registerSamlApp(
      s.contoso,
      { entityId },
      { displayName: `Partner CRM ${n}`, logoUrl: 'https://cdn.partner-crm.example/logo.png' },
    );
    await s.contoso.admin.client.data(AssignApplicationDocument, {
      applicationId: app.id,
      principal: { type: 'User', id: person.contosoGuestId },
    });
    return { person, app, entityId };
  }

  it('a SAML tile posts a SAML response to the SP’s ACS; an OIDC tile is the app’s homepage; logos show', async () => {
    const { person, app, entityId } = await withSamlApp();
    const panel = await person.web.get(`${s.t.baseUrl}/${s.contoso.tenant.id}/myapps`);
    expect(panel.status, text(panel)).toBe(200);
    expect(tiles(panel)).toEqual([
      {
        name: 'Partner CRM ' + n,
        href: `/${s.contoso.tenant.id}/saml2/apps/${app.id}/sso`,
        logo: 'https://cdn.partner-crm.example/logo.png',
      },
      { name: 'Partner Expenses', href: 'https://expenses.partner-app.example/', logo: null },
    ]);
    const saml = tiles(panel)[0]!;
    expect(`${s.t.baseUrl}${saml.href}`).toBe(app.saml!.idpInitiatedUrl);
    // Signed in already: the link goes straight to the page that posts the response.
    const posted = await signOn(person.web, new URL(saml.href, s.t.baseUrl).href);
    const form = postedForm(posted);
    expect(form, text(posted)).not.toBeNull();
    expect(form!.action).toBe(SP.acs);
    const sp = await independentSp(s.t, s.contoso.tenant.id, {
      issuer: entityId,
      audience: entityId,
      validateInResponseTo: ValidateInResponseTo.ifPresent,
    });
    const { profile } = await sp.validatePostResponseAsync(form!.fields);
    expect(profile!.nameID).toBe(person.email);
    expect(profile![CLAIM_URIS.tenantid]).toBe(s.contoso.tenant.id);
  });

  it('signs in only at a tenant that exists: an encoded slash in the id is no way to another host', async () => {
    const person = await guestOfBoth();
    const web = new WebClient();
    const form = await web.get(`${s.t.baseUrl}/${s.contoso.tenant.id}/myapps`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const answer = await web.post(`${s.t.baseUrl}/%2Fevil.example/myapps`, { csrf, email: person.email, password: PASSWORD });
    expect(answer.status).toBe(404);
    expect(answer.location).toBeNull();
  });

  it('searches by name on the server (a GET form, no script): case-insensitive, with a message when nothing matches', async () => {
    const { person } = await withSamlApp();
    const base = `${s.t.baseUrl}/${s.contoso.tenant.id}/myapps`;
    const panel = await person.web.get(base);
    expect(panel.body).toMatch(new RegExp(`<form method="get" action="/${s.contoso.tenant.id}/myapps" role="search"`));
    expect(tiles(await person.web.get(`${base}?q=crm`)).map((a) => a.name)).toEqual([`Partner CRM ${n}`]);
    expect(tiles(await person.web.get(`${base}?q=%20EXPENSES%20`)).map((a) => a.name)).toEqual(['Partner Expenses']);
    const none = await person.web.get(`${base}?q=%3Cscript%3E`);
    expect(tiles(none)).toEqual([]);
    expect(none.body).toContain('id="no-match"');
    expect(none.body).not.toContain('<script>');
    expect(text(none)).toContain('No apps match “<script>”.');
    // A repeated parameter is malformed input: a 400 page, never an error.
    const repeated = await person.web.get(`${base}?q=a&q=b`);
    expect(repeated.status).toBe(400);
    expect(text(repeated)).toContain('BAD_USER_INPUT');
  });

  it('the switcher lists exactly the person’s organizations with apps, never another person’s (cross-tenant twin)', async () => {
    const { person } = await withSamlApp();
    // The twin: another partner, a guest of Tailspin (where the first person has nothing) and of Northwind.
    const tailspin = await createTenant(s.t, 'http', { domains: [`tailspin-${kind}.example`] });
    const tailspinApp = await registerApp(s.t, tailspin);
    const twinMail = `twin${++n}.${kind}@wingtip-panel.example`;
    const twin = new WebClient();
    await redeemBySignUp(s.t, s.smtp, twin, (await invite(tailspin, twinMail, tailspinApp)).inviteRedeemUrl!, twinMail, PASSWORD);
    const second = await invite(s.northwind, twinMail, s.northwindApp);
    expect((await twin.submit(await twin.get(second.inviteRedeemUrl!), '/redeem/accept')).status).toBe(303);

    const mine = await person.web.get(`${s.t.baseUrl}/${s.northwind.tenant.id}/myapps`);
    expect(switcher(mine)).toEqual([s.contoso.tenant.id, s.northwind.tenant.id]);
    expect(mine.body).toMatch(new RegExp(`<strong aria-current="page" data-tenant="${s.northwind.tenant.id}">`));
    expect(mine.body).toContain(`href="/${s.contoso.tenant.id}/myapps"`);
    const theirs = await twin.get(`${s.t.baseUrl}/${s.northwind.tenant.id}/myapps`);
    expect(switcher(theirs)).toEqual([tailspin.tenant.id, s.northwind.tenant.id]);
    expect(theirs.body).not.toContain(s.contoso.tenant.id);
    // In a tenant where the person has no account: no apps, and still only their own organizations.
    const elsewhere = await person.web.get(`${s.t.baseUrl}/${tailspin.tenant.id}/myapps`);
    expect(tiles(elsewhere)).toEqual([]);
    expect(switcher(elsewhere)).toEqual([s.contoso.tenant.id, s.northwind.tenant.id]);
  });

  it('shows the search and the switcher in all 11 languages', async () => {
    const { person } = await withSamlApp();
    for (const language of SUPPORTED_LANGUAGES) {
      const web = new WebClient(undefined, { 'accept-language': language });
      for (const [name, value] of Object.entries(person.web.cookies())) web.plant(s.t.baseUrl, name, value);
      const page = await web.get(`${s.t.baseUrl}/${s.contoso.tenant.id}/myapps?q=nothing-like-it`);
      expect(page.status).toBe(200);
      for (const key of ['myapps.search', 'myapps.searchButton', 'myapps.organizations'] as const)
        expect(decodeEntities(page.body), `${language} ${key}`).toContain(translate(language, key));
      expect(text(page), language).toContain(translate(language, 'myapps.noMatch', { query: 'nothing-like-it' }));
      if (language !== 'en') expect(translate(language, 'myapps.search')).not.toBe(translate('en', 'myapps.search'));
    }
  });
});
