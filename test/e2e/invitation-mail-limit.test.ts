import { beforeAll, describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { generatedCsv, uploadCsv } from '../helpers/upload.js';
import { InviteUserDocument, ResendInvitationDocument } from '../graphql/generated.js';

const METRICS_TOKEN = 'metrics-token-0123456789';

/** Issue #10 finding 15: re-uploading one file re-sent hundreds of tenant-written invitations within seconds. */
describe.each(testDatabases())('invitation mail budget per tenant on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  let b: TenantFixture;

  const suite = useGatewaySuite(kind, { env: { INVITATION_MAIL_PER_HOUR: '5', METRICS_TOKEN }, tenants: [{}, {}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a, b],
      } = suite),
  );

  const mailOf = (tenant: TenantFixture) => t.gateway.db.manager.countBy(OutboxMessage, { tenantId: tenant.tenant.id });
  const refusals = async () => {
    const text = await (await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    const line = text.split('\n').find((l) => l.startsWith('gateway_rate_limit_rejections_total{limit="invitationMailPerTenant"}'));
    return line ? Number(line.split(' ').at(-1)) : 0;
  };

  it('queues at most the budget across inviteUser, resendInvitation and CSV rows; re-uploads relay nothing more', async () => {
    // Refused invitations and invitations without email cost nothing.
    expect(await a.admin.client.errorCode(InviteUserDocument, { input: { email: 'not an address' } })).toBe('INVALID_EMAIL');
    await a.admin.client.data(InviteUserDocument, { input: { email: 'handover@fabrikam.example', sendInvitationMessage: false } });
    const first = (await a.admin.client.data(InviteUserDocument, { input: { email: 'one@fabrikam.example' } })).inviteUser;
    await a.admin.client.data(InviteUserDocument, { input: { email: 'two@fabrikam.example' } });
    await a.admin.client.data(InviteUserDocument, { input: { email: 'three@fabrikam.example' } });

    const file = generatedCsv(4, { prefix: 'relay' });
    const upload = await uploadCsv(t, a.admin.token, 'relay.csv', file);
    expect(upload.batch!.rows.nodes.map((r) => [r.outcome, r.code])).toEqual([
      ['Created', null],
      ['Created', null],
      ['Failed', 'INVITATION_MAIL_LIMIT'],
      ['Failed', 'INVITATION_MAIL_LIMIT'],
    ]);
    expect(upload.batch!.rows.nodes[2]!.message).toMatch(/try again in \d+ minutes/);
    expect(await mailOf(a)).toBe(5);
    const before = await refusals();

    const refused = await a.admin.client.run(InviteUserDocument, { input: { email: 'four@fabrikam.example' } });
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'INVITATION_MAIL_LIMIT',
      details: { retryAfterSeconds: expect.any(Number) },
    });
    expect(await a.admin.client.errorCode(ResendInvitationDocument, { id: first.id })).toBe('INVITATION_MAIL_LIMIT');
    for (let i = 0; i < 3; i++) {
      const again = await uploadCsv(t, a.admin.token, 'relay.csv', file);
      expect(again.batch!.rows.nodes.map((r) => r.code)).toEqual(Array(4).fill('INVITATION_MAIL_LIMIT'));
    }
    expect(await mailOf(a)).toBe(5);
    expect(await refusals()).toBe(before + 2 + 12);
    // The refused resend changed nothing: the first link still opens.
    expect((await fetch(first.inviteRedeemUrl!)).status).toBe(200);

    // The budget is per tenant.
    await b.admin.client.data(InviteUserDocument, { input: { email: 'other@fabrikam.example' } });
    expect(await mailOf(b)).toBe(1);
  });
});
