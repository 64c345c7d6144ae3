import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { idpInitiatedSignIn, postedForm, registerSamlApp, SP, warmSchemaValidator } from '../helpers/saml-sp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text } from '../helpers/web-client.js';

/**
 * An outside attack on the IdP-initiated deep link and the configured relay state, by spelling:
 * the deep link's origin was checked with the WHATWG parser but the raw value was sent, so
 * `https://sp…\@evil.example/` (a userinfo and the host evil.example to an RFC 3986 parser; now
 * refused) and a full-width dot went to the SP as written; `/%2F%2Fevil.example` is `//evil.example` to an SP that
 * decodes it once more; `blob:https://sp…/` passed as an "address of the app". A configured relay
 * state took `java%73cript:` and `javascript:` behind a zero-width space or a soft hyphen.
 */
describe.each(testDatabases())('attack: SAML deep link spellings (%s)', (kind) => {
  let t: TestGateway;
  let contoso: TenantFixture;
  beforeAll(warmSchemaValidator, 120_000);
  const suite = useGatewaySuite(kind, { tenants: [{ domains: ['contoso-spell.example'] }] });
  beforeAll(() => {
    ({
      t,
      tenants: [contoso],
    } = suite);
  });

  let n = 0;
  const entity = () => `${SP.entityId}/spell-${++n}`;
  const acsHost = new URL(SP.acs).host;

  async function signedIn() {
    const entityId = entity();
    const mail = `spell${n}@contoso-spell.example`;
    const { sp, first, open } = await idpInitiatedSignIn(t, contoso, entityId, null, mail);
    expect(first).not.toBeNull();
    return { sp, open: (relay: string) => open(relay) };
  }

  it.each([
    [`https://${acsHost.replace(/\./g, '\u3002')}/deals`, `https://${acsHost}/deals`],
    [`https:${acsHost}/deals`, `https://${acsHost}/deals`],
  ])('sends the deep link %s as the host it was checked with', async (relay, sent) => {
    const { sp, open } = await signedIn();
    const post = postedForm(await open(relay));
    expect(post, relay).not.toBeNull();
    expect(post!.fields.RelayState).toBe(sent);
    await sp.validatePostResponseAsync(post!.fields);
  });

  it.each([
    `https://${acsHost}\\@evil.example/`,
    '/%2F%2Fevil.example/phish',
    '/%2f/evil.example',
    '/%5Cevil.example',
    `blob:https://${acsHost}/x`,
  ])('refuses the deep link %s with a page, posting nothing', async (relay) => {
    const { open } = await signedIn();
    const page = await open(relay);
    expect(page.status, text(page)).toBe(400);
    expect(text(page)).toContain('its RelayState is not an address of this app');
    expect(postedForm(page)).toBeNull();
  });

  it('still takes a path whose query holds an encoded slash', async () => {
    const { open } = await signedIn();
    expect(postedForm(await open('/search?next=%2Freports%2F7'))!.fields.RelayState).toBe('/search?next=%2Freports%2F7');
  });

  it.each(['java%73cript:alert(1)', '\u200bjavascript:alert(1)', 'javascript\u00ad:alert(1)', 'data%3Atext/html,hi', '%6Aavascript:x'])(
    'refuses the configured relay state %j through createApplication and updateApplication',
    async (relayState) => {
      const gql = async (query: string, variables: Record<string, unknown>) =>
        (await (
          await fetch(`${t.baseUrl}/graphql`, {
            method: 'POST',
            headers: { authorization: `Bearer ${contoso.admin.token}`, 'content-type': 'application/json' },
            body: JSON.stringify({ query, variables }),
          })
        ).json()) as any;
      const created = await gql('mutation($input: CreateApplicationInput!) { createApplication(input: $input) { application { id } } }', {
        input: { displayName: 'Spell', protocol: 'SAML', saml: { entityId: entity(), acsUrls: [SP.acs], relayState } },
      });
      expect(created.errors?.[0]?.extensions, JSON.stringify(created)).toMatchObject({
        code: 'BAD_USER_INPUT',
        details: { field: 'relayState' },
      });
      const app = await registerSamlApp(contoso, { entityId: entity(), relayState: null });
      const updated = await gql(
        'mutation($id: ID!, $input: UpdateApplicationInput!) { updateApplication(id: $id, input: $input) { id } }',
        {
          id: app.id,
          input: { saml: { relayState } },
        },
      );
      expect(updated.errors?.[0]?.extensions, JSON.stringify(updated)).toMatchObject({
        code: 'BAD_USER_INPUT',
        details: { field: 'relayState' },
      });
    },
  );
});
