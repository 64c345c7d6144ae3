import { describe, expect, it } from 'vitest';
import { DeliveryStatus, MessageAudience, OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { newId } from '../../src/shared/ids.js';
import { testDatabases } from '../helpers/databases.js';
import { OUTBOX_START as START, useOutboxHarness } from '../helpers/outbox-harness.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * The outbox sweep: finished system mail goes after SYSTEM_MAIL_RETENTION_DAYS, an upload's template
 * once none of its messages can still be sent; invitation mail and anything unsent stay.
 */
describe.each(testDatabases())('outbox retention on %s', (kind) => {
  const h = useOutboxHarness(kind, ['Contoso']);

  /** Queues a system message at `at` and leaves it in `status`, last changed then. */
  const systemMail = async (status: DeliveryStatus, at: number): Promise<string> => {
    h.now = at;
    const to = `${newId()}@fabrikam.example`;
    const rendered = { subject: 'Your code', text: 'code 123456', html: '<p>code 123456</p>' };
    await h.db.transaction((em) => h.outbox.queueSystemMessage(em, { tenant: h.tenants[0]!, to, rendered }));
    const row = await h.db.manager.findOneByOrFail(OutboxMessage, { toAddress: to });
    await h.db.manager.update(OutboxMessage, { id: row.id }, { status, updatedAt: new Date(at) });
    return row.id;
  };

  it('deletes finished system mail past its retention and keeps the rest', async () => {
    const old = START - 31 * DAY;
    const young = START - 29 * DAY;
    const sent = await systemMail(DeliveryStatus.Sent, old);
    const failed = await systemMail(DeliveryStatus.Failed, old);
    const cancelled = await systemMail(DeliveryStatus.Cancelled, old);
    const youngSent = await systemMail(DeliveryStatus.Sent, young);
    const queued = await systemMail(DeliveryStatus.Queued, old);
    const sending = await systemMail(DeliveryStatus.Sending, old);
    const { ids: invitationMail } = await h.upload(h.tenants[0]!, [DeliveryStatus.Sent, DeliveryStatus.Sent], old);
    await h.db.manager.update(OutboxMessage, { audience: MessageAudience.Tenant }, { updatedAt: new Date(old) });

    h.now = START;
    const swept = await h.retention.sweep();

    expect(swept.systemMessages).toBe(3);
    for (const id of [sent, failed, cancelled]) expect(await h.messageExists(id), 'finished and old').toBe(false);
    expect(await h.messageExists(youngSent), 'within the retention').toBe(true);
    expect(await h.messageExists(queued), 'not sent yet').toBe(true);
    expect(await h.messageExists(sending), 'being sent').toBe(true);
    for (const id of invitationMail) expect(await h.messageExists(id), 'invitation mail is its delivery record').toBe(true);
  });

  it("deletes an upload's template once none of its messages can still be sent", async () => {
    h.now = START;
    const earlier = START - 2 * 60 * 60 * 1000;
    const [tenant] = h.tenants as [(typeof h.tenants)[number]];
    const done = await h.upload(tenant, [DeliveryStatus.Sent, DeliveryStatus.Cancelled], earlier);
    const waiting = await h.upload(tenant, [DeliveryStatus.Sent, DeliveryStatus.Queued], earlier);
    const sending = await h.upload(tenant, [DeliveryStatus.Sent, DeliveryStatus.Sending], earlier);
    const failed = await h.upload(tenant, [DeliveryStatus.Sent, DeliveryStatus.Failed], earlier);
    const fresh = await h.upload(tenant, [DeliveryStatus.Sent, DeliveryStatus.Sent], START - 10 * 60 * 1000);

    await h.retention.sweep();

    expect(await h.templateExists(done.templateId), 'all sent or cancelled').toBe(false);
    expect(await h.templateExists(waiting.templateId), 'a message is queued').toBe(true);
    expect(await h.templateExists(sending.templateId), 'a message is being sent').toBe(true);
    expect(await h.templateExists(failed.templateId), 'a failed message can be retried').toBe(true);
    expect(await h.templateExists(fresh.templateId), 'written within the last hour').toBe(true);
    // The messages themselves stay, and a kept template still opens its messages.
    for (const id of done.ids) expect(await h.messageExists(id)).toBe(true);
    const retried = await h.db.manager.findOneByOrFail(OutboxMessage, { id: failed.ids[1]! });
    expect((await h.outbox.openBody(retried)).text).toContain('Welcome aboard');
  });
});
