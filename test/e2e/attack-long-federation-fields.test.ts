import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import { text, WebClient } from '../helpers/web-client.js';

/**
 * An outside attack found client input longer than its column: on PostgreSQL a federation setup with
 * an issuer over 512 or a client id over 255 characters, a partner provider's `sub` over 255 or an
 * address over 254, and an audit filter for a long domain target were server errors or refused,
 * while SQLite stored them. Each is now the caller's error (BAD_USER_INPUT naming the field, or the
 * FEDERATION_FAILED page), the same on both databases, and the longest value that fits is taken.
 */
describe.each(testDatabases())('attack: federation and audit fields longer than their columns on %s', (kind) => {
  let t: TestGateway;
  let fabrikam: TenantFixture;
  let upstream: Awaited<ReturnType<typeof startUpstreamIdp>>;
  const domains = ['fabrikam-long.example', 'fabrikam-long2.example', 'fabrikam-long3.example'];
  const suite = useGatewaySuite(kind, { tenants: [{ domains }] });
  beforeAll(async () => {
    ({
      t,
      tenants: [fabrikam],
    } = suite);
    upstream = await startUpstreamIdp(`${t.baseUrl}/federation/callback`);
  });
  afterAll(() => upstream?.close());

  async function graphql(query: string, variables: Record<string, unknown>) {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fabrikam.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as any;
  }
  const register = (input: Record<string, unknown>) =>
    graphql('mutation($input: RegisterIdentityProviderInput!) { registerIdentityProvider(input: $input) { id clientId } }', {
      input: { issuer: upstream.issuer, clientId: 'gateway', clientSecret: 'upstream-secret', domains: [domains[0]], ...input },
    });

  it.each([
    ['issuer', { issuer: `https://idp.fabrikam-long.example/${'p'.repeat(480)}` }, 'issuer must be at most 512 characters'],
    ['clientId', { clientId: 'c'.repeat(256) }, 'clientId must be 1 to 255 characters'],
    ['clientId', { clientId: '' }, 'clientId must be 1 to 255 characters'],
  ])('refuses registerIdentityProvider with a too long %s as BAD_USER_INPUT naming it', async (field, input, message) => {
    const refused = await register(input);
    expect(refused.errors?.[0]?.extensions.code, JSON.stringify(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions.details).toEqual({ field });
    expect(refused.errors?.[0]?.message).toContain(message);
  });

  it('registers a provider whose client id is 255 characters, and signs its people in', async () => {
    const stored = await register({ clientId: 'c'.repeat(255), domains: [domains[1]] });
    expect(stored.errors, JSON.stringify(stored)).toBeUndefined();
    expect(stored.data.registerIdentityProvider.clientId).toHaveLength(255);
  });

  describe('a partner provider asserting values longer than the gateway stores', () => {
    beforeAll(async () => {
      const registered = await register({ domains: [domains[2]] });
      expect(registered.errors, JSON.stringify(registered)).toBeUndefined();
    });
    const panel = () => `${t.baseUrl}/${fabrikam.tenant.id}/myapps`;
    const signIn = async (email: string) => {
      const web = new WebClient();
      return web.follow(await web.submit(await web.get(panel()), `/${fabrikam.tenant.id}/myapps`, { email }));
    };

    it('refuses a sub longer than 255 characters with the FEDERATION_FAILED page; 255 signs in', async () => {
      upstream.addAccount('s'.repeat(256), `sub256@${domains[2]}`, 'Sub Long');
      upstream.signInAs('s'.repeat(256));
      const refused = await signIn(`sub256@${domains[2]}`);
      expect(refused.status, text(refused)).toBe(403);
      expect(refused.body).toContain('FEDERATION_FAILED');
      expect(text(refused)).toContain('longer than 255 characters');
      upstream.addAccount('s'.repeat(255), `sub255@${domains[2]}`, 'Sub Fits');
      upstream.signInAs('s'.repeat(255));
      expect(text(await signIn(`sub255@${domains[2]}`))).toContain(`Signed in as sub255@${domains[2]}`);
    });

    it('refuses an address longer than 254 characters as not confirmed', async () => {
      // Longer than the mail columns (320) too: stored as it came, this was a server error on PostgreSQL.
      const long = `${'l'.repeat(300)}@${domains[2]}`;
      upstream.addAccount('long-mail-sub', long, 'Long Mail');
      upstream.signInAs('long-mail-sub');
      const refused = await signIn(`short@${domains[2]}`);
      expect(refused.status, text(refused)).toBe(403);
      expect(refused.body).toContain('FEDERATION_FAILED');
      expect(text(refused)).toContain('did not confirm an email address');
    });
  });

  it('finds audit events by a domain target of up to 255 characters, refuses a longer filter', async () => {
    const label = (c: string) => c.repeat(63);
    const domain = `${label('a')}.${label('b')}.${label('c')}.long-target.example`;
    const added = await graphql('mutation($name: String!) { addDomain(name: $name) { name } }', { name: domain });
    expect(added.errors, JSON.stringify(added)).toBeUndefined();
    const events = (targetId: string) =>
      graphql('query($t: ID) { auditEvents(first: 5, filter: { targetId: $t }) { nodes { action targetId } } }', { t: targetId });
    const found = await events(domain);
    expect(found.errors, JSON.stringify(found)).toBeUndefined();
    expect(found.data.auditEvents.nodes.map((e: { targetId: string }) => e.targetId)).toEqual([domain]);
    const refused = await events('x'.repeat(256));
    expect(refused.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toBe('targetId must not be empty or longer than 255 characters');
  });
});
