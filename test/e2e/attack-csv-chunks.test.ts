import { beforeAll, describe, expect, it } from 'vitest';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { CHUNK } from '../../src/invitations/batch/batch-writer.js';
import { InvitationBatch, InvitationBatchRow } from '../../src/invitations/batch/invitation-batch.entity.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { uploadCsv } from '../helpers/upload.js';

/**
 * Rules that must hold across the CHUNK-row transaction boundary: a duplicate of a row in an earlier
 * chunk is skipped, a consumer address fails, and a row whose write fails in a later chunk fails
 * alone (its chunk retried row by row) with nothing of it written; every other row is written once
 * with exactly one email, and the batch completes with counts that add up.
 */
describe.each(testDatabases())('attack: CSV rows across chunks on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  const suite = useGatewaySuite(kind, { env: { INVITATION_MAIL_PER_HOUR: '5000' }, tenants: [{}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a],
      } = suite),
  );

  it('skips a duplicate of an earlier chunk, fails a consumer and a failing row alone, writes the rest once', async () => {
    const q = (sql: string) => t.gateway.db.dataSource.query(sql);
    const boom = 'boom@chunks.example';
    if (t.gateway.db.isPostgres) {
      await q(`CREATE FUNCTION attack_chunk_boom() RETURNS trigger AS $$ BEGIN
        IF NEW.email = '${boom}' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
      await q('CREATE TRIGGER attack_chunk_boom BEFORE INSERT ON invitation FOR EACH ROW EXECUTE FUNCTION attack_chunk_boom()');
    } else {
      await q(
        `CREATE TRIGGER attack_chunk_boom BEFORE INSERT ON invitation WHEN NEW.email = '${boom}' BEGIN SELECT RAISE(ABORT, 'boom'); END`,
      );
    }
    const lines = ['Email,DisplayName'];
    for (let i = 0; i < CHUNK; i++) lines.push(`c${i}@p${i % 7}.chunks.example,Guest ${i}`);
    lines.push('C0@P0.CHUNKS.EXAMPLE,Again'); // a duplicate of the first chunk's first row
    lines.push('someone@gmail.com,Consumer');
    lines.push(`${boom},Boom`);
    lines.push('late@p1.chunks.example,Late');
    let result: Awaited<ReturnType<typeof uploadCsv>>;
    try {
      result = await uploadCsv(t, a.admin.token, 'chunks.csv', `${lines.join('\n')}\n`);
    } finally {
      if (t.gateway.db.isPostgres) {
        await q('DROP TRIGGER attack_chunk_boom ON invitation');
        await q('DROP FUNCTION attack_chunk_boom()');
      } else {
        await q('DROP TRIGGER attack_chunk_boom');
      }
    }
    expect(result.batch, JSON.stringify(result).slice(0, 500)).toBeDefined();
    const batch = result.batch!;
    expect(batch).toMatchObject({ status: 'CompletedWithErrors', createdCount: CHUNK + 1, skippedCount: 1, failedCount: 2 });
    const report = batch.reportCsv.trim().split('\r\n');
    expect(report).toHaveLength(CHUNK + 5);
    const tail = report.slice(-4).map((line) => line.split(',').slice(1, 4));
    expect(tail[0]).toEqual(['c0@p0.chunks.example', 'skipped', 'DUPLICATE_IN_FILE']);
    expect(tail[1]?.slice(0, 2)).toEqual(['someone@gmail.com', 'failed']);
    expect(tail[2]).toEqual([boom, 'failed', 'WRITE_FAILED']);
    expect(tail[3]).toEqual(['late@p1.chunks.example', 'created', '']);

    const em = t.gateway.db.manager;
    const stored = await em.findOneByOrFail(InvitationBatch, { id: batch.id });
    expect(stored).toMatchObject({ createdCount: CHUNK + 1, skippedCount: 1, failedCount: 2 });
    expect(await em.countBy(InvitationBatchRow, { batchId: batch.id })).toBe(CHUNK + 4);
    expect(await em.countBy(Invitation, { batchId: batch.id })).toBe(CHUNK + 1);
    expect(await em.countBy(Invitation, { email: boom })).toBe(0);
    expect(await em.countBy(User, { mail: boom })).toBe(0);
    expect(await em.countBy(OutboxMessage, { toAddress: boom })).toBe(0);
    expect(await em.countBy(Invitation, { email: 'c0@p0.chunks.example' })).toBe(1);
    expect(await em.countBy(OutboxMessage, { tenantId: a.tenant.id })).toBe(CHUNK + 1);
  });
});
