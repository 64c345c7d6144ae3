import { describe, expect, it } from 'vitest';
import { maySignInSilently, type SignInRequest } from '../../src/access/silent-sign-in.js';
import type { User } from '../../src/directory/user.entity.js';
import type { IdentityProvider } from '../../src/federation/identity-provider.entity.js';
import { nextRedemptionStep, type RedemptionFacts } from '../../src/redemption/redemption-step.js';

const invited = 'alice@fabrikam.example';
const user = (mail: string, accountEnabled = true) => ({ id: `id-${mail}`, mail, accountEnabled }) as User;
const upstream = { id: 'idp', issuer: 'https://idp.fabrikam.example' } as IdentityProvider;
const facts = (over: Partial<RedemptionFacts>): RedemptionFacts => ({
  invitedEmail: invited,
  signedIn: null,
  upstream: null,
  hasAccount: false,
  ...over,
});
const signedIn = (u: User, usable = true, justNow = false) => ({ user: u, usable, justNow });

describe('the next step of a redemption', () => {
  it('finishes for a usable sign-in as the invited address', () => {
    const alice = user(invited);
    expect(nextRedemptionStep(facts({ signedIn: signedIn(alice), upstream, hasAccount: true }))).toEqual({ kind: 'finish', home: alice });
  });

  it('offers to switch accounts when signed in as someone else, never finishing for them', () => {
    expect(nextRedemptionStep(facts({ signedIn: signedIn(user('bob@fabrikam.example')), hasAccount: true }))).toEqual({
      kind: 'switchAccount',
      current: 'bob@fabrikam.example',
    });
  });

  it('ignores a sign-in that no longer counts (disabled, or a stale partner sign-in)', () => {
    expect(nextRedemptionStep(facts({ signedIn: signedIn(user(invited), false), hasAccount: true }))).toEqual({ kind: 'signIn' });
    expect(nextRedemptionStep(facts({ signedIn: signedIn(user('bob@fabrikam.example'), false) }))).toEqual({ kind: 'sendCode' });
  });

  it('sends a federated partner to its own provider before any password or code', () => {
    expect(nextRedemptionStep(facts({ upstream, hasAccount: true }))).toEqual({ kind: 'federate', upstream });
    expect(nextRedemptionStep(facts({ upstream }))).toEqual({ kind: 'federate', upstream });
  });

  it('asks an existing account to sign in, and anyone else for a code', () => {
    expect(nextRedemptionStep(facts({ hasAccount: true }))).toEqual({ kind: 'signIn' });
    expect(nextRedemptionStep(facts({}))).toEqual({ kind: 'sendCode' });
  });

  it('finishes a sign-in made for this redemption (redeem itself refuses the wrong address)', () => {
    const bob = user('bob@fabrikam.example');
    expect(nextRedemptionStep(facts({ signedIn: signedIn(bob, false, true), upstream }))).toEqual({ kind: 'finish', home: bob });
  });
});

describe('silent sign-in to an app', () => {
  const alice = user(invited);
  const request = (over: Partial<SignInRequest> = {}): SignInRequest => ({
    promptReasons: [],
    justSignedIn: false,
    loginHint: undefined,
    ...over,
  });

  it('uses an enabled gateway sign-in that still counts', () => {
    expect(maySignInSilently(alice, true, request())).toBe(true);
    expect(maySignInSilently(null, true, request())).toBe(false);
    expect(maySignInSilently(user(invited, false), true, request())).toBe(false);
    expect(maySignInSilently(alice, false, request())).toBe(false);
  });

  it('prompts for prompt=login and max_age, unless the browser just signed in for this interaction', () => {
    expect(maySignInSilently(alice, true, request({ promptReasons: ['login_prompt'] }))).toBe(false);
    expect(maySignInSilently(alice, true, request({ promptReasons: ['max_age'] }))).toBe(false);
    expect(maySignInSilently(alice, true, request({ promptReasons: ['login_prompt'], justSignedIn: true }))).toBe(true);
    expect(maySignInSilently(alice, true, request({ promptReasons: ['no_session'] }))).toBe(true);
  });

  it('prompts when login_hint names another account', () => {
    expect(maySignInSilently(alice, true, request({ loginHint: 'bob@fabrikam.example' }))).toBe(false);
    expect(maySignInSilently(alice, true, request({ loginHint: 'Alice@Fabrikam.example' }))).toBe(true);
  });
});
