import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { uploadCsv } from '../helpers/upload.js';

/**
 * An outside attack found URLs of any length accepted where the gateway stores them in columns of
 * 2048 characters: on PostgreSQL a longer tenant logo, privacy or contact link, an app's homepage or
 * logo, or an invitation's redirect URL or contact link was an INTERNAL_SERVER_ERROR, while SQLite
 * stored it. Longer than 2048 is BAD_USER_INPUT naming the field, the same on both databases;
 * 2048 itself is stored.
 */
describe.each(testDatabases())('attack: URLs longer than their columns on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  const suite = useGatewaySuite(kind, { tenants: [{}] });
  beforeAll(async () => {
    ({
      t,
      tenants: [a],
    } = suite);
    await graphql('mutation { updateTenantSettings(input: { allowedRedirectHosts: ["long.example"] }) { id } }', {});
  });
  const url = (length: number) => {
    const head = 'https://long.example/';
    return head + 'p'.repeat(length - head.length);
  };

  async function graphql(query: string, variables: Record<string, unknown>) {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] };
  }

  let n = 0;
  const fields: [string, string, () => string][] = [
    ['logoUrl', 'mutation($u: String) { updateTenantSettings(input: { logoUrl: $u }) { id } }', () => ''],
    ['privacyUrl', 'mutation($u: String) { updateTenantSettings(input: { privacyUrl: $u }) { id } }', () => ''],
    ['contactUrl', 'mutation($u: String) { updateTenantSettings(input: { contactUrl: $u }) { id } }', () => ''],
    [
      'homepageUrl',
      'mutation($u: String) { createApplication(input: { displayName: "App", homepageUrl: $u }) { application { id } } }',
      () => '',
    ],
    ['logoUrl', 'mutation($u: String) { createApplication(input: { displayName: "App", logoUrl: $u }) { application { id } } }', () => ''],
    [
      'redirectUrl',
      'mutation($u: String, $e: String!) { inviteUser(input: { email: $e, redirectUrl: $u, sendInvitationMessage: false }) { id } }',
      () => `guest${++n}@long-urls.example`,
    ],
  ];

  it.each(fields)('refuses %s longer than 2048 characters as BAD_USER_INPUT, and stores 2048', async (field, query, email) => {
    const refused = await graphql(query, { u: url(2049), e: email() });
    expect(refused.errors?.[0]?.extensions.code, JSON.stringify(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toContain(`${field} must be at most 2048 characters`);
    const stored = await graphql(query, { u: url(2048), e: email() });
    expect(stored.errors, JSON.stringify(stored)).toBeUndefined();
  });

  it('refuses an invitation contact link longer than 2048 characters from a CSV file', async () => {
    const csv = `Email,DisplayName,InviteContactUsUrl\r\nc1@long-urls.example,C,${url(2049)}\r\nc2@long-urls.example,C,${url(2048)}\r\n`;
    const result = await uploadCsv(t, a.admin.token, 'long.csv', csv);
    expect(result.batch, result.message).toMatchObject({ createdCount: 1, failedCount: 1 });
    expect(result.batch!.rows.nodes.find((row) => row.line === 2)).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('contactUrl must be at most 2048 characters'),
    });
  });
});
