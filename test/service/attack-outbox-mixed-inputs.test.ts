import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { TenantKind, type Tenant } from '../../src/directory/tenant.entity.js';
import { type InvitationForMail, renderInvitationMessage } from '../../src/mail/invitation-message.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { type InvitationMessage, OutboxService } from '../../src/mail/outbox.service.js';
import { newId } from '../../src/shared/ids.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const SECRET = 'attack-outbox-mixed-secret-0123456789abcd';

/**
 * The outbox now works out a mail's template once per run of equal inputs and its From header once
 * per inviter (src/mail/outbox.service.ts). An upload whose rows alternate inviters, languages, texts,
 * expiries and contact links, and two tenants queuing at once, must each get exactly the mail
 * rendering it whole gives, From naming its own inviter and tenant.
 */
describe.each(testDatabases())('outbox rows of mixed inputs on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let outbox: OutboxService;
  let a: Tenant;
  let b: Tenant;
  const clock = { now: () => new Date('2030-05-01T08:00:00Z') };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    outbox = new OutboxService(db, clock, new SecretBox(SECRET), { from: 'gw@example.com', messageIdDomain: 'gw.example.com' });
    const stamp = Date.now();
    a = await db.transaction((em) =>
      insertTenant(em, { name: 'Alpha', kind: TenantKind.Managed }, [`alpha-${stamp}.example`], clock.now()),
    );
    b = await db.transaction((em) => insertTenant(em, { name: 'Beta', kind: TenantKind.Managed }, [`beta-${stamp}.example`], clock.now()));
    Object.assign(a, { contactUrl: 'https://alpha.example/contact', brandColor: '#112233' });
    Object.assign(b, { contactUrl: 'https://beta.example/contact', brandColor: '#445566' });
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const message = (over: Partial<InvitationForMail>): InvitationMessage => {
    const invitation: InvitationForMail = {
      id: newId(),
      email: `${newId()}@fabrikam.example`,
      displayName: `Guest ${newId().slice(-6)}`,
      ccEmailAddress: null,
      inviterDisplayName: 'Ada',
      invitationText: 'Welcome',
      contactUrl: null,
      language: 'en',
      expiresAt: new Date('2030-05-31T00:00:00Z'),
      ...over,
    };
    return { invitation, redeemUrl: `https://gw.example/redeem/${invitation.id}?ticket=t${newId()}`, replyTo: null };
  };
  const variants: Partial<InvitationForMail>[] = [
    {},
    { inviterDisplayName: 'Bob' },
    { language: 'de' },
    {},
    { invitationText: 'Another text' },
    { invitationText: null },
    { expiresAt: new Date('2030-06-30T00:00:00Z') },
    { expiresAt: null },
    { contactUrl: 'https://alpha.example/other-contact' },
    { inviterDisplayName: 'Bob', language: 'de' },
    {},
    { inviterDisplayName: 'Bob' },
  ];

  async function check(tenant: Tenant, messages: InvitationMessage[]): Promise<void> {
    const rows = await db.manager.find(OutboxMessage, { where: messages.map((m) => ({ invitationId: m.invitation.id })) });
    expect(rows).toHaveLength(messages.length);
    for (const m of messages) {
      const row = rows.find((r) => r.invitationId === m.invitation.id)!;
      const branded = { ...tenant, contactUrl: m.invitation.contactUrl ?? tenant.contactUrl };
      const want = renderInvitationMessage({ tenant: branded, invitation: m.invitation, redeemUrl: m.redeemUrl });
      expect(row.tenantId).toBe(tenant.id);
      expect(row.subject, JSON.stringify(m.invitation)).toBe(want.subject);
      expect(await outbox.openBody(row)).toEqual({ text: want.text, html: want.html, redeemUrl: m.redeemUrl });
      expect(row.fromAddress).toBe(`"${m.invitation.inviterDisplayName} from ${tenant.name} (via b2b-gateway)" <gw@example.com>`);
    }
  }

  it('gives each row of an upload with alternating inviters, languages and texts its own rendering', async () => {
    const messages = [...variants, ...variants].map(message);
    await db.transaction((em) => outbox.queueInvitationMessages(em, a, messages));
    await check(a, messages);
  });

  it("two tenants queuing the same inputs at once each get their own tenant's mail", async () => {
    const forA = variants.map(message);
    const forB = variants.map(message);
    await Promise.all([
      db.transaction((em) => outbox.queueInvitationMessages(em, a, forA)),
      db.transaction((em) => outbox.queueInvitationMessages(em, b, forB)),
    ]);
    await check(a, forA);
    await check(b, forB);
  });
});
