import { afterAll, beforeAll } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { TenantKind, type Tenant } from '../../src/directory/tenant.entity.js';
import { type DeliveryStatus, OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { OutboxRetention } from '../../src/mail/outbox-retention.js';
import { OutboxTemplate } from '../../src/mail/outbox-template.entity.js';
import { type InvitationMessage } from '../../src/mail/outbox-rows.js';
import { OutboxService } from '../../src/mail/outbox.service.js';
import { newId } from '../../src/shared/ids.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js';

export const OUTBOX_START = new Date('2030-05-01T08:00:00Z').getTime();
const DAY = 24 * 60 * 60 * 1000;

export interface OutboxHarness {
  db: Database;
  outbox: OutboxService;
  /** The sweep, with SYSTEM_MAIL_RETENTION_DAYS 30. */
  retention: OutboxRetention;
  /** One tenant per name given, in that order. */
  tenants: Tenant[];
  /** The services' clock, in ms; starts at OUTBOX_START. */
  now: number;
  /** An invitation mail to a fresh guest address (the same text for all, so an upload shares a template). */
  invitation(): InvitationMessage;
  /** An upload's mails (one shared template), dated `at` and left in `statuses`. */
  upload(tenant: Tenant, statuses: DeliveryStatus[], at: number): Promise<{ templateId: string; ids: string[] }>;
  messageExists(id: string): Promise<boolean>;
  templateExists(id: string): Promise<boolean>;
}

/** A fresh database with the outbox service and its sweep on a settable clock (outbox service tests). */
export function useOutboxHarness(kind: DatabaseKind, tenantNames: string[]): OutboxHarness {
  let tdb: TestDatabase;
  const h = { now: OUTBOX_START, tenants: [] as Tenant[] } as OutboxHarness;
  const clock = { now: () => new Date(h.now) };
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    h.db = new Database(await openDatabase(tdb.database));
    h.outbox = new OutboxService(h.db, clock, new SecretBox('outbox-harness-test-secret-0123456789ab'), {
      from: 'gw@example.com',
      messageIdDomain: 'gw.example.com',
    });
    h.retention = new OutboxRetention(h.db, clock, { systemMailRetentionDays: 30 });
    for (const name of tenantNames) {
      const domain = `${name.toLowerCase()}-${newId()}.example`;
      h.tenants.push(await h.db.transaction((em) => insertTenant(em, { name, kind: TenantKind.Managed }, [domain], clock.now())));
    }
  });
  afterAll(async () => {
    await h.db?.close();
    await tdb?.drop();
  });
  h.invitation = () => {
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
        expiresAt: new Date(OUTBOX_START + 30 * DAY),
      },
      redeemUrl: `https://gw.example/redeem/${id}?ticket=t${id.replace(/-/g, '')}`,
      replyTo: null,
    };
  };
  h.upload = async (tenant, statuses, at) => {
    const messages = statuses.map(() => h.invitation());
    await h.db.transaction((em) => h.outbox.queueInvitationMessages(em, tenant, messages));
    const rows = await h.db.manager.find(OutboxMessage, { where: messages.map((m) => ({ invitationId: m.invitation.id })) });
    if (new Set(rows.map((r) => r.templateId)).size !== 1 || !rows[0]?.templateId) throw new Error('the upload shares no one template');
    // Dated here rather than by moving the clock, which uploads running side by side would share.
    const when = new Date(at);
    await h.db.manager.update(OutboxTemplate, { id: rows[0].templateId }, { createdAt: when });
    for (const [i, row] of rows.entries()) {
      await h.db.manager.update(OutboxMessage, { id: row.id }, { status: statuses[i]!, createdAt: when, updatedAt: when });
    }
    return { templateId: rows[0].templateId, ids: rows.map((r) => r.id) };
  };
  h.messageExists = async (id) => (await h.db.manager.countBy(OutboxMessage, { id })) === 1;
  h.templateExists = async (id) => (await h.db.manager.countBy(OutboxTemplate, { id })) === 1;
  return h;
}
