import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { TenantKind, type Tenant } from '../../src/directory/tenant.entity.js';
import type { InvitationForMail } from '../../src/mail/invitation-message.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { type InvitationMessage } from '../../src/mail/outbox-rows.js';
import { OutboxService } from '../../src/mail/outbox.service.js';
import { newId } from '../../src/shared/ids.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const SECRET = 'attack-template-cache-secret-0123456789ab';

/**
 * The worker keeps the templates it sends from. Keeping one must not skip the rule that a message
 * reads only its own tenant's template: a message naming another tenant's template id is refused
 * whether or not that template was opened before (in the same process).
 */
describe.each(testDatabases())('outbox template cache on %s', (kind) => {
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
    a = await db.transaction((em) => insertTenant(em, { name: 'Contoso', kind: TenantKind.Managed }, [`a-${stamp}.example`], clock.now()));
    b = await db.transaction((em) => insertTenant(em, { name: 'Contoso', kind: TenantKind.Managed }, [`b-${stamp}.example`], clock.now()));
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const message = (displayName: string, text: string): InvitationMessage => {
    const invitation: InvitationForMail = {
      id: newId(),
      email: `${newId()}@fabrikam.example`,
      displayName,
      ccEmailAddress: null,
      inviterDisplayName: 'Ada',
      invitationText: text,
      contactUrl: null,
      language: 'en',
      expiresAt: null,
    };
    return { invitation, redeemUrl: `https://gw.example/redeem/${invitation.id}?ticket=t${newId()}`, replyTo: null };
  };

  it("refuses another tenant's template id even once the template is cached", async () => {
    const pair = [message('One', 'secret offer for Contoso A partners'), message('Two', 'secret offer for Contoso A partners')];
    await db.transaction((em) => outbox.queueInvitationMessages(em, a, pair));
    const [row] = await db.manager.find(OutboxMessage, { where: { invitationId: pair[0]!.invitation.id } });
    expect(row!.templateId).not.toBeNull();
    // Tenant A's worker sends it: the template is now kept in this process.
    expect((await outbox.openBody(row!)).text).toContain('secret offer');
    // A message of tenant B naming A's template (no service writes one; the check is the guard).
    const forged = { ...row!, tenantId: b.id };
    await expect(outbox.openBody(forged)).rejects.toThrow();
  });
});
