import { describe, expect, it } from 'vitest';
import { ACR_1FA, ACR_MFA, acrFor, requestsMfa, upstreamShowsMfa } from '../../src/policies/acr.js';
import {
  beginsNewSession,
  type BrowserSignInFacts,
  mfaCounts,
  nextPolicyStep,
  type PolicyQuestion,
  policyRequiresMfa,
  termsApply,
} from '../../src/policies/policy-decision.js';
import { applyPolicyChanges, termsUrlFor } from '../../src/policies/policy-input.js';
import { defaultPolicy, type PolicyValues, TermsAudience } from '../../src/policies/security-policy.entity.js';

const NOW = new Date('2026-12-06T12:00:00Z');
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const MEMBER = { guest: false, admin: false };
const ADMIN = { guest: false, admin: true };
const GUEST = { guest: true, admin: false };

const policy = (changes: Partial<PolicyValues> = {}): PolicyValues => ({ ...defaultPolicy('t'), ...changes });
const browser = (changes: Partial<BrowserSignInFacts> = {}): BrowserSignInFacts => ({
  kind: 'browser',
  authenticatedAt: minutesAgo(1),
  sessionStartedAt: minutesAgo(1),
  ownMfaAt: null,
  partnerMfa: false,
  tenantSignInStartedAt: minutesAgo(2),
  ...changes,
});
const question = (changes: Partial<PolicyQuestion> = {}): PolicyQuestion => ({
  policy: policy(),
  account: MEMBER,
  signIn: browser(),
  now: NOW,
  mfaRequested: false,
  hasMethods: false,
  termsAccepted: false,
  ...changes,
});

