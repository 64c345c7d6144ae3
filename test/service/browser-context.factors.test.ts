import { beforeAll, describe, expect, it } from 'vitest';
import type { BrowserSessionService } from '../../src/accounts/browser-session.service.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { useBrowserHarness } from '../helpers/browser-harness.js';
import { testDatabases } from '../helpers/databases.js';

/** How a browser signed in (amr, RFC 8176) and its second factors (BrowserContext), on a real database. */
describe.each(testDatabases())('BrowserContext sign-in factors on %s', (kind) => {
  const h = useBrowserHarness(kind);
  const { clock, http, exchange, setCookies } = h;
  let sessions: BrowserSessionService;
  beforeAll(() => {
    sessions = h.sessions;
  });
  const at = new Date('2026-03-01T12:00:00.000Z');
  const tick = () => {
    clock.fixed = new Date(clock.now().getTime() + 1000);
    return clock.now();
  };
  const stored = async (value: string) => (await sessions.find(value))!.session;

  it("signIn() records the first factor (pwd by default) and its time; a partner's mfa is kept in amr but sets no mfaAt", async () => {
    clock.fixed = at;
    const open = await sessions.create();
    await http().signIn(exchange().res, open, 'user-1');
    expect(await stored(open.value)).toMatchObject({
      userId: 'user-1',
      amr: 'pwd',
      authenticatedAt: at,
      mfaAt: null,
      pendingUserId: null,
    });
    const now = tick();
    await http().signIn(exchange().res, open, 'user-1', { amr: ['fed', 'mfa', 'fed'] });
    // Only a factor the gateway verified sets mfaAt: a policy tells the partner's own MFA apart by it.
    expect(await stored(open.value)).toMatchObject({ amr: 'fed mfa', authenticatedAt: now, mfaAt: null });
    // A new sign-in forgets the earlier second factor; and ends a pending one.
    await http().beginSecondFactor(exchange().res, open, 'user-2', ['pwd']);
    await http().signIn(exchange().res, open, 'user-1', { amr: ['fed'] });
    expect(await stored(open.value)).toMatchObject({ userId: 'user-1', amr: 'fed', mfaAt: null, pendingUserId: null });
  });

  it('beginSecondFactor() leaves the browser signed out, the user pending, under a new id and cookie', async () => {
    const open = await sessions.create();
    await http().signIn(exchange().res, open, 'user-0', { amr: ['pwd', 'mfa'] });
    const before = open.value;
    const now = tick();
    const { res } = exchange();
    await http().beginSecondFactor(res, open, 'user-1', ['pwd']);
    expect(open.value).not.toBe(before);
    expect(setCookies(res)).toEqual([expect.stringContaining(`gw_session=${open.value};`)]);
    expect(await sessions.find(before)).toBeNull();
    expect(await stored(open.value)).toMatchObject({
      userId: null,
      pendingUserId: 'user-1',
      amr: 'pwd',
      authenticatedAt: now,
      mfaAt: null,
    });
    expect(await http().signedInUserId(exchange(`gw_session=${open.value}`).req)).toBeNull();
  });

  it('completeSecondFactor() signs the pending user in with the method and mfa, under a new id', async () => {
    const open = await sessions.create();
    const first = tick();
    await http().beginSecondFactor(exchange().res, open, 'user-1', ['fed']);
    const pendingValue = open.value;
    const now = tick();
    const { res } = exchange();
    await http().completeSecondFactor(res, open, 'hwk');
    expect(open.value).not.toBe(pendingValue);
    expect(setCookies(res)).toEqual([expect.stringContaining(`gw_session=${open.value};`)]);
    expect(await stored(open.value)).toMatchObject({
      userId: 'user-1',
      pendingUserId: null,
      amr: 'fed hwk mfa',
      authenticatedAt: first,
      mfaAt: now,
    });
    expect(await http().signedInUserId(exchange(`gw_session=${open.value}`).req)).toBe('user-1');
  });

  it('completeSecondFactor() steps a signed-in browser up, and refuses a browser nobody signed in to', async () => {
    const open = await sessions.create();
    await http().signIn(exchange().res, open, 'user-1');
    const now = tick();
    await http().completeSecondFactor(exchange().res, open, 'otp');
    expect(await stored(open.value)).toMatchObject({ userId: 'user-1', amr: 'pwd otp mfa', mfaAt: now });
    const nobody = await sessions.create();
    const value = nobody.value;
    let refused: unknown = null;
    await http()
      .completeSecondFactor(exchange().res, nobody, 'swk')
      .catch((e: unknown) => (refused = e));
    expect(refused).toMatchObject({ code: ErrorCode.FORBIDDEN, message: 'Sign in first.' });
    expect(nobody.value).toBe(value);
    expect(await stored(value)).toMatchObject({ userId: null, amr: null, mfaAt: null });
  });

  it('a sign-in begins the session for someone new, and re-authenticating the same person keeps its start', async () => {
    const open = await sessions.create();
    const began = tick();
    await http().signIn(exchange().res, open, 'user-1');
    expect(await stored(open.value)).toMatchObject({ sessionStartedAt: began });
    const req = () => exchange(`gw_session=${open.value}`).req;
    expect(await http().sessionStartedAt(req(), 'tenant-1')).toEqual(began);
    tick();
    await http().signIn(exchange().res, open, 'user-1');
    tick();
    await http().beginSecondFactor(exchange().res, open, 'user-1', ['pwd']);
    expect(await http().sessionStartedAt(req(), 'tenant-1')).toBeNull(); // half-way: nobody signed in
    await http().completeSecondFactor(exchange().res, open, 'otp');
    expect(await stored(open.value)).toMatchObject({ userId: 'user-1', sessionStartedAt: began });
    expect(await http().sessionStartedAt(req(), 'tenant-1')).toEqual(began);
    const other = tick();
    await http().beginSecondFactor(exchange().res, open, 'user-2', ['pwd']);
    await http().completeSecondFactor(exchange().res, open, 'otp');
    expect(await stored(open.value)).toMatchObject({ userId: 'user-2', sessionStartedAt: other });
    const again = tick();
    await http().signIn(exchange().res, open, 'user-1');
    expect(await stored(open.value)).toMatchObject({ userId: 'user-1', sessionStartedAt: again });
  });

  it('a session stored before the lifetime existed keeps its last sign-in as its start when the person signs in again', async () => {
    const open = await sessions.create();
    const signedIn = tick();
    await sessions.update(open, { userId: 'user-1', amr: 'pwd', authenticatedAt: signedIn, sessionStartedAt: null });
    const later = tick();
    await http().signIn(exchange().res, open, 'user-1');
    expect(await stored(open.value)).toMatchObject({ userId: 'user-1', sessionStartedAt: signedIn });
    await sessions.update(open, { sessionStartedAt: null });
    tick();
    await http().beginSecondFactor(exchange().res, open, 'user-1', ['pwd']);
    expect(await stored(open.value)).toMatchObject({ pendingUserId: 'user-1', sessionStartedAt: later });
  });
});
