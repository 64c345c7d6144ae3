import { beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/directory/user.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { uploadCsv } from '../helpers/upload.js';

const label = (c: string) => c.repeat(63);
/** A verified domain of 253 characters, the longest DNS name: the tenant's default, so every guest's UPN ends with it. */
const LONG_DOMAIN = `${label('a')}.${label('b')}.${label('c')}.${'d'.repeat(53)}.example`;
/** An address of 254 characters, the longest the gateway takes. */
const longAddress = (tag: string) => `${tag}${'g'.repeat(64 - tag.length)}@${label('h')}.${label('i')}.${'j'.repeat(53)}.example`;

/**
 * An outside attack: a guest's user principal name is its address, `#EXT#@` and the tenant's default
 * domain (`alias_domain#EXT#@contoso.com`), up to 254 + 6 + 253 characters and a number when the name
 * is taken, while the column held 400: inviting the longest address into a tenant with the longest
 * domain was a server error on PostgreSQL, while SQLite stored it. The column now holds the longest
 * name the rule can build, so the invitation is made on both databases, by GraphQL and from a CSV file.
 */
describe.each(testDatabases())('attack: a guest name longer than its column on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  const suite = useGatewaySuite(kind, { tenants: [{ domains: [LONG_DOMAIN] }] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a],
      } = suite),
  );

  it('invites the longest address into the tenant with the longest domain (GraphQL, then a CSV file)', async () => {
    expect(LONG_DOMAIN).toHaveLength(253);
    expect(a.tenant.defaultDomain).toBe(LONG_DOMAIN);
    const email = longAddress('graphql');
    expect(email).toHaveLength(254);
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($e: String!) { inviteUser(input: { email: $e, sendInvitationMessage: false }) { invitedUser { id } } }',
        variables: { e: email },
      }),
    });
    const invited = (await response.json()) as any;
    expect(invited.errors, JSON.stringify(invited)).toBeUndefined();
    const guest = await t.gateway.db.manager.findOneByOrFail(User, { id: invited.data.inviteUser.invitedUser.id });
    expect(guest.userPrincipalName).toBe(`${email.replace('@', '_')}#EXT#@${LONG_DOMAIN}`);
    expect(guest.userPrincipalName).toHaveLength(513);

    const csv = `Email,DisplayName\r\n${longAddress('csv')},Long\r\n`;
    const result = await uploadCsv(t, a.admin.token, 'long.csv', csv);
    expect(result.batch, result.message).toMatchObject({ createdCount: 1, failedCount: 0 });
  });
});
