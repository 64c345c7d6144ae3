import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/accounts/browser-session.entity.js';
import { BrowserSessionService, destroyBrowserSessionsOf } from '../../src/accounts/browser-session.service.js';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import { createAdapterClass } from '../../src/oidc/adapter.js';
import type { Clock } from '../../src/shared/clock.js';
import { newId } from '../../src/shared/ids.js';
import { sha256Hex } from '../../src/shared/secrets.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const EIGHT_HOURS = 8 * 60 * 60 * 1000;

/** The gateway's server-side browser sessions (BrowserSessionService) on a real database, with a fake clock. */
describe.each(testDatabases())('BrowserSessionService on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let sessions: BrowserSessionService;
  const clock = {
    at: new Date('2026-03-01T12:00:00.000Z'),
    now() {
      return new Date(this.at);
    },
  } satisfies Clock & { at: Date };
  const at = (ms: number) => new Date(clock.at.getTime() + ms);

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    sessions = new BrowserSessionService(db, clock);
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const stored = (value: string) => db.manager.findOneBy(BrowserSession, { idHash: sha256Hex(value) });

  it('creates an empty session for eight hours, storing only the hash of a random cookie value', async () => {
    const open = await sessions.create();
    const other = await sessions.create();
    expect(open.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(other.value).not.toBe(open.value);
    const row = await stored(open.value);
    expect(row).toMatchObject({
      userId: null,
      invitationId: null,
      ticketHash: null,
      verifiedEmail: null,
      federationState: null,
      freshLoginUid: null,
    });
    expect(row?.expiresAt.toISOString()).toBe(at(EIGHT_HOURS).toISOString());
    expect(row?.createdAt.toISOString()).toBe(clock.now().toISOString());
    expect(open.session.idHash).toBe(sha256Hex(open.value));
    expect(await db.manager.countBy(BrowserSession, { idHash: open.value })).toBe(0);
  });

  it('finds a session by its cookie value until exactly its expiry', async () => {
    const open = await sessions.create();
    const found = await sessions.find(open.value);
    expect(found?.value).toBe(open.value);
    expect(found?.session.idHash).toBe(open.session.idHash);

    const start = clock.at;
    clock.at = at(EIGHT_HOURS - 1);
    expect((await sessions.find(open.value))?.session.idHash).toBe(open.session.idHash);
    clock.at = at(1);
    expect(await sessions.find(open.value)).toBeNull();
    clock.at = start;
  });

  it('finds nothing for a missing, unknown or oversized value', async () => {
    expect(await sessions.find(undefined)).toBeNull();
    expect(await sessions.find('')).toBeNull();
    expect(await sessions.find('unknown-value')).toBeNull();
    // A value of 101 characters is refused before any lookup, even if a row had its hash.
    const long = 'a'.repeat(101);
    const limit = 'b'.repeat(100);
    for (const value of [long, limit]) {
      await db.manager.insert(BrowserSession, {
        idHash: sha256Hex(value),
        userId: null,
        invitationId: null,
        ticketHash: null,
        verifiedEmail: null,
        federationState: null,
        freshLoginUid: null,
        expiresAt: at(60_000),
        createdAt: clock.now(),
      });
    }
    expect(await sessions.find(long)).toBeNull();
    expect((await sessions.find(limit))?.value).toBe(limit);
  });

  it('updates a session in memory and in the database, keeping its id', async () => {
    const open = await sessions.create();
    await sessions.update(open, { invitationId: 'inv-1', ticketHash: 'hash-1' });
    expect(open.session).toMatchObject({ invitationId: 'inv-1', ticketHash: 'hash-1' });
    expect(await stored(open.value)).toMatchObject({ invitationId: 'inv-1', ticketHash: 'hash-1', userId: null });
  });

  it('renews under a new id and, with a first factor proven now, a fresh lifetime: the old cookie value finds nothing', async () => {
    const open = await sessions.create();
    await sessions.update(open, { invitationId: 'inv-2' });
    const oldValue = open.value;
    const oldHash = open.session.idHash;
    clock.at = at(60 * 60 * 1000);

    await sessions.renew(open, { userId: 'user-1', freshLoginUid: 'uid-1', authenticatedAt: clock.now() });

    expect(open.value).not.toBe(oldValue);
    expect(open.session.idHash).toBe(sha256Hex(open.value));
    expect(open.session.idHash).not.toBe(oldHash);
    expect(open.session).toMatchObject({ userId: 'user-1', freshLoginUid: 'uid-1', invitationId: 'inv-2' });
    expect(open.session.expiresAt.toISOString()).toBe(at(EIGHT_HOURS).toISOString());
    expect(await sessions.find(oldValue)).toBeNull();
    expect(await db.manager.countBy(BrowserSession, { idHash: oldHash })).toBe(0);
    const row = await stored(open.value);
    expect(row).toMatchObject({ userId: 'user-1', freshLoginUid: 'uid-1', invitationId: 'inv-2' });
    expect(row?.expiresAt.toISOString()).toBe(at(EIGHT_HOURS).toISOString());
  });

  it('keeps the end of the session at a renewal without a first factor (a second factor, a redemption, a password change)', async () => {
    const open = await sessions.create();
    await sessions.renew(open, { userId: 'user-1', authenticatedAt: clock.now() });
    const end = open.session.expiresAt.toISOString();
    clock.at = at(7 * 60 * 60 * 1000);

    await sessions.renew(open, { mfaAt: clock.now(), amr: 'pwd otp mfa' });
    await sessions.renew(open, { invitationId: null, ticketHash: null });

    expect(open.session.expiresAt.toISOString()).toBe(end);
    expect((await stored(open.value))?.expiresAt.toISOString()).toBe(end);
    clock.at = new Date(new Date(end).getTime() + 1);
    // A cookie stolen seven hours in and stepped up with is worth nothing after the sign-in's eight hours.
    expect(await sessions.find(open.value)).toBeNull();
  });

  it('signs out: deletes the session and the provider sessions named, and only those', async () => {
    const tenantId = newId();
    const Adapter = createAdapterClass({ db, clock, tenantId, findClient: async () => undefined });
    const providerSessions = new Adapter('Session');
    await providerSessions.upsert('ps-1', { kind: 'Session', accountId: 'u' }, 3600);
    await providerSessions.upsert('ps-2', { kind: 'Session', accountId: 'u' }, 3600);
    const open = await sessions.create();
    const kept = await sessions.create();

    await sessions.signOut(open, ['ps-1']);
    expect(await stored(open.value)).toBeNull();
    expect(await stored(kept.value)).not.toBeNull();
    expect(await providerSessions.find('ps-1')).toBeUndefined();
    expect(await providerSessions.find('ps-2')).toBeDefined();

    // Without a gateway session, the provider sessions still end.
    await sessions.signOut(null, ['ps-2']);
    expect(await providerSessions.find('ps-2')).toBeUndefined();
    expect(await stored(kept.value)).not.toBeNull();
  });

  it('sweeps sessions that expired before now, and only those', async () => {
    const expired = await sessions.create();
    const start = clock.at;
    clock.at = at(1);
    const boundary = await sessions.create();
    clock.at = new Date(start.getTime() + 2);
    const live = await sessions.create();
    clock.at = new Date(start.getTime() + EIGHT_HOURS + 1);

    await sessions.sweep();
    expect(await stored(expired.value)).toBeNull();
    expect(await stored(boundary.value)).not.toBeNull();
    expect(await stored(live.value)).not.toBeNull();
    clock.at = start;
  });

  it("destroys every session of one user, and no one else's", async () => {
    const a1 = await sessions.create();
    const a2 = await sessions.create();
    const b = await sessions.create();
    await sessions.update(a1, { userId: 'user-a' });
    await sessions.update(a2, { userId: 'user-a' });
    await sessions.update(b, { userId: 'user-b' });
    await destroyBrowserSessionsOf(db.manager, 'user-a');
    expect(await stored(a1.value)).toBeNull();
    expect(await stored(a2.value)).toBeNull();
    expect(await stored(b.value)).not.toBeNull();
  });

  it('keeps the one session named when ending the others of a user (sign out everywhere else)', async () => {
    const current = await sessions.create();
    const other = await sessions.create();
    await sessions.update(current, { userId: 'user-c' });
    await sessions.update(other, { userId: 'user-c' });
    await destroyBrowserSessionsOf(db.manager, 'user-c', current.session.idHash);
    expect(await stored(current.value)).not.toBeNull();
    expect(await stored(other.value)).toBeNull();
  });

  it("lists a user's signed-in browsers newest first, without expired ones or anyone else's", async () => {
    const start = clock.at;
    const old = await sessions.create();
    await sessions.update(old, { userId: 'user-d' });
    clock.at = at(1000);
    const newer = await sessions.create();
    await sessions.update(newer, { userId: 'user-d' });
    const someoneElse = await sessions.create();
    await sessions.update(someoneElse, { userId: 'user-e' });
    expect((await sessions.signedInBrowsers('user-d')).map((s) => s.idHash)).toEqual([newer.session.idHash, old.session.idHash]);
    clock.at = new Date(start.getTime() + EIGHT_HOURS);
    expect((await sessions.signedInBrowsers('user-d')).map((s) => s.idHash)).toEqual([newer.session.idHash]);
    clock.at = start;
  });
});
