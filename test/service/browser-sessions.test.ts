import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/accounts/browser-session.entity.js';
import { BrowserSessionService, destroyBrowserSessionsOf } from '../../src/accounts/browser-session.service.js';
import { openDatabase } from '../../src/db/data-source.js';
import { Database } from '../../src/db/database.js';
import { createAdapterClass } from '../../src/oidc/adapter.js';
import type { Clock } from '../../src/shared/clock.js';
import { newId } from '../../src/shared/ids.js';
import { sha256Hex } from '../../src/shared/secrets.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const TTL_MS = 8 * 60 * 60 * 1000;

describe.each(testDatabases())('BrowserSessionService on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let sessions: BrowserSessionService;
  const clock = {
    at: new Date('2030-07-01T09:00:00Z'),
    now() {
      return new Date(this.at);
    },
  } satisfies Clock & { at: Date };
  const advance = (ms: number) => {
    clock.at = new Date(clock.at.getTime() + ms);
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    sessions = new BrowserSessionService(db, clock);
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  it('creates an empty session for 8 hours, stored under the hash of its random cookie value', async () => {
    const open = await sessions.create();
    expect(open.value).toMatch(/^[\w-]{43}$/);
    const row = await db.manager.findOneByOrFail(BrowserSession, { idHash: sha256Hex(open.value) });
    expect(row).toMatchObject({
      userId: null,
      invitationId: null,
      ticketHash: null,
      verifiedEmail: null,
      federationState: null,
      freshLoginUid: null,
    });
    expect(row.createdAt.getTime()).toBe(clock.at.getTime());
    expect(row.expiresAt.getTime()).toBe(clock.at.getTime() + TTL_MS);
    expect(await db.manager.countBy(BrowserSession, { idHash: open.value })).toBe(0);
    expect((await sessions.create()).value).not.toBe(open.value);
  });

  it('finds a session by its cookie value until it expires', async () => {
    const open = await sessions.create();
    expect((await sessions.find(open.value))?.session.idHash).toBe(sha256Hex(open.value));
    expect(await sessions.find(undefined)).toBeNull();
    expect(await sessions.find('')).toBeNull();
    expect(await sessions.find(`${open.value}x`)).toBeNull();
    advance(TTL_MS - 1);
    expect((await sessions.find(open.value))?.value).toBe(open.value);
    advance(1);
    expect(await sessions.find(open.value)).toBeNull();
  });

  it('does not look up values longer than 100 characters', async () => {
    const long = 'a'.repeat(101);
    const edge = 'b'.repeat(100);
    for (const value of [long, edge]) {
      await db.manager.insert(BrowserSession, {
        idHash: sha256Hex(value),
        userId: null,
        invitationId: null,
        ticketHash: null,
        verifiedEmail: null,
        federationState: null,
        freshLoginUid: null,
        expiresAt: new Date(clock.at.getTime() + TTL_MS),
        createdAt: clock.now(),
      });
    }
    expect(await sessions.find(long)).toBeNull();
    expect((await sessions.find(edge))?.value).toBe(edge);
  });

  it('updates a session in place', async () => {
    const open = await sessions.create();
    const userId = newId();
    await sessions.update(open, { userId, verifiedEmail: 'a@example.com' });
    expect(open.session).toMatchObject({ userId, verifiedEmail: 'a@example.com' });
    expect((await sessions.find(open.value))?.session).toMatchObject({ userId, verifiedEmail: 'a@example.com' });
  });

  it('renews a session under a new value and a fresh lifetime; the old value is worth nothing', async () => {
    const open = await sessions.create();
    const old = open.value;
    advance(60 * 60 * 1000);
    const userId = newId();
    await sessions.renew(open, { userId });
    expect(open.value).not.toBe(old);
    expect(open.session.idHash).toBe(sha256Hex(open.value));
    expect(open.session.userId).toBe(userId);
    expect(open.session.expiresAt.getTime()).toBe(clock.at.getTime() + TTL_MS);
    expect(await sessions.find(old)).toBeNull();
    const found = await sessions.find(open.value);
    expect(found?.session.userId).toBe(userId);
    expect(found?.session.expiresAt.getTime()).toBe(clock.at.getTime() + TTL_MS);
  });

  it('signs out: the session and the provider sessions it names, nothing else', async () => {
    const tenantId = newId();
    const Adapter = createAdapterClass({ db, clock, tenantId, findClient: async () => undefined });
    const providerSessions = new Adapter('Session');
    await providerSessions.upsert('ps1', { kind: 'Session', accountId: 'u' }, 3600);
    await providerSessions.upsert('ps2', { kind: 'Session', accountId: 'u' }, 3600);
    const open = await sessions.create();
    const other = await sessions.create();
    await sessions.signOut(open, ['ps1']);
    expect(await sessions.find(open.value)).toBeNull();
    expect(await sessions.find(other.value)).not.toBeNull();
    expect(await providerSessions.find('ps1')).toBeUndefined();
    expect(await providerSessions.find('ps2')).toBeDefined();
    // Without a gateway session, the provider sessions still end.
    await sessions.signOut(null, ['ps2']);
    expect(await providerSessions.find('ps2')).toBeUndefined();
    expect(await sessions.find(other.value)).not.toBeNull();
  });

  it('sweeps expired sessions only', async () => {
    const old = await sessions.create();
    advance(TTL_MS / 2);
    const young = await sessions.create();
    advance(TTL_MS / 2);
    // `old` expires exactly now: no longer found, but not yet swept.
    await sessions.sweep();
    expect(await db.manager.countBy(BrowserSession, { idHash: old.session.idHash })).toBe(1);
    advance(1);
    await sessions.sweep();
    expect(await db.manager.countBy(BrowserSession, { idHash: old.session.idHash })).toBe(0);
    expect(await sessions.find(young.value)).not.toBeNull();
  });

  it('ends every session of a user', async () => {
    const userId = newId();
    const a = await sessions.create();
    const b = await sessions.create();
    const c = await sessions.create();
    await sessions.update(a, { userId });
    await sessions.update(b, { userId });
    await sessions.update(c, { userId: newId() });
    await db.transaction((em) => destroyBrowserSessionsOf(em, userId));
    expect(await sessions.find(a.value)).toBeNull();
    expect(await sessions.find(b.value)).toBeNull();
    expect(await sessions.find(c.value)).not.toBeNull();
  });
});