describe('nextPolicyStep', () => {
  it('lets a member in under the default policy', () => {
    expect(nextPolicyStep(question())).toBe('ok');
  });

  it('makes an administrator without a method enrol, and one with methods complete MFA (default policy)', () => {
    expect(nextPolicyStep(question({ account: ADMIN }))).toBe('enrolMfa');
    expect(nextPolicyStep(question({ account: ADMIN, hasMethods: true }))).toBe('mfa');
    expect(nextPolicyStep(question({ account: ADMIN, signIn: browser({ ownMfaAt: minutesAgo(1) }) }))).toBe('ok');
    expect(nextPolicyStep(question({ account: ADMIN, policy: policy({ mfaForAdmins: false }) }))).toBe('ok');
  });

  it('requires MFA of members and guests only when their setting says so', () => {
    expect(nextPolicyStep(question({ policy: policy({ mfaForMembers: true }) }))).toBe('enrolMfa');
    expect(nextPolicyStep(question({ policy: policy({ mfaForGuests: true }) }))).toBe('ok');
    expect(nextPolicyStep(question({ account: GUEST, policy: policy({ mfaForGuests: true }) }))).toBe('enrolMfa');
    expect(nextPolicyStep(question({ account: GUEST, policy: policy({ mfaForMembers: true }) }))).toBe('ok');
  });

  it('steps up when the app asks for MFA though the policy does not', () => {
    expect(nextPolicyStep(question({ mfaRequested: true, hasMethods: true }))).toBe('mfa');
    expect(nextPolicyStep(question({ mfaRequested: true, signIn: browser({ ownMfaAt: minutesAgo(1) }) }))).toBe('ok');
  });

  it('asks for a new sign-in past the sign-in frequency, before anything else', () => {
    const p = policy({ signInFrequencyMinutes: 60, mfaForMembers: true });
    expect(nextPolicyStep(question({ policy: p, signIn: browser({ authenticatedAt: minutesAgo(61) }) }))).toBe('signInAgain');
    expect(nextPolicyStep(question({ policy: p, signIn: browser({ authenticatedAt: null }) }))).toBe('signInAgain');
    expect(nextPolicyStep(question({ policy: p, signIn: browser({ authenticatedAt: minutesAgo(59), ownMfaAt: minutesAgo(1) }) }))).toBe(
      'ok',
    );
    expect(nextPolicyStep(question({ signIn: browser({ authenticatedAt: minutesAgo(100_000) }) }))).toBe('ok');
  });

  it('ends a session past the session lifetime from its start, whatever the last sign-in, before anything else', () => {
    const p = policy({ sessionLifetimeMinutes: 480, signInFrequencyMinutes: 60, mfaForMembers: true });
    const old = browser({ sessionStartedAt: minutesAgo(481), authenticatedAt: minutesAgo(1), ownMfaAt: minutesAgo(1) });
    expect(nextPolicyStep(question({ policy: p, signIn: old }))).toBe('sessionEnded');
    expect(nextPolicyStep(question({ policy: p, signIn: { ...old, sessionStartedAt: minutesAgo(479) } }))).toBe('ok');
    expect(nextPolicyStep(question({ policy: p, signIn: { ...old, sessionStartedAt: null } }))).toBe('sessionEnded');
    expect(nextPolicyStep(question({ signIn: old }))).toBe('ok');
    // A refresh token's session began with its first issue; a token of no session (a code) is not judged by it.
    const token = (sessionStartedAt: Date | null) => ({
      kind: 'token' as const,
      authenticatedAt: minutesAgo(1),
      acr: ACR_MFA,
      sessionStartedAt,
    });
    expect(nextPolicyStep(question({ policy: p, signIn: token(minutesAgo(481)) }))).toBe('sessionEnded');
    expect(nextPolicyStep(question({ policy: p, signIn: token(minutesAgo(479)) }))).toBe('ok');
    expect(nextPolicyStep(question({ policy: p, signIn: token(null) }))).toBe('ok');
  });

  it('begins a new session with a sign-in made after the session ended, not with one made before', () => {
    const p = policy({ sessionLifetimeMinutes: 60 });
    expect(beginsNewSession(p, browser({ sessionStartedAt: minutesAgo(90), authenticatedAt: minutesAgo(29) }))).toBe(true);
    expect(beginsNewSession(p, browser({ sessionStartedAt: minutesAgo(90), authenticatedAt: minutesAgo(31) }))).toBe(false);
    expect(beginsNewSession(p, browser({ sessionStartedAt: null, authenticatedAt: minutesAgo(1) }))).toBe(false);
    expect(beginsNewSession(policy(), browser({ sessionStartedAt: minutesAgo(90), authenticatedAt: minutesAgo(1) }))).toBe(false);
  });

  it('asks for terms after MFA, of the audience only, until the current version is accepted', () => {
    const terms = { termsUrl: 'https://t.example/terms', termsVersion: '2' };
    const guests = policy({ ...terms, termsAudience: TermsAudience.Guests, mfaForGuests: true });
    expect(nextPolicyStep(question({ account: GUEST, policy: guests }))).toBe('enrolMfa');
    const mfaDone = browser({ ownMfaAt: minutesAgo(1) });
    expect(nextPolicyStep(question({ account: GUEST, policy: guests, signIn: mfaDone }))).toBe('acceptTerms');
    expect(nextPolicyStep(question({ account: GUEST, policy: guests, signIn: mfaDone, termsAccepted: true }))).toBe('ok');
    expect(nextPolicyStep(question({ account: MEMBER, policy: guests }))).toBe('ok');
    expect(nextPolicyStep(question({ policy: policy({ ...terms, termsAudience: TermsAudience.Everyone }) }))).toBe('acceptTerms');
    expect(nextPolicyStep(question({ policy: policy({ ...terms, termsAudience: TermsAudience.None }) }))).toBe('ok');
  });

  it('judges a token by the acr it was granted with', () => {
    const token = (acr: string | null) => ({ kind: 'token' as const, authenticatedAt: minutesAgo(1), acr, sessionStartedAt: null });
    expect(nextPolicyStep(question({ account: ADMIN, signIn: token(ACR_1FA) }))).toBe('enrolMfa');
    expect(nextPolicyStep(question({ account: ADMIN, signIn: token(null) }))).toBe('enrolMfa');
    expect(nextPolicyStep(question({ account: ADMIN, signIn: token(ACR_MFA) }))).toBe('ok');
  });
});

