import { beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/directory/user.entity.js';
import { CLAIM_URIS } from '../../src/saml/assertion.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { managedTenantWithMember, type PartnerApp, registerApp } from '../helpers/partner-flow.js';
import { completeSecondFactorStandIn, redeemAsGuest, setPolicy, stepReturn } from '../helpers/policy-flow.js';
import { independentSp, postedForm, registerSamlApp, SP, signOn, warmSchemaValidator } from '../helpers/saml-sp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';

/**
 * A guest signs in to a SAML app with the same rules as to an OIDC app: the external-user claims of
 * src/oidc/claims.ts under Entra's names, the tenant's MFA policy and terms of use on the same pages.
 */
describe.each(testDatabases())('SAML sign-on of a guest under the tenant policy (%s)', (kind) => {
  let t: TestGateway;
  let home: TenantFixture;
  let contoso: TenantFixture;
  let oidcApp: PartnerApp;
  const bob = { email: 'bob@saml-home.example', password: 'bob-has-a-long-password' };
  // Before the gateway starts: loading it blocks the process for seconds, and idle keep-alive sockets would reset.
  beforeAll(warmSchemaValidator, 120_000);
  const suite = useGatewaySuite(kind, { smtp: true });
  beforeAll(async () => {
    ({ t } = suite);
    home = await managedTenantWithMember(t, 'saml-home.example', bob.email, bob.password);
    contoso = await createTenant(t, 'http', { domains: ['contoso-samlpolicy.example'] });
    oidcApp = await registerApp(t, contoso, { assignmentRequired: false });
    await redeemAsGuest(contoso, oidcApp, bob, new WebClient());
  });

  it('sends the guest’s external-user claims: resource tenant, guest object, home identity provider', async () => {
    const entityId = `${SP.entityId}/guest`;
    await registerSamlApp(contoso, { entityId });
    const sp = await independentSp(t, contoso.tenant.id, { issuer: entityId, audience: entityId });
    const page = await signOn(new WebClient(), await sp.getAuthorizeUrlAsync('', undefined, {}), bob);
    const { profile } = await sp.validatePostResponseAsync(postedForm(page)!.fields);
    const guest = await t.gateway.db.manager.findOneByOrFail(User, { tenantId: contoso.tenant.id, mail: bob.email });
    expect(profile!.nameID).toBe(bob.email);
    expect(profile![CLAIM_URIS.tenantid]).toBe(contoso.tenant.id);
    expect(profile![CLAIM_URIS.objectidentifier]).toBe(guest.id);
    expect(profile![CLAIM_URIS.identityprovider]).toBe(`${t.baseUrl}/${home.tenant.id}/v2.0`);
    expect(profile![CLAIM_URIS.emailaddress]).toBe(bob.email);
  });

  it('asks for the terms of use on the same page; declining ends the sign-in, accepting sends the response', async () => {
    const entityId = `${SP.entityId}/terms`;
    await registerSamlApp(contoso, { entityId });
    await setPolicy(contoso, { termsAudience: 'Guests', termsUrl: 'https://contoso-terms.example/terms', termsVersion: 'saml-1' });
    try {
      const sp = await independentSp(t, contoso.tenant.id, { issuer: entityId, audience: entityId });
      const web = new WebClient();
      const terms = await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}), bob);
      const action = /<form method="post" action="(\/[^"]+\/saml2\/sso\/[^"]+\/terms)"/.exec(terms.body)?.[1];
      expect(action, text(terms)).toBeTruthy();
      const declined = await web.submit(terms, action!.replace(/\/terms$/, '/abort'));
      expect(declined.status).toBe(403);
      expect(postedForm(declined)).toBeNull();
      const again = await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}));
      const accepted = await web.follow(await web.submit(again, /action="(\/[^"]+\/terms)"/.exec(again.body)![1]!));
      expect((await sp.validatePostResponseAsync(postedForm(accepted)!.fields)).profile!.nameID).toBe(bob.email);
    } finally {
      await setPolicy(contoso, { termsAudience: 'None' });
    }
  });

  it('asks for the second factor the tenant requires of guests, then comes back to the SAML sign-in', async () => {
    const entityId = `${SP.entityId}/mfa`;
    await registerSamlApp(contoso, { entityId });
    await setPolicy(contoso, { mfaForGuests: true });
    try {
      const sp = await independentSp(t, contoso.tenant.id, { issuer: entityId, audience: entityId });
      const web = new WebClient();
      const step = await signOn(web, await sp.getAuthorizeUrlAsync('', undefined, {}), bob);
      const back = stepReturn(step, '/mfa/enrol');
      expect(back).toMatch(new RegExp(`^/${contoso.tenant.id}/saml2/sso/[\\w-]+$`));
      expect(postedForm(step)).toBeNull();
      await completeSecondFactorStandIn(t, web);
      const page = await web.follow(await web.get(`${t.baseUrl}${back}`));
      expect((await sp.validatePostResponseAsync(postedForm(page)!.fields)).profile!.nameID).toBe(bob.email);
    } finally {
      await setPolicy(contoso, { mfaForGuests: false });
    }
  });
});
