import { describe, expect, it } from 'vitest';
import type { User } from '../../src/directory/user.entity.js';
import type { RememberedSignIn } from '../../src/policies/policy-gate.js';
import { testDatabases } from '../helpers/databases.js';
import { useServicesHarness } from '../helpers/services-harness.js';

const MINUTE = 60_000;
const seconds = (at: Date) => Math.floor(at.getTime() / 1000);

/**
 * PolicyGate.tokenStep: what a token remembers of its sign-in (seconds) judged under the tenant's
 * current policy, its session start being the earlier of its own and the browser session's recorded
 * behind its sign-in (rememberSessionStart), looked up only when the tenant has a session lifetime.
 */
describe.each(testDatabases())('the policy gate at token time on %s', (kind) => {
  const h = useServicesHarness(kind);
  const step = (account: User, remembered: RememberedSignIn) => h.s.policyGate.tokenStep(account, remembered);

  async function memberOfNewTenant(policy: Parameters<typeof h.s.policies.update>[1]): Promise<User> {
    const tenant = await h.tenant('Token time');
    await h.s.policies.update(h.admin(tenant.id), { mfaForAdmins: false, ...policy });
    return h.member(tenant, 'token');
  }

  it('holds a token to the browser session recorded behind its sign-in when that began earlier', async () => {
    const account = await memberOfNewTenant({ sessionLifetimeMinutes: 60 });
    const started = h.clock.now();
    const signedIn = new Date(started.getTime() + 10 * MINUTE);
    await h.s.policyGate.rememberSessionStart(account, signedIn, started);
    const now = (minutes: number) => (h.clock.fixed = new Date(started.getTime() + minutes * MINUTE));
    const remembered = (ownStart: number | null): RememberedSignIn => ({
      authTime: seconds(signedIn),
      sessionStartedAt: ownStart === null ? undefined : seconds(new Date(started.getTime() + ownStart * MINUTE)),
    });

    now(50);
    expect(await step(account, remembered(40))).toBe('ok');
    now(70);
    // Its own start (40) is within the hour; the browser session's (0) is not.
    expect(await step(account, remembered(40))).toBe('sessionEnded');
    // A token that remembers no start of its own (an access token) is held to the recorded one.
    expect(await step(account, remembered(null))).toBe('sessionEnded');
    // Its own start earlier than the recorded one: its own.
    now(50);
    expect(await step(account, remembered(-30))).toBe('sessionEnded');
    // Another sign-in of the account (no start recorded behind it): the token's own start only.
    expect(
      await step(account, { authTime: seconds(signedIn) + 1, sessionStartedAt: seconds(new Date(started.getTime() + 40 * MINUTE)) }),
    ).toBe('ok');
    // A token remembering no sign-in is not held to a start recorded behind some sign-in of the account.
    now(70);
    expect(await step(account, { sessionStartedAt: seconds(new Date(started.getTime() + 40 * MINUTE)) })).toBe('ok');
  });

  it('records a session start only for a sign-in with both times known', async () => {
    const account = await memberOfNewTenant({ sessionLifetimeMinutes: 60 });
    const started = h.clock.now();
    const signedIn = new Date(started.getTime() + MINUTE);
    await h.s.policyGate.rememberSessionStart(account, null, started);
    await h.s.policyGate.rememberSessionStart(account, signedIn, null);
    h.clock.fixed = new Date(started.getTime() + 70 * MINUTE);
    const own = seconds(new Date(started.getTime() + 30 * MINUTE));
    expect(await step(account, { authTime: seconds(signedIn), sessionStartedAt: own })).toBe('ok');
  });

  it('asks a token remembering no sign-in time to sign in again under a sign-in frequency', async () => {
    const account = await memberOfNewTenant({ signInFrequencyMinutes: 60 });
    expect(await step(account, {})).toBe('signInAgain');
    expect(await step(account, { authTime: 'yesterday' })).toBe('signInAgain');
    expect(await step(account, { authTime: seconds(h.clock.now()) })).toBe('ok');
  });

  it('holds a member to the members’ rule, not the guests’; decide asks no MFA the app did not request', async () => {
    const account = await memberOfNewTenant({ mfaForMembers: false, mfaForGuests: true });
    expect(await step(account, { authTime: seconds(h.clock.now()) })).toBe('ok');
    const token = { kind: 'token' as const, authenticatedAt: h.clock.now(), acr: null, sessionStartedAt: null };
    expect((await h.s.policyGate.decide(account, token)).step).toBe('ok');
  });
});