describe('mfaCounts', () => {
  const guest = (trustPartnerMfa: boolean, signIn: BrowserSignInFacts) =>
    mfaCounts({ policy: policy({ trustPartnerMfa }), account: GUEST, signIn });

  it("counts a guest's gateway MFA from another tenant's sign-in only when trusted", () => {
    const before = browser({ ownMfaAt: minutesAgo(5), tenantSignInStartedAt: minutesAgo(2) });
    expect(guest(false, before)).toBe(false);
    expect(guest(true, before)).toBe(true);
    expect(guest(false, browser({ ownMfaAt: minutesAgo(1), tenantSignInStartedAt: minutesAgo(2) }))).toBe(true);
    expect(guest(false, browser({ ownMfaAt: minutesAgo(5), tenantSignInStartedAt: null }))).toBe(false);
    expect(guest(true, browser({ ownMfaAt: minutesAgo(5), tenantSignInStartedAt: null }))).toBe(true);
  });

  it("counts a member's own gateway MFA whenever it was done", () => {
    expect(mfaCounts({ policy: policy(), account: MEMBER, signIn: browser({ ownMfaAt: minutesAgo(50) }) })).toBe(true);
    expect(mfaCounts({ policy: policy(), account: MEMBER, signIn: browser() })).toBe(false);
  });

  it("counts a federated partner's MFA only when the policy trusts it", () => {
    expect(guest(false, browser({ partnerMfa: true }))).toBe(false);
    expect(guest(true, browser({ partnerMfa: true }))).toBe(true);
    expect(guest(true, browser({ partnerMfa: false }))).toBe(false);
  });
});

describe('acr and the app request', () => {
  it('maps MFA to the acr values', () => {
    expect(acrFor(true)).toBe(ACR_MFA);
    expect(acrFor(false)).toBe(ACR_1FA);
  });

  it('reads a request for MFA from acr_values or an acr claim that allows only MFA', () => {
    expect(requestsMfa({ acr_values: ACR_MFA })).toBe(true);
    expect(requestsMfa({ acr_values: `${ACR_MFA} ${ACR_1FA}` })).toBe(false);
    expect(requestsMfa({ acr_values: ACR_1FA })).toBe(false);
    expect(requestsMfa({})).toBe(false);
    expect(requestsMfa({ claims: JSON.stringify({ id_token: { acr: { essential: true, value: ACR_MFA } } }) })).toBe(true);
    expect(requestsMfa({ claims: { userinfo: { acr: { values: [ACR_MFA] } } } })).toBe(true);
    expect(requestsMfa({ claims: '{not json' })).toBe(false);
  });

  it("takes a partner's MFA from amr `mfa` or a multi-factor acr, not from a lone otp", () => {
    expect(upstreamShowsMfa({ amr: ['pwd', 'mfa'] })).toBe(true);
    expect(upstreamShowsMfa({ amr: ['otp'] })).toBe(false);
    expect(upstreamShowsMfa({ amr: ['pwd'] })).toBe(false);
    expect(upstreamShowsMfa({ acr: 'http://schemas.openid.net/pape/policies/2007/06/multi-factor' })).toBe(true);
    expect(upstreamShowsMfa({ acr: ACR_MFA })).toBe(true);
    expect(upstreamShowsMfa({})).toBe(false);
  });
});

