import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import type { Actor } from '../../src/directory/actor.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { TenantKind, type Tenant } from '../../src/directory/tenant.entity.js';
import { DeliveryStatus, OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { OutboxRetention } from '../../src/mail/outbox-retention.js';
import { OutboxTemplate } from '../../src/mail/outbox-template.entity.js';
import { type InvitationMessage, OutboxService } from '../../src/mail/outbox.service.js';
import { DomainError } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const HOUR = 60 * 60 * 1000;
const START = new Date('2030-05-01T08:00:00Z').getTime();

/**
 * What an administrator can do against the outbox sweep: retry a failed upload mail while the sweep
 * runs (its template must survive and still open the mail), retry once the rest is sent, retry
 * another tenant's message, or retry a message whose template is gone. Nothing it does makes the
 * sweep delete a template a sendable message needs, in its tenant or another.
 */
describe.each(testDatabases())('attack: outbox retention against retries on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let outbox: OutboxService;
  let retention: OutboxRetention;
  let contoso: Tenant;
  let fabrikam: Tenant;
  let now = START;
  const clock = { now: () => new Date(now) };
  const admin = (tenant: Tenant): Actor => ({
    tenantId: tenant.id,
    kind: PrincipalKind.Application,
    id: 'admin',
    displayName: 'admin',
    roles: [DirectoryRole.GlobalAdministrator],
    scopes: null,
  });

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    outbox = new OutboxService(db, clock, new SecretBox('outbox-retention-attack-secret-0123456789'), {
      from: 'gw@example.com',
      messageIdDomain: 'gw.example.com',
    });
    retention = new OutboxRetention(db, clock, { systemMailRetentionDays: 30 });
    const tenant = (name: string) =>
      db.transaction((em) =>
        insertTenant(em, { name, kind: TenantKind.Managed }, [`${name.toLowerCase()}-${Date.now()}.example`], clock.now()),
      );
    contoso = await tenant('Contoso');
    fabrikam = await tenant('Fabrikam');
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const message = (): InvitationMessage => {
    const id = newId();
    return {
      invitation: {
        id,
        email: `${id}@partner.example`,
        displayName: `Guest ${id.slice(-6)}`,
        ccEmailAddress: null,
        inviterDisplayName: 'Ada',
        invitationText: 'Welcome aboard',
        contactUrl: null,
        language: 'en',
        expiresAt: new Date(START + 30 * 24 * HOUR),
      },
      redeemUrl: `https://gw.example/redeem/${id}?ticket=t${id.replace(/-/g, '')}`,
      replyTo: null,
    };
  };

  /** An upload of `tenant` two hours ago (past the template grace), its messages then in `statuses`. */
  const upload = async (tenant: Tenant, statuses: DeliveryStatus[]) => {
    now = START - 2 * HOUR;
    const messages = statuses.map(() => message());
    await db.transaction((em) => outbox.queueInvitationMessages(em, tenant, messages));
    const rows = await db.manager.find(OutboxMessage, { where: messages.map((m) => ({ invitationId: m.invitation.id })) });
    for (const [i, row] of rows.entries()) await db.manager.update(OutboxMessage, { id: row.id }, { status: statuses[i]! });
    now = START;
    return { templateId: rows[0]!.templateId!, ids: rows.map((r) => r.id) };
  };
  const templateExists = async (id: string) => (await db.manager.countBy(OutboxTemplate, { id })) === 1;
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
    const uploads = await Promise.all(Array.from({ length: 5 }, () => upload(contoso, [DeliveryStatus.Sent, DeliveryStatus.Failed])));
    // Retries and sweeps interleaved: each retry moves Failed to Queued, both of which need the template.
    await Promise.all(uploads.flatMap((u) => [outbox.retry(admin(contoso), u.ids[1]!), retention.sweep()]));
    for (const u of uploads) {
      expect(await templateExists(u.templateId)).toBe(true);
      const retried = await db.manager.findOneByOrFail(OutboxMessage, { id: u.ids[1]! });
      expect(retried.status).toBe(DeliveryStatus.Queued);
      expect((await outbox.openBody(retried)).text).toContain('Welcome aboard');
    }
  });

  it('lets another tenant neither retry the message nor open its template', async () => {
    const theirs = await upload(contoso, [DeliveryStatus.Sent, DeliveryStatus.Failed]);
    const mine = await upload(fabrikam, [DeliveryStatus.Sent, DeliveryStatus.Sent]);
    expect(await code(outbox.retry(admin(fabrikam), theirs.ids[1]!))).toBe('NOT_FOUND');
    // A message of mine pointed at their template cannot be written by any API; even so, the worker refuses it.
    await retention.sweep();
    expect(await templateExists(theirs.templateId)).toBe(true);
    expect(await templateExists(mine.templateId)).toBe(false);
    const forged = { ...(await db.manager.findOneByOrFail(OutboxMessage, { id: mine.ids[0]! })), templateId: theirs.templateId };
    await expect(outbox.openBody(forged)).rejects.toThrow();
  });

  it('refuses to retry once the rest is sent and the template is gone: nothing can queue a mail without its template', async () => {
    const done = await upload(contoso, [DeliveryStatus.Sent, DeliveryStatus.Cancelled]);
    await retention.sweep();
    expect(await templateExists(done.templateId)).toBe(false);
    for (const id of done.ids) expect(await code(outbox.retry(admin(contoso), id))).toBe('CONFLICT');
    const rows = await db.manager.findBy(OutboxMessage, { templateId: done.templateId });
    expect(rows.filter((r) => [DeliveryStatus.Queued, DeliveryStatus.Sending, DeliveryStatus.Failed].includes(r.status))).toEqual([]);
  });
});
