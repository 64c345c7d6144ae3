import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/directory/actor.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import type { Tenant } from '../../src/directory/tenant.entity.js';
import { DeliveryStatus, OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { DomainError } from '../../src/shared/errors.js';
import { testDatabases } from '../helpers/databases.js';
import { OUTBOX_START as START, useOutboxHarness } from '../helpers/outbox-harness.js';

const HOUR = 60 * 60 * 1000;

/**
 * What an administrator can do against the outbox sweep: retry a failed upload mail while the sweep
 * runs (its template must survive and still open the mail), retry once the rest is sent, retry
 * another tenant's message, or retry a message whose template is gone. Nothing it does makes the
 * sweep delete a template a sendable message needs, in its tenant or another.
 */
describe.each(testDatabases())('attack: outbox retention against retries on %s', (kind) => {
  const h = useOutboxHarness(kind, ['Contoso', 'Fabrikam']);
  const admin = (tenant: Tenant): Actor => ({
    tenantId: tenant.id,
    kind: PrincipalKind.Application,
    id: 'admin',
    displayName: 'admin',
    roles: [DirectoryRole.GlobalAdministrator],
    scopes: null,
  });
  /** An upload of `tenant` two hours ago (past the template grace), its messages then in `statuses`. */
  const upload = (tenant: Tenant, statuses: DeliveryStatus[]) => h.upload(tenant, statuses, START - 2 * HOUR);
  const templateExists = (id: string) => h.templateExists(id);

  const code = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
    return 'ok';
  };

  it('keeps the template of a failed mail retried while the sweep runs, and the retried mail opens', async () => {
    const uploads = await Promise.all(Array.from({ length: 5 }, () => upload(h.tenants[0]!, [DeliveryStatus.Sent, DeliveryStatus.Failed])));
    // Retries and sweeps interleaved: each retry moves Failed to Queued, both of which need the template.
    await Promise.all(uploads.flatMap((u) => [h.outbox.retry(admin(h.tenants[0]!), u.ids[1]!), h.retention.sweep()]));
    for (const u of uploads) {
      expect(await templateExists(u.templateId)).toBe(true);
      const retried = await h.db.manager.findOneByOrFail(OutboxMessage, { id: u.ids[1]! });
      expect(retried.status).toBe(DeliveryStatus.Queued);
      expect((await h.outbox.openBody(retried)).text).toContain('Welcome aboard');
    }
  });

  it('lets another tenant neither retry the message nor open its template', async () => {
    const theirs = await upload(h.tenants[0]!, [DeliveryStatus.Sent, DeliveryStatus.Failed]);
    const mine = await upload(h.tenants[1]!, [DeliveryStatus.Sent, DeliveryStatus.Sent]);
    expect(await code(h.outbox.retry(admin(h.tenants[1]!), theirs.ids[1]!))).toBe('NOT_FOUND');
    // A message of mine pointed at their template cannot be written by any API; even so, the worker refuses it.
    await h.retention.sweep();
    expect(await templateExists(theirs.templateId)).toBe(true);
    expect(await templateExists(mine.templateId)).toBe(false);
    const forged = { ...(await h.db.manager.findOneByOrFail(OutboxMessage, { id: mine.ids[0]! })), templateId: theirs.templateId };
    await expect(h.outbox.openBody(forged)).rejects.toThrow();
  });

  it('refuses to retry once the rest is sent and the template is gone: nothing can queue a mail without its template', async () => {
    const done = await upload(h.tenants[0]!, [DeliveryStatus.Sent, DeliveryStatus.Cancelled]);
    await h.retention.sweep();
    expect(await templateExists(done.templateId)).toBe(false);
    for (const id of done.ids) expect(await code(h.outbox.retry(admin(h.tenants[0]!), id))).toBe('CONFLICT');
    const rows = await h.db.manager.findBy(OutboxMessage, { templateId: done.templateId });
    expect(rows.filter((r) => [DeliveryStatus.Queued, DeliveryStatus.Sending, DeliveryStatus.Failed].includes(r.status))).toEqual([]);
  });
});
