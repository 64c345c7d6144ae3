import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { TenantKind, type Tenant } from '../../src/directory/tenant.entity.js';
import { DeliveryStatus, MessageAudience, OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { OutboxRetention } from '../../src/mail/outbox-retention.js';
import { OutboxTemplate } from '../../src/mail/outbox-template.entity.js';
import { type InvitationMessage, OutboxService } from '../../src/mail/outbox.service.js';
import { newId } from '../../src/shared/ids.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const DAY = 24 * 60 * 60 * 1000;
const START = new Date('2030-05-01T08:00:00Z').getTime();

/**
 * The outbox sweep: finished system mail goes after SYSTEM_MAIL_RETENTION_DAYS, an upload's template
 * once none of its messages can still be sent; invitation mail and anything unsent stay.
 */
describe.each(testDatabases())('outbox retention on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let outbox: OutboxService;
  let retention: OutboxRetention;
  let tenant: Tenant;
  let now = START;
  const clock = { now: () => new Date(now) };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    outbox = new OutboxService(db, clock, new SecretBox('outbox-retention-test-secret-0123456789'), {
      from: 'gw@example.com',
      messageIdDomain: 'gw.example.com',
    });
    retention = new OutboxRetention(db, clock, { systemMailRetentionDays: 30 });
    tenant = await db.transaction((em) =>
      insertTenant(em, { name: 'Contoso', kind: TenantKind.Managed }, [`contoso-${Date.now()}.example`], clock.now()),
    );
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  /** Queues a system message at `at` and leaves it in `status`, last changed then. */
  const systemMail = async (status: DeliveryStatus, at: number): Promise<string> => {
    now = at;
    const to = `${newId()}@fabrikam.example`;
    const rendered = { subject: 'Your code', text: 'code 123456', html: '<p>code 123456</p>' };
    await db.transaction((em) => outbox.queueSystemMessage(em, { tenant, to, rendered }));
    const row = await db.manager.findOneByOrFail(OutboxMessage, { toAddress: to });
    await db.manager.update(OutboxMessage, { id: row.id }, { status, updatedAt: new Date(at) });
    return row.id;
  };

  const invitation = (): InvitationMessage => {
    const id = newId();
    return {
      invitation: {
        id,
        email: `${id}@fabrikam.example`,
        displayName: `Guest ${id.slice(-6)}`,
        ccEmailAddress: null,
        inviterDisplayName: 'Ada',
        invitationText: 'Welcome aboard',
        contactUrl: null,
        language: 'en',
        expiresAt: new Date(START + 60 * DAY),
      },
      redeemUrl: `https://gw.example/redeem/${id}?ticket=t${id.replace(/-/g, '')}`,
      replyTo: null,
    };
  };

  /** An upload's mails (one shared template) queued at `at`, then left in the given statuses. */
  const upload = async (statuses: DeliveryStatus[], at: number) => {
    now = at;
    const messages = statuses.map(() => invitation());
    await db.transaction((em) => outbox.queueInvitationMessages(em, tenant, messages));
    const rows = await db.manager.find(OutboxMessage, { where: messages.map((m) => ({ invitationId: m.invitation.id })) });
    expect(new Set(rows.map((r) => r.templateId)).size, 'one shared template').toBe(1);
    for (const [i, row] of rows.entries()) await db.manager.update(OutboxMessage, { id: row.id }, { status: statuses[i]! });
    return { templateId: rows[0]!.templateId!, ids: rows.map((r) => r.id) };
  };

  const exists = async (id: string) => (await db.manager.countBy(OutboxMessage, { id })) === 1;
  const templateExists = async (id: string) => (await db.manager.countBy(OutboxTemplate, { id })) === 1;

  it('deletes finished system mail past its retention and keeps the rest', async () => {
    const old = START - 31 * DAY;
    const young = START - 29 * DAY;
    const sent = await systemMail(DeliveryStatus.Sent, old);
    const failed = await systemMail(DeliveryStatus.Failed, old);
    const cancelled = await systemMail(DeliveryStatus.Cancelled, old);
    const youngSent = await systemMail(DeliveryStatus.Sent, young);
    const queued = await systemMail(DeliveryStatus.Queued, old);
    const sending = await systemMail(DeliveryStatus.Sending, old);
    const { ids: invitationMail } = await upload([DeliveryStatus.Sent, DeliveryStatus.Sent], old);
    await db.manager.update(OutboxMessage, { audience: MessageAudience.Tenant }, { updatedAt: new Date(old) });

    now = START;
    const swept = await retention.sweep();

    expect(swept.systemMessages).toBe(3);
    for (const id of [sent, failed, cancelled]) expect(await exists(id), 'finished and old').toBe(false);
    expect(await exists(youngSent), 'within the retention').toBe(true);
    expect(await exists(queued), 'not sent yet').toBe(true);
    expect(await exists(sending), 'being sent').toBe(true);
    for (const id of invitationMail) expect(await exists(id), 'invitation mail is its delivery record').toBe(true);
  });

  it("deletes an upload's template once none of its messages can still be sent", async () => {
    const earlier = START - 2 * 60 * 60 * 1000;
    const done = await upload([DeliveryStatus.Sent, DeliveryStatus.Cancelled], earlier);
    const waiting = await upload([DeliveryStatus.Sent, DeliveryStatus.Queued], earlier);
    const sending = await upload([DeliveryStatus.Sent, DeliveryStatus.Sending], earlier);
    const failed = await upload([DeliveryStatus.Sent, DeliveryStatus.Failed], earlier);
    const fresh = await upload([DeliveryStatus.Sent, DeliveryStatus.Sent], START - 10 * 60 * 1000);

    now = START;
    await retention.sweep();

    expect(await templateExists(done.templateId), 'all sent or cancelled').toBe(false);
    expect(await templateExists(waiting.templateId), 'a message is queued').toBe(true);
    expect(await templateExists(sending.templateId), 'a message is being sent').toBe(true);
    expect(await templateExists(failed.templateId), 'a failed message can be retried').toBe(true);
    expect(await templateExists(fresh.templateId), 'written within the last hour').toBe(true);
    // The messages themselves stay, and a kept template still opens its messages.
    for (const id of done.ids) expect(await exists(id)).toBe(true);
    const retried = await db.manager.findOneByOrFail(OutboxMessage, { id: failed.ids[1]! });
    expect((await outbox.openBody(retried)).text).toContain('Welcome aboard');
  });
});
