import { beforeAll, describe, expect, it } from 'vitest';
import { type Tenant } from '../../src/directory/tenant.entity.js';
import { type InvitationForMail, renderInvitationMessage } from '../../src/mail/invitation-message.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { type InvitationMessage } from '../../src/mail/outbox-rows.js';
import { newId } from '../../src/shared/ids.js';
import { testDatabases } from '../helpers/databases.js';
import { useOutboxHarness } from '../helpers/outbox-harness.js';

/**
 * The outbox now works out a mail's template once per run of equal inputs and its From header once
 * per inviter (src/mail/outbox-rows.ts). An upload whose rows alternate inviters, languages, texts,
 * expiries and contact links, and two tenants queuing at once, must each get exactly the mail
 * rendering it whole gives, From naming its own inviter and tenant.
 */
describe.each(testDatabases())('outbox rows of mixed inputs on %s', (kind) => {
  const h = useOutboxHarness(kind, ['Alpha', 'Beta']);
  let a: Tenant;
  let b: Tenant;

  beforeAll(() => {
    [a, b] = h.tenants as [Tenant, Tenant];
    Object.assign(a, { contactUrl: 'https://alpha.example/contact', brandColor: '#112233' });
    Object.assign(b, { contactUrl: 'https://beta.example/contact', brandColor: '#445566' });
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
    const rows = await h.db.manager.find(OutboxMessage, { where: messages.map((m) => ({ invitationId: m.invitation.id })) });
    expect(rows).toHaveLength(messages.length);
    for (const m of messages) {
      const row = rows.find((r) => r.invitationId === m.invitation.id)!;
      const branded = { ...tenant, contactUrl: m.invitation.contactUrl ?? tenant.contactUrl };
      const want = renderInvitationMessage({ tenant: branded, invitation: m.invitation, redeemUrl: m.redeemUrl });
      expect(row.tenantId).toBe(tenant.id);
      expect(row.subject, JSON.stringify(m.invitation)).toBe(want.subject);
      expect(await h.outbox.openBody(row)).toEqual({ text: want.text, html: want.html, redeemUrl: m.redeemUrl });
      expect(row.fromAddress).toBe(`"${m.invitation.inviterDisplayName} from ${tenant.name} (via b2b-gateway)" <gw@example.com>`);
    }
  }

  it('gives each row of an upload with alternating inviters, languages and texts its own rendering', async () => {
    const messages = [...variants, ...variants].map(message);
    await h.db.transaction((em) => h.outbox.queueInvitationMessages(em, a, messages));
    await check(a, messages);
  });

  it("two tenants queuing the same inputs at once each get their own tenant's mail", async () => {
    const forA = variants.map(message);
    const forB = variants.map(message);
    await Promise.all([
      h.db.transaction((em) => h.outbox.queueInvitationMessages(em, a, forA)),
      h.db.transaction((em) => h.outbox.queueInvitationMessages(em, b, forB)),
    ]);
    await check(a, forA);
    await check(b, forB);
  });
});
