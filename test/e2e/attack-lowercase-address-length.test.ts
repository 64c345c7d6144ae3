import { beforeAll, describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../src/shared/email.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { uploadCsv } from '../helpers/upload.js';

/** `İ` (U+0130) is one character in two UTF-8 bytes, and two characters (`i̇`) lower-cased. */
const dotted = (n: number) => '\u0130'.repeat(n);
/** A domain of 254 UTF-8 bytes (validator's limit) and 136 characters, 254 characters once lower-cased. */
const GROWING_DOMAIN = `${dotted(60)}.${dotted(60)}.abcdefghijkl`;

/**
 * An outside attack on the length guards: an address was checked at most 254 characters as typed,
 * then lower-cased, and `İ` lower-cases to two characters. `g@İ…` passed at 136 characters and was
 * stored with a 254-character domain, one more than the partner's domain column (253) holds: inviting
 * it was a server error on PostgreSQL (and the guest's name, address plus `#EXT#@` plus a long default
 * domain, could outgrow its 530 too). The address is now checked as it is stored.
 */
describe.each(testDatabases())('attack: an address that grows when lower-cased (%s)', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  const suite = useGatewaySuite(kind, { tenants: [{ domains: ['contoso-lower.example'] }] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a],
      } = suite),
  );

  it('takes an address only when its stored (lower-cased) form fits the limits', () => {
    expect(GROWING_DOMAIN).toHaveLength(134);
    expect(GROWING_DOMAIN.toLowerCase()).toHaveLength(254);
    expect(() => normalizeEmail(`g@${GROWING_DOMAIN}`)).toThrow(expect.objectContaining({ code: 'INVALID_EMAIL' }));
    // Still taken: a lower-cased form within the limits.
    expect(normalizeEmail(`G@${dotted(10)}.example`)).toBe(`g@${dotted(10).toLowerCase()}.example`);
  });

  it('refuses to invite it as INVALID_EMAIL, by GraphQL and from a CSV file, never a server error', async () => {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($e: String!) { inviteUser(input: { email: $e, sendInvitationMessage: false }) { invitedUser { id } } }',
        variables: { e: `g@${GROWING_DOMAIN}` },
      }),
    });
    const refused = (await response.json()) as any;
    expect(refused.errors?.[0]?.extensions?.code, JSON.stringify(refused)).toBe('INVALID_EMAIL');

    const result = await uploadCsv(t, a.admin.token, 'grow.csv', `Email,DisplayName\r\nc@${GROWING_DOMAIN},Grow\r\n`);
    expect(result.batch, result.message).toMatchObject({ createdCount: 0, failedCount: 1 });
  });
});
