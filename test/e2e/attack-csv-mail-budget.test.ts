import { beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { uploadCsv, withInvitationInsertFailing } from '../helpers/upload.js';

/**
 * One mail reservation per upload, given back for a chunk whose transaction fails and taken again
 * row by row: a failed row costs nothing, a written row costs exactly one, and no path gives back
 * more than was taken (which would let a tenant exceed its hourly budget).
 */
describe.each(testDatabases())('attack: CSV mail budget across a failed chunk on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  let b: TenantFixture;
  const suite = useGatewaySuite(kind, { env: { INVITATION_MAIL_PER_HOUR: '4' }, tenants: [{}, {}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a, b],
      } = suite),
  );

  const mailOf = (tenant: TenantFixture) => t.gateway.db.manager.countBy(OutboxMessage, { tenantId: tenant.tenant.id });
  const outcomes = async (tenant: TenantFixture, name: string, emails: string[]) => {
    const file = `Email,DisplayName\n${emails.map((e, i) => `${e},Row ${i}`).join('\n')}\n`;
    const result = await uploadCsv(t, tenant.admin.token, name, file);
    expect(result.batch, JSON.stringify(result)).toBeDefined();
    return result.batch!.rows.nodes.map((r) => [r.email, r.outcome, r.code]);
  };

  const boom = <T>(email: string, work: () => Promise<T>) => withInvitationInsertFailing(t, email, work);

  it('a row that fails to write gives its mail back once; the budget then holds exactly', async () => {
    const first = await boom('boom-a@partner.example', () =>
      outcomes(a, 'a1.csv', ['a1@partner.example', 'boom-a@partner.example', 'a2@partner.example']),
    );
    expect(first).toEqual([
      ['a1@partner.example', 'Created', null],
      ['boom-a@partner.example', 'Failed', 'WRITE_FAILED'],
      ['a2@partner.example', 'Created', null],
    ]);
    expect(await mailOf(a)).toBe(2);
    // 2 of 4 spent: two more go out, the rest is refused.
    const second = await outcomes(a, 'a2.csv', ['a3@partner.example', 'a4@partner.example', 'a5@partner.example', 'a6@partner.example']);
    expect(second.map((r) => r[2])).toEqual([null, null, 'INVITATION_MAIL_LIMIT', 'INVITATION_MAIL_LIMIT']);
    expect(await mailOf(a)).toBe(4);
  });

  it('a failed chunk past the budget neither lets refused rows through nor gives back more than it took', async () => {
    const emails = ['b1@partner.example', 'boom-b@partner.example', 'b2@partner.example', 'b3@partner.example', 'b4@partner.example'];
    const rows = await boom('boom-b@partner.example', () => outcomes(b, 'b1.csv', emails));
    expect(rows).toEqual([
      ['b1@partner.example', 'Created', null],
      ['boom-b@partner.example', 'Failed', 'WRITE_FAILED'],
      ['b2@partner.example', 'Created', null],
      ['b3@partner.example', 'Created', null],
      ['b4@partner.example', 'Failed', 'INVITATION_MAIL_LIMIT'],
    ]);
    expect(await mailOf(b)).toBe(3);
    const more = await outcomes(b, 'b2.csv', ['b5@partner.example', 'b6@partner.example', 'b7@partner.example']);
    expect(more.map((r) => r[2])).toEqual([null, 'INVITATION_MAIL_LIMIT', 'INVITATION_MAIL_LIMIT']);
    expect(await mailOf(b)).toBe(4);
  });
});
