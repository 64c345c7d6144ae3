import { generateServiceProviderMetadata, ValidateInResponseTo } from '@node-saml/node-saml';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { MFA_PASSWORD, memberWithPassword } from '../helpers/mfa.js';
import {
  certificatesIn,
  idpBase,
  independentSp,
  postedForm,
  redirectXml,
  registerSamlApp,
  SP,
  signOn,
  spCredentials,
  withRedirectXml,
  warmSchemaValidator,
} from '../helpers/saml-sp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';
import {
  CreateSamlApplicationDocument,
  DeleteApplicationDocument,
  RotateSigningKeyDocument,
  SamlApplicationDocument,
} from '../graphql/generated.js';

const pem = (base64: string) => `-----BEGIN CERTIFICATE-----\n${base64.replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----`;

describe.each(testDatabases())('SAML single logout, metadata and tenants (%s)', (kind) => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let fabrikam: TenantFixture;
  // Before the gateway starts: loading it blocks the process for seconds, and idle keep-alive sockets would reset.
  beforeAll(warmSchemaValidator, 120_000);
  const suite = useGatewaySuite(kind, { tenants: [{ domains: ['contoso-slo.example'] }, { domains: ['fabrikam-slo.example'] }] });
  beforeAll(() => {
    ({
      t,
      tenants: [contoso, fabrikam],
    } = suite);
  });

  async function signedIn(entityId: string, local: string) {
    const mail = `${local}${Date.now()}@contoso-slo.example`;
    await memberWithPassword(t, contoso, mail);
    // node-saml reads a posted LogoutResponse's InResponseTo only when present (it is: checked against its cache).
    const sp = await independentSp(t, contoso.tenant.id, {
      issuer: entityId,
      audience: entityId,
      validateInResponseTo: ValidateInResponseTo.ifPresent,
    });
    const web = new WebClient();
    const page = await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}), { email: mail, password: MFA_PASSWORD });
    const { profile } = await sp.validatePostResponseAsync(postedForm(page)!.fields);
    return { mail, sp, web, profile: profile! };
  }

  it('single logout: the SP’s LogoutRequest ends the gateway session and gets a signed LogoutResponse', async () => {
    const entityId = `${SP.entityId}/slo`;
    await registerSamlApp(contoso, { entityId });
    const { sp, web, profile } = await signedIn(entityId, 'slo');
    const page = await web.follow(await web.get(await sp.getLogoutUrlAsync(profile, 'after-logout', {})));
    const post = postedForm(page)!;
    expect(post.action).toBe(SP.logout);
    expect(post.fields.RelayState).toBe('after-logout');
    const { loggedOut } = await sp.validatePostResponseAsync(post.fields);
    expect(loggedOut).toBe(true);
    expect(Buffer.from(post.fields.SAMLResponse!, 'base64').toString()).toContain('urn:oasis:names:tc:SAML:2.0:status:Success');
    // The gateway session ended: the next sign-on asks for the password again.
    const next = await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}));
    expect(next.body).toContain('name="password"');
  });

  it('a LogoutRequest by HTTP-POST is posted once more from our page, so the SameSite=Lax session cookie comes along', async () => {
    const entityId = `${SP.entityId}/slo-post`;
    await registerSamlApp(contoso, { entityId });
    const { sp, web, profile } = await signedIn(entityId, 'slopost');
    const url = await sp.getLogoutUrlAsync(profile, '', {});
    const xml = redirectXml(url);
    const first = await new WebClient().post(`${idpBase(t, contoso.tenant.id)}/logout`, {
      SAMLRequest: Buffer.from(xml).toString('base64'),
    });
    const again = postedForm(first)!;
    expect(again.action).toBe(`/${contoso.tenant.id}/saml2/logout`);
    expect(again.fields.again).toBe('1');
    const done = postedForm(await web.post(`${t.baseUrl}${again.action}`, again.fields))!;
    expect((await sp.validatePostResponseAsync(done.fields)).loggedOut).toBe(true);
    expect((await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}))).body).toContain('name="password"');
  });

  it('refuses a LogoutRequest with a comment inside its NameID, and ends no session', async () => {
    const entityId = `${SP.entityId}/slo-comment`;
    await registerSamlApp(contoso, { entityId });
    const { sp, web, profile } = await signedIn(entityId, 'comment');
    const url = await sp.getLogoutUrlAsync(profile, '', {});
    const xml = redirectXml(url).replace(/(<saml:NameID[^>]*>)([^<@]+)@/, '$1$2<!---->@');
    expect(xml).toContain('<!---->');
    const refused = await web.get(withRedirectXml(url, xml));
    expect(refused.status).toBe(400);
    expect(text(refused)).toContain('it contains XML comments');
    const still = await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}));
    expect(postedForm(still)).not.toBeNull();
  });

  it('a LogoutRequest naming someone else keeps the browser signed in and answers Requester', async () => {
    const entityId = `${SP.entityId}/slo-other`;
    await registerSamlApp(contoso, { entityId });
    const { sp, web, profile } = await signedIn(entityId, 'other');
    const url = await sp.getLogoutUrlAsync({ ...profile, nameID: 'someone.else@contoso-slo.example' }, '', {});
    const post = postedForm(await web.get(url))!;
    expect(Buffer.from(post.fields.SAMLResponse!, 'base64').toString()).toContain('urn:oasis:names:tc:SAML:2.0:status:Requester');
    expect(postedForm(await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {})))).not.toBeNull();
  });

  it('imports SP metadata generated by the independent SP; its signed requests are then required', async () => {
    const credentials = await spCredentials();
    const entityId = `${SP.entityId}/imported`;
    const metadataXml = generateServiceProviderMetadata({
      issuer: entityId,
      callbackUrl: SP.acs,
      logoutCallbackUrl: SP.logout,
      publicCerts: pem(credentials.certificate),
      privateKey: credentials.privateKey,
      identifierFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
      wantAssertionsSigned: true,
    });
    const app = await registerSamlApp(contoso, { entityId: null, acsUrls: null, logoutUrl: null, metadataXml });
    expect(app.saml).toMatchObject({ entityId, acsUrls: [SP.acs], logoutUrl: SP.logout, requestsSigned: true });
    const mail = `imp${Date.now()}@contoso-slo.example`;
    await memberWithPassword(t, contoso, mail);
    const sp = await independentSp(t, contoso.tenant.id, { issuer: entityId, audience: entityId, privateKey: credentials.privateKey });
    const page = await signOn(new WebClient(), await sp.getAuthorizeUrlAsync('', undefined, {}), { email: mail, password: MFA_PASSWORD });
    expect((await sp.validatePostResponseAsync(postedForm(page)!.fields)).profile!.nameID).toBe(mail);
    const unsigned = await independentSp(t, contoso.tenant.id, { issuer: entityId, audience: entityId });
    expect((await new WebClient().get(await unsigned.getAuthorizeUrlAsync('', undefined, {}))).status).toBe(400);
  });

  it('publishes the next signing key ahead of its use; responses are signed with the active one', async () => {
    const entityId = `${SP.entityId}/rotation`;
    await registerSamlApp(fabrikam, { entityId });
    const base = idpBase(t, fabrikam.tenant.id);
    const before = certificatesIn(await (await fetch(`${base}/metadata`)).text());
    await fabrikam.admin.client.data(RotateSigningKeyDocument, { activateInSeconds: 3600 });
    const after = certificatesIn(await (await fetch(`${base}/metadata`)).text());
    expect(after).toHaveLength(2);
    expect(after[0]).toBe(before[0]);
    const mail = `rot${Date.now()}@fabrikam-slo.example`;
    await memberWithPassword(t, fabrikam, mail);
    const web = new WebClient();
    const active = await independentSp(t, fabrikam.tenant.id, { issuer: entityId, audience: entityId, idpCert: after[0]! });
    const page = await signOn(web, await active.getAuthorizeUrlAsync('', undefined, {}), { email: mail, password: MFA_PASSWORD });
    expect((await active.validatePostResponseAsync(postedForm(page)!.fields)).profile!.nameID).toBe(mail);
    const nextOnly = await independentSp(t, fabrikam.tenant.id, { issuer: entityId, audience: entityId, idpCert: after[1]! });
    const second = await signOn(web, await nextOnly.getAuthorizeUrlAsync('', undefined, {}));
    await expect(nextOnly.validatePostResponseAsync(postedForm(second)!.fields)).rejects.toThrow(/signature/i);
  });

  it('deleting a SAML app deletes its settings: its entity id can be registered again, its requests are refused', async () => {
    const entityId = `${SP.entityId}/deleted`;
    const app = await registerSamlApp(contoso, { entityId });
    await contoso.admin.client.data(DeleteApplicationDocument, { id: app.id });
    const sp = await independentSp(t, contoso.tenant.id, { issuer: entityId, audience: entityId });
    expect(text(await new WebClient().get(await sp.getAuthorizeUrlAsync('', undefined, {})))).toContain('Issuer is not a SAML app');
    expect((await registerSamlApp(contoso, { entityId })).saml!.entityId).toBe(entityId);
  });

  describe('cross-tenant twins', () => {
    it('createApplication (SAML): an entity id is per tenant; the twin registers its own, and neither tenant sees the other’s', async () => {
      const entityId = `${SP.entityId}/twin`;
      const mine = await registerSamlApp(contoso, { entityId });
      const theirs = await registerSamlApp(fabrikam, { entityId });
      expect(theirs.saml!.idpEntityId).toBe(idpBase(t, fabrikam.tenant.id));
      expect(
        await contoso.admin.client.errorCode(CreateSamlApplicationDocument, {
          input: { displayName: 'Again', protocol: 'SAML', saml: { entityId, acsUrls: [SP.acs] } },
        }),
      ).toBe('CONFLICT');
      expect(await fabrikam.admin.client.errorCode(SamlApplicationDocument, { id: mine.id })).toBe('NOT_FOUND');
      expect((await contoso.admin.client.data(SamlApplicationDocument, { id: mine.id })).application.saml!.entityId).toBe(entityId);
    });

    it('sign-on: a request of one tenant’s SP sent to the other tenant, and an app id of the other tenant, are refused', async () => {
      const entityId = `${SP.entityId}/only-contoso`;
      const app = await registerSamlApp(contoso, { entityId });
      const sp = await independentSp(t, contoso.tenant.id, { issuer: entityId, entryPoint: `${idpBase(t, fabrikam.tenant.id)}/sso` });
      const refused = await new WebClient().get(await sp.getAuthorizeUrlAsync('', undefined, {}));
      expect(refused.status).toBe(400);
      expect(text(refused)).toContain('Issuer is not a SAML app of this organization');
      const foreign = await new WebClient().get(`${idpBase(t, fabrikam.tenant.id)}/apps/${app.id}/sso`);
      expect(foreign.status).toBe(404);
    });

    it('a sign-in pending in one tenant cannot be continued under the other', async () => {
      const entityId = `${SP.entityId}/pending`;
      await registerSamlApp(contoso, { entityId });
      const sp = await independentSp(t, contoso.tenant.id, {
        issuer: entityId,
        audience: entityId,
        validateInResponseTo: ValidateInResponseTo.never,
      });
      const web = new WebClient();
      const received = await web.get(await sp.getAuthorizeUrlAsync('', undefined, {}));
      const uid = received.location!.split('/').pop()!;
      const crossed = await web.get(`${idpBase(t, fabrikam.tenant.id)}/sso/${uid}`);
      expect(crossed.status).toBe(400);
      expect(text(crossed)).toContain('expired or was completed already');
    });
  });
});
