import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { MFA_PASSWORD, memberWithPassword } from '../helpers/mfa.js';
import { idpInitiatedSignIn, independentSp, postedForm, registerSamlApp, SP, signOn, warmSchemaValidator } from '../helpers/saml-sp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';

/**
 * An outside attack: the IdP-initiated sign-on URL took any RelayState from its query, so a link
 * (`…/apps/<id>/sso?RelayState=https://evil.example/`) made a signed-in person's browser post a valid
 * assertion to the SP with the attacker's RelayState, and an SP that redirects to it after sign-in
 * became an open redirect through a trusted flow. Now an app has a configured relay state (Entra's
 * "Relay State"), and a link's RelayState is taken only when it names the app itself (a path, or the
 * origin of an ACS URL or of the configured relay state); any other is refused with a page. The
 * independent SP (@node-saml/node-saml) validates every response that is sent.
 */
describe.each(testDatabases())('attack: IdP-initiated RelayState (%s)', (kind) => {
  let t: TestGateway;
  let contoso: TenantFixture;
  beforeAll(warmSchemaValidator, 120_000);
  const suite = useGatewaySuite(kind, { tenants: [{ domains: ['contoso-relay.example'] }] });
  beforeAll(() => {
    ({
      t,
      tenants: [contoso],
    } = suite);
  });

  let n = 0;
  const entity = () => `${SP.entityId}/relay-${++n}`;

  /** A SAML app with `relayState`, a member signed in to the gateway, and the SP that checks what it is sent. */
  async function signedInTo(relayState: string | null) {
    const entityId = entity();
    const mail = `relay${n}@contoso-relay.example`;
    const { first, ...rest } = await idpInitiatedSignIn(t, contoso, entityId, relayState, mail);
    expect(first, 'the first sign-in posts a response').not.toBeNull();
    return { ...rest, mail, first: first! };
  }

  it('sends the configured relay state on IdP-initiated sign-in; the API shows it', async () => {
    const { app, sp, mail, first } = await signedInTo('/dashboard?tab=deals');
    expect(app.saml!.relayState).toBe('/dashboard?tab=deals');
    expect(first.fields.RelayState).toBe('/dashboard?tab=deals');
    expect((await sp.validatePostResponseAsync(first.fields)).profile!.nameID).toBe(mail);
  });

  it('takes a deep link on the app itself: a path, an ACS URL origin, the configured relay state origin', async () => {
    const { sp, open } = await signedInTo('https://app.partner-crm.example/home');
    for (const relay of ['/reports/7?q=a%20b', `${new URL(SP.acs).origin}/accounts/1`, 'https://app.partner-crm.example/deals/9']) {
      const post = postedForm(await open(relay));
      expect(post, relay).not.toBeNull();
      expect(post!.fields.RelayState).toBe(relay);
      await sp.validatePostResponseAsync(post!.fields);
    }
    // No RelayState in the link: the configured one.
    expect(postedForm(await open())!.fields.RelayState).toBe('https://app.partner-crm.example/home');
  });

  it.each([
    'https://evil.example/phish',
    '//evil.example/phish',
    '/\\evil.example/phish',
    '/\r\nLocation: https://evil.example',
    'http://sp.partner-crm.example/saml/acs',
    'https://sp.partner-crm.example.evil.example/',
    'https://user@sp.partner-crm.example/',
    'https://sp.partner-crm.example/a\r\nSet-Cookie: session=attacker',
    'javascript:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    'evil.example',
  ])('refuses the deep link %s with a page, and posts nothing to the SP', async (relay) => {
    const { open } = await signedInTo(null);
    const page = await open(relay);
    expect(page.status, text(page)).toBe(400);
    expect(text(page)).toContain('its RelayState is not an address of this app');
    expect(page.body).toContain('BAD_USER_INPUT');
    expect(postedForm(page)).toBeNull();
  });

  it('keeps an SP-initiated RelayState as the SP sent it (echoed back, as the SAML bindings require)', async () => {
    const entityId = entity();
    await registerSamlApp(contoso, { entityId, relayState: '/configured' });
    const mail = `sp${n}@contoso-relay.example`;
    await memberWithPassword(t, contoso, mail);
    const sp = await independentSp(t, contoso.tenant.id, { issuer: entityId, audience: entityId });
    const page = await signOn(new WebClient(), await sp.getAuthorizeUrlAsync('opaque-state-42', undefined, {}), {
      email: mail,
      password: MFA_PASSWORD,
    });
    const post = postedForm(page)!;
    expect(post.fields.RelayState).toBe('opaque-state-42');
    await sp.validatePostResponseAsync(post.fields);
  });

  async function gql(query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${contoso.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as any;
  }
  const register = (relayState: string) =>
    gql('mutation($input: CreateApplicationInput!) { createApplication(input: $input) { application { saml { relayState } } } }', {
      input: { displayName: 'Relay', protocol: 'SAML', saml: { entityId: entity(), acsUrls: [SP.acs], relayState } },
    });
  const update = (id: string, input: Record<string, unknown>) =>
    gql(
      'mutation($id: ID!, $input: UpdateApplicationInput!) { updateApplication(id: $id, input: $input) { displayName saml { relayState } } }',
      {
        id,
        input,
      },
    );

  it.each([
    ['longer than 1024 characters', `/${'p'.repeat(1024)}`],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,hi'],
    ['plain http to another host', 'http://app.partner-crm.example/'],
    ['spaces or control characters', '/a\nb'],
  ])('refuses a configured relay state %s as BAD_USER_INPUT naming relayState', async (_why, relayState) => {
    const refused = await register(relayState);
    expect(refused.errors?.[0]?.extensions.code, JSON.stringify(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions.details).toEqual({ field: 'relayState' });
    expect(refused.errors?.[0]?.message).toMatch(/^relayState /);
  });

  it('changes the relay state of a registered app (checked the same way, audited); clears it with null', async () => {
    const { app, open } = await signedInTo(null);
    expect(postedForm(await open())!.fields.RelayState).toBeUndefined();
    const refused = await update(app.id, { displayName: 'Renamed', saml: { relayState: 'javascript:alert(1)' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'relayState' } });
    const changed = await update(app.id, { displayName: 'Renamed', saml: { relayState: '/welcome' } });
    expect(changed.data?.updateApplication, JSON.stringify(changed)).toEqual({ displayName: 'Renamed', saml: { relayState: '/welcome' } });
    expect(postedForm(await open())!.fields.RelayState).toBe('/welcome');
    const audit = await gql(
      'query($t: ID) { auditEvents(first: 1, filter: { targetId: $t, actions: ["Update application"] }) { nodes { details } } }',
      { t: app.id },
    );
    expect(audit.data.auditEvents.nodes[0].details.fields).toEqual(['displayName', 'saml.relayState']);
    const cleared = await update(app.id, { saml: { relayState: null } });
    expect(cleared.data?.updateApplication.saml.relayState, JSON.stringify(cleared)).toBeNull();
    expect(postedForm(await open())!.fields.RelayState).toBeUndefined();
  });

  it('refuses SAML settings for an OpenID Connect app, changing nothing', async () => {
    const created = await gql('mutation { createApplication(input: { displayName: "Oidc" }) { application { id } } }');
    const { id } = created.data.createApplication.application;
    const refused = await update(id, { displayName: 'Changed', saml: { relayState: '/x' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'saml' } });
    expect((await update(id, {})).data.updateApplication.displayName).toBe('Oidc');
  });

  it('stores a configured relay state of 1024 characters, an opaque value and an https URL elsewhere', async () => {
    for (const relayState of [`/${'p'.repeat(1023)}`, 'crm-alias', 'https://console.partner-crm.example/s3']) {
      const stored = await register(relayState);
      expect(stored.errors, JSON.stringify(stored)).toBeUndefined();
      expect(stored.data.createApplication.application.saml.relayState).toBe(relayState);
    }
  });
});
