import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';

/**
 * An outside attack found more input longer than its column: a group's name (256) or description
 * (1024), and a SAML app's logout URL (2048; its ACS URLs were stored too, to overflow the pending
 * sign-in's column at the SP's first sign-in). On PostgreSQL each was an INTERNAL_SERVER_ERROR
 * while SQLite stored it. Each is BAD_USER_INPUT (INVALID_REPLY_URL for the SAML URLs, their rule)
 * on both databases, and the longest that fits is stored.
 */
describe.each(testDatabases())('attack: names and SAML URLs longer than their columns on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  const suite = useGatewaySuite(kind, { tenants: [{}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a],
      } = suite),
  );
  async function graphql(query: string, variables: Record<string, unknown>) {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { errors?: { message: string; extensions: { code: string } }[] };
  }
  const url = (length: number) => `https://sp.example/${'a'.repeat(length - 'https://sp.example/'.length)}`;
  let n = 0;
  const group =
    'mutation($name: String!, $description: String) { createGroup(input: { displayName: $name, description: $description }) { id } }';
  const saml = (field: 'acsUrls' | 'logoutUrl') =>
    `mutation($u: String!, $e: String!) { createApplication(input: { displayName: "SP", protocol: SAML, saml: { entityId: $e, ${
      field === 'acsUrls' ? 'acsUrls: [$u]' : 'acsUrls: ["https://sp.example/acs"], logoutUrl: $u'
    } } }) { application { id } } }`;

  it.each([
    ['a group name', group, { name: 'G'.repeat(257) }, { name: 'G'.repeat(256) }, 'BAD_USER_INPUT', 'displayName must be 1 to 256'],
    [
      'a group description',
      group,
      { name: 'G', description: 'd'.repeat(1025) },
      { name: 'G', description: 'd'.repeat(1024) },
      'BAD_USER_INPUT',
      'at most 1024',
    ],
    ['a SAML ACS URL', saml('acsUrls'), { u: url(2049) }, { u: url(2048) }, 'INVALID_REPLY_URL', 'at most 2048'],
    ['a SAML logout URL', saml('logoutUrl'), { u: url(2049) }, { u: url(2048) }, 'INVALID_REPLY_URL', 'at most 2048'],
  ])('refuses %s one longer than its column, and stores the longest that fits', async (_name, query, tooLong, longest, code, message) => {
    const refused = await graphql(query, { ...tooLong, e: `urn:sp:${++n}` });
    expect(refused.errors?.[0]?.extensions.code, JSON.stringify(refused)).toBe(code);
    expect(refused.errors?.[0]?.message).toContain(message);
    const stored = await graphql(query, { ...longest, e: `urn:sp:${++n}` });
    expect(stored.errors, JSON.stringify(stored)).toBeUndefined();
  });
});
