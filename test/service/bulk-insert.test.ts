import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { insertMany } from '../../src/db/bulk.js';
import { openDatabase } from '../../src/db/data-source.js';
import { insertTenant } from '../../src/directory/tenant.rows.js';
import { Invitation, InvitationStatus } from '../../src/invitations/invitation.entity.js';
import { newId } from '../../src/shared/ids.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const AWKWARD = ['plain', 'a "quoted" word', 'back\\slash', 'comma, {brace}', 'NULL', '', ' spaced ', 'Zoë 😀', "it's"];

async function tenant(ds: DataSource): Promise<string> {
  return (await ds.transaction((em) => insertTenant(em, { name: 'T' }, [`t-${newId()}.example`], new Date()))).id;
}

function invitation(tenantId: string, i: number, now: Date): Invitation {
  return Object.assign(new Invitation(), {
    id: newId(),
    tenantId,
    email: `u${i}@partner.example`,
    displayName: AWKWARD[i % AWKWARD.length]!,
    invitedUserId: null,
    inviterKind: 'User',
    inviterId: 'inviter',
    inviterDisplayName: 'Admin "A"',
    redirectUrl: i % 2 ? null : `https://x.example/${i}?a=1&b="2"`,
    applicationIds: ['a', `b${i % 3}`],
    groupIds: [],
    invitationText: i % 3 ? null : 'line\nbreak \\ "q"',
    ccEmailAddress: null,
    language: 'en',
    sendInvitationMessage: i % 2 === 0,
    status: InvitationStatus.PendingAcceptance,
    ticketHash: newId(),
    expiresAt: i % 4 ? now : new Date(now.getTime() + i * 1001),
    redeemedAt: null,
    revokedAt: null,
    batchId: null,
    contactUrl: null,
    accessExpiresAt: null,
    createdAt: now,
    updatedAt: now,
  });
}

/** Every column but the id, as read back. */
const stored = (rows: Invitation[]) => rows.map(({ id: _id, ticketHash: _t, ...rest }) => rest);

describe.each(testDatabases())('insertMany on %s', (kind) => {
  let db: TestDatabase;
  let ds: DataSource;
  afterEach(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('stores every value as a one-row insert does: quotes, backslashes, nulls, text "NULL", dates, booleans, JSON (several statements)', async () => {
    db = await createTestDatabase(kind);
    ds = await openDatabase(db.database);
    const tenantId = await tenant(ds);
    const now = new Date('2026-03-29T01:30:00.123Z');
    const bulk = Array.from({ length: 120 }, (_, i) => invitation(tenantId, i, now));
    const single = Array.from({ length: 120 }, (_, i) => invitation(tenantId, i, now));
    await ds.transaction((em) => insertMany(em, Invitation, bulk));
    for (const row of single) await ds.manager.insert(Invitation, row);
    const read = async (ids: string[]) =>
      stored((await ds.manager.find(Invitation, { order: { email: 'ASC' } })).filter((r) => ids.includes(r.id)));
    const fromBulk = await read(bulk.map((r) => r.id));
    expect(fromBulk).toEqual(await read(single.map((r) => r.id)));
    expect(fromBulk.map((r) => r.displayName)).toEqual(expect.arrayContaining(AWKWARD));
  });

  it('stores columns the same in every row, or in all rows but one', async () => {
    db = await createTestDatabase(kind);
    ds = await openDatabase(db.database);
    const createdAt = new Date('2026-01-02T03:04:05.006Z');
    const event = (targetId: string | null) => ({
      id: newId(),
      tenantId: 't',
      action: 'A',
      actorKind: 'User',
      actorId: null,
      actorDisplayName: 'x "y" \\ z',
      targetType: null,
      targetId,
      details: { n: 1 },
      createdAt,
    });
    // A column the same in all rows but one, within a multi-row statement and after it.
    await ds.transaction((em) =>
      insertMany(
        em,
        AuditEvent,
        Array.from({ length: 101 }, (_, i) => event(i === 49 ? 'odd' : null)),
      ),
    );
    // Rows the same but for their ids, then one row: every column a single value (no array on PostgreSQL).
    await ds.transaction((em) =>
      insertMany(
        em,
        AuditEvent,
        Array.from({ length: 100 }, () => event('same')),
      ),
    );
    await ds.transaction((em) => insertMany(em, AuditEvent, [event(null)]));
    const read = await ds.manager.find(AuditEvent, { order: { id: 'ASC' } });
    expect(read.map((r) => r.targetId)).toEqual([
      ...Array.from({ length: 101 }, (_, i) => (i === 49 ? 'odd' : null)),
      ...Array.from({ length: 100 }, () => 'same'),
      null,
    ]);
    for (const r of read) {
      expect({ ...r, createdAt: r.createdAt.toISOString() }).toMatchObject({
        actorDisplayName: 'x "y" \\ z',
        details: { n: 1 },
        createdAt: createdAt.toISOString(),
      });
    }
  });
});
