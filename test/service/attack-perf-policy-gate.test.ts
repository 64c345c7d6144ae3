import { describe, expect, it } from 'vitest';
import type { User } from '../../src/directory/user.entity.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import type { TokenSignInFacts } from '../../src/policies/policy-decision.js';
import { testDatabases } from '../helpers/databases.js';
import { totpCode } from '../helpers/mfa.js';
import { useServicesHarness } from '../helpers/services-harness.js';

/**
 * The policy gate now reads an account's directory roles only under mfaForAdmins, and its second
 * factors only once an MFA step is owed. Every combination must still ask what it asked before: an
 * administrator MFA when the rule is on (to enrol without a method, the factor with one), nothing when
 * off; a plain member nothing under the administrators' rule; a guest by its home account's methods.
 */
describe.each(testDatabases())('attack: the policy gate read lazily on %s', (kind) => {
  const h = useServicesHarness(kind);
  const token = (): TokenSignInFacts => ({ kind: 'token', authenticatedAt: h.clock.now(), acr: null, sessionStartedAt: null });

  async function withTotp(person: User): Promise<void> {
    const proof = { amr: 'pwd', authenticatedAt: h.clock.now(), mfaAt: null };
    const { methodId, secret } = await h.s.mfa.enrolTotp(person, proof);
    await h.s.mfa.confirmTotp(person, proof, { methodId, code: totpCode(secret, h.clock.now()), ip: '10.9.9.9', label: 'Phone' });
    expect(await h.s.mfa.hasMethods(person.id)).toBe(true);
  }

  it('asks an administrator for MFA only under mfaForAdmins, a member never, a guest by its home methods', async () => {
    const tenant = await h.tenant('Gate');
    const actor = h.admin(tenant.id);
    const admin = await h.member(tenant, 'admin');
    await h.s.roles.assign(actor, PrincipalKind.User, admin.id, DirectoryRole.UserAdministrator);
    const plain = await h.member(tenant, 'plain');
    const home = await h.member(await h.tenant('Home'), 'home');
    const guest = await h.guestOf(tenant, home);
    const step = async (person: User, mfaRequested = false) => (await h.s.policyGate.decide(person, token(), mfaRequested)).step;

    await h.s.policies.update(actor, { mfaForAdmins: true, mfaForMembers: false, mfaForGuests: false });
    expect([await step(admin), await step(plain), await step(guest)]).toEqual(['enrolMfa', 'ok', 'ok']);
    await withTotp(admin);
    expect(await step(admin)).toBe('mfa');
    expect([await step(plain, true), await step(guest, true)]).toEqual(['enrolMfa', 'enrolMfa']);

    await h.s.policies.update(actor, { mfaForAdmins: false });
    expect([await step(admin), await step(plain)]).toEqual(['ok', 'ok']);
    expect(await step(admin, true)).toBe('mfa');

    await h.s.policies.update(actor, { mfaForGuests: true });
    expect(await step(guest)).toBe('enrolMfa');
    await withTotp(home);
    expect(await step(guest)).toBe('mfa');
  });
});
