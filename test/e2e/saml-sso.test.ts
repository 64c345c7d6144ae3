import { ValidateInResponseTo } from '@node-saml/node-saml';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_URIS } from '../../src/saml/assertion.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { MFA_PASSWORD, memberWithPassword } from '../helpers/mfa.js';
import {
  certificatesIn,
  idpBase,
  independentSp,
  NAME_ID,
  postedForm,
  registerSamlApp,
  SP,
  signOn,
  warmSchemaValidator,
} from '../helpers/saml-sp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';
import { AssignApplicationDocument, ExposeApiDocument, SetUserEnabledDocument } from '../graphql/generated.js';

/**
 * The tenant as a SAML 2.0 identity provider, checked by an independent SP (@node-saml/node-saml):
 * metadata, SP-initiated sign-on by both bindings, IdP-initiated sign-on, every attribute, signature
 * and condition of what we send, and the access rules.
 */
describe.each(testDatabases())('SAML sign-on (%s)', (kind) => {
  let t: TestGateway;
  let contoso: TenantFixture;
  // Before the gateway starts: loading it blocks the process for seconds, and idle keep-alive sockets would reset.
  beforeAll(warmSchemaValidator, 120_000);
  const suite = useGatewaySuite(kind, { tenants: [{ domains: ['contoso-saml.example'] }] });
  beforeAll(() => {
    ({
      t,
      tenants: [contoso],
    } = suite);
  });

  let n = 0;
  const address = (local: string) => `${local}${++n}@contoso-saml.example`;

  it('publishes metadata: entity id, SSO by both bindings, logout, the signing certificate', async () => {
    const base = idpBase(t, contoso.tenant.id);
    const response = await fetch(`${base}/metadata`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/samlmetadata+xml');
    const xml = await response.text();
    expect(xml).toContain(`entityID="${base}"`);
    expect(xml).toMatch(
      new RegExp(`SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${base}/sso"`),
    );
    expect(xml).toMatch(new RegExp(`SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${base}/sso"`));
    expect(xml).toContain(`SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${base}/logout"`);
    expect(certificatesIn(xml)).toHaveLength(1);
    // The same bytes every time (another process derives the same certificate from the key).
    expect(await (await fetch(`${base}/metadata`)).text()).toBe(xml);
    expect((await fetch(`${t.baseUrl}/00000000-0000-4000-8000-000000000000/saml2/metadata`)).status).toBe(404);
  });

  it('signs a member in by HTTP-Redirect; the SP checks signatures, conditions, InResponseTo and every attribute', async () => {
    const app = await registerSamlApp(contoso, { entityId: `${SP.entityId}/redirect` });
    expect(app.protocol).toBe('SAML');
    expect(app.saml).toMatchObject({ nameIdFormat: 'EMAIL', requestsSigned: false, idpSsoUrl: `${idpBase(t, contoso.tenant.id)}/sso` });
    const mail = address('mia');
    const member = await memberWithPassword(t, contoso, mail);
    const sp = await independentSp(t, contoso.tenant.id, { issuer: `${SP.entityId}/redirect`, audience: `${SP.entityId}/redirect` });
    const web = new WebClient();
    const url = await sp.getAuthorizeUrlAsync('relay-1', undefined, {});
    const page = await signOn(web, url, { email: mail, password: MFA_PASSWORD });
    const post = postedForm(page);
    expect(post, text(page)).not.toBeNull();
    expect(post!.action).toBe(SP.acs);
    expect(post!.fields.RelayState).toBe('relay-1');
    const { profile } = await sp.validatePostResponseAsync(post!.fields);
    expect(profile!.nameID).toBe(mail);
    expect(profile!.nameIDFormat).toBe(NAME_ID.email);
    expect(profile!.issuer).toBe(idpBase(t, contoso.tenant.id));
    expect(profile![CLAIM_URIS.tenantid]).toBe(contoso.tenant.id);
    expect(profile![CLAIM_URIS.objectidentifier]).toBe(member.id);
    expect(profile![CLAIM_URIS.identityprovider]).toBe(`${t.baseUrl}/${contoso.tenant.id}/v2.0`);
    expect(profile![CLAIM_URIS.emailaddress]).toBe(mail);
    expect(profile![CLAIM_URIS.name]).toBe(mail);
    expect(profile![CLAIM_URIS.displayname]).toBe('Mia Factor');
    const xml = Buffer.from(post!.fields.SAMLResponse!, 'base64').toString('utf8');
    // Both the response and its assertion are signed with RSA-SHA256; the conditions are bounded.
    expect(xml.match(/SignatureMethod Algorithm="http:\/\/www.w3.org\/2001\/04\/xmldsig-more#rsa-sha256"/g)).toHaveLength(2);
    expect(xml).toMatch(
      /<saml:Conditions NotBefore="[^"]+" NotOnOrAfter="[^"]+"><saml:AudienceRestriction><saml:Audience>https:\/\/sp.partner-crm.example\/saml\/redirect<\/saml:Audience>/,
    );
    expect(xml).toMatch(new RegExp(`<saml:SubjectConfirmationData NotOnOrAfter="[^"]+" Recipient="${SP.acs}" InResponseTo="_`));

    // Signed in now: the next request needs no sign-in page, unless the SP asks for a fresh one (ForceAuthn).
    const again = await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}));
    expect((await sp.validatePostResponseAsync(postedForm(again)!.fields)).profile!.nameID).toBe(mail);
    const forcing = await independentSp(t, contoso.tenant.id, {
      issuer: `${SP.entityId}/redirect`,
      audience: `${SP.entityId}/redirect`,
      forceAuthn: true,
    });
    const asked = await signOn(web, await forcing.getAuthorizeUrlAsync('', undefined, {}));
    expect(asked.body).toContain('name="password"');
    const fresh = await signOn(web, asked, { email: mail, password: MFA_PASSWORD });
    expect((await forcing.validatePostResponseAsync(postedForm(fresh)!.fields)).profile!.nameID).toBe(mail);
  });

  it('signs in by HTTP-POST; a persistent NameID is stable per user and app and differs between apps', async () => {
    const mail = address('pia');
    await memberWithPassword(t, contoso, mail);
    const web = new WebClient();
    const ids: string[] = [];
    for (const [i, entityId] of [`${SP.entityId}/post-a`, `${SP.entityId}/post-b`, `${SP.entityId}/post-a`].entries()) {
      if (i < 2) await registerSamlApp(contoso, { entityId, nameIdFormat: 'PERSISTENT' });
      const sp = await independentSp(t, contoso.tenant.id, {
        issuer: entityId,
        audience: entityId,
        authnRequestBinding: 'HTTP-POST',
        skipRequestCompression: true, // the POST binding carries plain base64 XML (saml-bindings 3.5.4)
        identifierFormat: NAME_ID.persistent,
      });
      const message = (await sp.getAuthorizeMessageAsync('')) as Record<string, string>;
      const received = await web.post(`${idpBase(t, contoso.tenant.id)}/sso`, message);
      expect(received.status, text(received)).toBe(303);
      const page = await signOn(web, received, { email: mail, password: MFA_PASSWORD });
      const { profile } = await sp.validatePostResponseAsync(postedForm(page)!.fields);
      expect(profile!.nameIDFormat).toBe(NAME_ID.persistent);
      ids.push(profile!.nameID);
    }
    expect(ids[0]).not.toBe(ids[1]);
    expect(ids[2]).toBe(ids[0]);
    expect(ids[0]).not.toContain('@');
  });

  it('IdP-initiated: the app opens signed in, without InResponseTo', async () => {
    const app = await registerSamlApp(contoso, { entityId: `${SP.entityId}/idp-initiated` });
    const mail = address('ida');
    await memberWithPassword(t, contoso, mail);
    const sp = await independentSp(t, contoso.tenant.id, {
      issuer: `${SP.entityId}/idp-initiated`,
      audience: `${SP.entityId}/idp-initiated`,
      validateInResponseTo: ValidateInResponseTo.ifPresent,
    });
    expect(app.saml!.idpInitiatedUrl).toBe(`${idpBase(t, contoso.tenant.id)}/apps/${app.id}/sso`);
    const page = await signOn(new WebClient(), `${app.saml!.idpInitiatedUrl}?RelayState=%2Fhome`, { email: mail, password: MFA_PASSWORD });
    const post = postedForm(page)!;
    expect(post.fields.RelayState).toBe('/home');
    expect(Buffer.from(post.fields.SAMLResponse!, 'base64').toString()).not.toContain('InResponseTo');
    expect((await sp.validatePostResponseAsync(post.fields)).profile!.nameID).toBe(mail);
  });

  it('refuses a user the app is not assigned to, with the access-denied page; assigned, the same user signs in', async () => {
    const app = await registerSamlApp(contoso, { entityId: `${SP.entityId}/assigned` }, { assignmentRequired: true });
    const mail = address('una');
    const member = await memberWithPassword(t, contoso, mail);
    const sp = await independentSp(t, contoso.tenant.id, { issuer: `${SP.entityId}/assigned`, audience: `${SP.entityId}/assigned` });
    const web = new WebClient();
    const refused = await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}), { email: mail, password: MFA_PASSWORD });
    expect(refused.status).toBe(403);
    expect(text(refused)).toContain('You have not been given access to Partner CRM');
    expect(postedForm(refused)).toBeNull();
    await contoso.admin.client.data(AssignApplicationDocument, { applicationId: app.id, principal: { type: 'User', id: member.id } });
    const page = await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}));
    expect((await sp.validatePostResponseAsync(postedForm(page)!.fields)).profile!.nameID).toBe(mail);
  });

  it('sends the app roles the person is assigned, one value each, and none to someone without', async () => {
    const app = await registerSamlApp(contoso, { entityId: `${SP.entityId}/roles` }, { assignmentRequired: true });
    await contoso.admin.client.data(ExposeApiDocument, {
      applicationId: app.id,
      input: {
        identifierUri: `api://${app.appId}`,
        scopes: [],
        appRoles: [
          { value: 'Expenses.Approve', displayName: 'Approvers', allowedMemberTypes: ['User'] },
          { value: 'Reports.Read', displayName: 'Readers', allowedMemberTypes: ['User'] },
          { value: 'Sync.All', displayName: 'Daemons', allowedMemberTypes: ['Application'] },
        ],
      },
    });
    const sp = await independentSp(t, contoso.tenant.id, { issuer: `${SP.entityId}/roles`, audience: `${SP.entityId}/roles` });
    const rolesOf = async (mail: string) => {
      const page = await signOn(new WebClient(), await sp.getAuthorizeUrlAsync('', undefined, {}), { email: mail, password: MFA_PASSWORD });
      const { profile } = await sp.validatePostResponseAsync(postedForm(page)!.fields);
      return ([] as unknown[]).concat(profile![CLAIM_URIS.role] ?? []);
    };
    const approver = address('ann');
    const member = await memberWithPassword(t, contoso, approver);
    for (const appRole of ['Expenses.Approve', 'Reports.Read'])
      await contoso.admin.client.data(AssignApplicationDocument, {
        applicationId: app.id,
        principal: { type: 'User', id: member.id },
        appRole,
      });
    expect((await rolesOf(approver)).sort()).toEqual(['Expenses.Approve', 'Reports.Read']);
    const plain = address('pat');
    const other = await memberWithPassword(t, contoso, plain);
    await contoso.admin.client.data(AssignApplicationDocument, { applicationId: app.id, principal: { type: 'User', id: other.id } });
    expect(await rolesOf(plain)).toEqual([]);
  });

  it('a disabled account is refused with the same page', async () => {
    await registerSamlApp(contoso, { entityId: `${SP.entityId}/disabled` });
    const mail = address('dis');
    const member = await memberWithPassword(t, contoso, mail);
    const sp = await independentSp(t, contoso.tenant.id, { issuer: `${SP.entityId}/disabled`, audience: `${SP.entityId}/disabled` });
    const web = new WebClient();
    await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}), { email: mail, password: MFA_PASSWORD });
    await contoso.admin.client.data(SetUserEnabledDocument, { id: member.id, enabled: false });
    const refused = await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}));
    expect(postedForm(refused)).toBeNull();
    expect(text(refused)).toMatch(/disabled|Sign in/);
  });
});