describe('policy settings', () => {
  it('requires MFA and terms per audience', () => {
    expect(policyRequiresMfa(defaultPolicy('t'), ADMIN)).toBe(true);
    expect(policyRequiresMfa(defaultPolicy('t'), GUEST)).toBe(false);
    expect(termsApply(policy({ termsAudience: TermsAudience.Everyone }), MEMBER)).toBe(false); // no version: nothing to accept
    expect(termsApply(policy({ termsVersion: '1', termsAudience: TermsAudience.None }), GUEST)).toBe(false);
  });

  it('holds each time limit inclusive: a sign-in or session exactly as old as allowed still counts', () => {
    const p = policy({ sessionLifetimeMinutes: 60, signInFrequencyMinutes: 30 });
    const at = (signIn: Partial<BrowserSignInFacts>) => nextPolicyStep(question({ policy: p, signIn: browser(signIn) }));
    expect(at({ sessionStartedAt: minutesAgo(60), authenticatedAt: minutesAgo(30) })).toBe('ok');
    expect(at({ sessionStartedAt: minutesAgo(60), authenticatedAt: minutesAgo(31) })).toBe('signInAgain');
    expect(beginsNewSession(p, browser({ sessionStartedAt: minutesAgo(90), authenticatedAt: minutesAgo(30) }))).toBe(false);
    // A guest's own second factor completed the instant its sign-in to this tenant began counts.
    const started = minutesAgo(5);
    expect(mfaCounts({ policy: p, account: GUEST, signIn: browser({ ownMfaAt: started, tenantSignInStartedAt: new Date(started) }) })).toBe(
      true,
    );
  });

  it('validates changes with the field named', () => {
    const base = defaultPolicy('t');
    const field = (changes: Parameters<typeof applyPolicyChanges>[1]) => {
      try {
        applyPolicyChanges(base, changes);
        return null;
      } catch (error) {
        return [(error as { code: string }).code, (error as { details: { field: string } }).details.field];
      }
    };
    expect(field({ signInFrequencyMinutes: 4 })).toEqual(['INVALID_SECURITY_POLICY', 'signInFrequencyMinutes']);
    expect(field({ signInFrequencyMinutes: 1.5 })).toEqual(['INVALID_SECURITY_POLICY', 'signInFrequencyMinutes']);
    expect(field({ sessionLifetimeMinutes: 4 })).toEqual(['INVALID_SECURITY_POLICY', 'sessionLifetimeMinutes']);
    expect(field({ sessionLifetimeMinutes: 525_601 })).toEqual(['INVALID_SECURITY_POLICY', 'sessionLifetimeMinutes']);
    expect(field({ sessionLifetimeMinutes: 60.5 })).toEqual(['INVALID_SECURITY_POLICY', 'sessionLifetimeMinutes']);
    expect(field({ sessionLifetimeMinutes: 525_600 })).toBeNull();
    expect(field({ termsUrl: 'http://terms.example/' })).toEqual(['INVALID_SECURITY_POLICY', 'termsUrl']);
    expect(field({ termsUrl: 'not a url' })).toEqual(['INVALID_SECURITY_POLICY', 'termsUrl']);
    expect(field({ termsVersion: ' ' })).toEqual(['INVALID_SECURITY_POLICY', 'termsVersion']);
    expect(field({ termsUrls: { xx: 'https://t.example/' } })).toEqual(['INVALID_SECURITY_POLICY', 'termsUrls']);
    expect(field({ termsAudience: TermsAudience.Guests })).toEqual(['INVALID_SECURITY_POLICY', 'termsUrl']);
    expect(field({ termsAudience: TermsAudience.Guests, termsUrl: 'https://t.example/' })).toEqual([
      'INVALID_SECURITY_POLICY',
      'termsVersion',
    ]);
    expect(field({ signInFrequencyMinutes: 5, termsUrl: 'http://localhost:3000/terms' })).toBeNull();
  });

  it('shows the document in the reader language when given, else the default', () => {
    const p = { termsUrl: 'https://t.example/en', termsUrls: { de: 'https://t.example/de' } };
    expect(termsUrlFor(p, 'de')).toBe('https://t.example/de');
    expect(termsUrlFor(p, 'fr')).toBe('https://t.example/en');
  });
});
