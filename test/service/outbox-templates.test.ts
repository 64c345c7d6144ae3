import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { TenantKind, type Tenant } from '../../src/directory/tenant.entity.js';
import { type InvitationForMail, renderInvitationMessage } from '../../src/mail/invitation-message.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { OutboxTemplate } from '../../src/mail/outbox-template.entity.js';
import { type InvitationMessage } from '../../src/mail/outbox-rows.js';
import { OutboxService } from '../../src/mail/outbox.service.js';
import { newId } from '../../src/shared/ids.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const SECRET = 'outbox-template-test-secret-0123456789ab';

/** An upload's invitation mails share one sealed template; each sends exactly what rendering it whole gives. */
describe.each(testDatabases())('outbox templates on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let outbox: OutboxService;
  let tenant: Tenant;
  const clock = { now: () => new Date('2030-05-01T08:00:00Z') };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    outbox = new OutboxService(db, clock, new SecretBox(SECRET), { from: 'gw@example.com', messageIdDomain: 'gw.example.com' });
    tenant = await db.transaction((em) =>
      insertTenant(em, { name: 'Contoso & <Co>', kind: TenantKind.Managed }, [`contoso-${Date.now()}.example`], clock.now()),
    );
    Object.assign(tenant, { privacyUrl: 'https://contoso.example/privacy?a=1&b=2', brandColor: '#c0ffee' });
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const message = (displayName: string, text: string | null = 'See <you> & $& soon'): InvitationMessage => {
    const invitation: InvitationForMail = {
      id: newId(),
      email: `${newId()}@fabrikam.example`,
      displayName,
      ccEmailAddress: null,
      inviterDisplayName: 'Ada "Admin"',
      invitationText: text,
      contactUrl: null,
      language: 'de',
      expiresAt: new Date('2030-05-31T00:00:00Z'),
    };
    const ticket = `ticket${newId().replace(/-/g, '')}`;
    return { invitation, redeemUrl: `https://gw.example/redeem/${invitation.id}?ticket=${ticket}&x=<1>`, replyTo: 'ada@contoso.example' };
  };
  const queued = (messages: InvitationMessage[]) =>
    db.manager.find(OutboxMessage, { where: messages.map((m) => ({ invitationId: m.invitation.id })), order: { id: 'ASC' } });
  const expected = (m: InvitationMessage) => renderInvitationMessage({ tenant, invitation: m.invitation, redeemUrl: m.redeemUrl });

  it('stores one sealed template per shared rendering and sends each message byte for byte as rendered whole', async () => {
    const messages = [message('Ann <One> $&'), message('Bob\r\nBcc: x@evil.example'), message('Zoë 山田 \uE000u\uE000'), message('Cy')];
    const templatesBefore = await db.manager.count(OutboxTemplate);
    await db.transaction((em) => outbox.queueInvitationMessages(em, tenant, messages));
    const rows = await queued(messages);
    expect(await db.manager.count(OutboxTemplate)).toBe(templatesBefore + 1);
    // A name holding a stand-in's character is rendered whole, never filled into a template.
    expect(rows.map((r) => r.templateId === null)).toEqual([false, false, true, false]);
    for (const [i, row] of rows.entries()) {
      const m = messages[i]!;
      const want = expected(m);
      expect(row.subject).toBe(want.subject);
      expect(await outbox.openBody(row)).toEqual({ text: want.text, html: want.html, redeemUrl: m.redeemUrl });
      // The link (its ticket) is sealed at rest, in the message; the template holds none.
      expect(row.bodySealed).not.toContain('ticket');
    }
    const template = await db.manager.findOneByOrFail(OutboxTemplate, { id: rows[0]!.templateId! });
    expect(template.tenantId).toBe(tenant.id);
    expect(template.bodySealed).not.toContain('Contoso');
    expect(new SecretBox(SECRET).open(template.bodySealed)).not.toMatch(/ticket|Ann <One>|Bob|Zoë/);
    // Each message seals only its name and link: far smaller than a rendered body.
    expect(rows[0]!.bodySealed.length).toBeLessThan(600);
  });

  it('keeps a message that shares its rendering with no other whole (a single invitation)', async () => {
    const lone = message('Lone Guest', 'a text no other message has');
    await db.transaction((em) => outbox.queueInvitationMessages(em, tenant, [lone]));
    const [row] = await queued([lone]);
    expect(row!.templateId).toBeNull();
    const want = expected(lone);
    expect(await outbox.openBody(row!)).toEqual({ text: want.text, html: want.html, redeemUrl: lone.redeemUrl });
  });

  it('reads a template only for its own tenant', async () => {
    const pair = [message('One'), message('Two')];
    await db.transaction((em) => outbox.queueInvitationMessages(em, tenant, pair));
    const [row] = await queued(pair);
    const other = new OutboxService(db, clock, new SecretBox(SECRET), { from: 'gw@example.com', messageIdDomain: 'gw.example.com' });
    await expect(other.openBody({ ...row!, tenantId: newId() })).rejects.toThrow();
  });
});
