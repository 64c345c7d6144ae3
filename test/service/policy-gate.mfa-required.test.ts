import { describe, expect, it } from 'vitest';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { useServicesHarness } from '../helpers/services-harness.js';

/**
 * PolicyGate.mfaRequiredForPerson (the mfa module's MfaRequirement: while true, a person's last method
 * cannot be removed): any tenant where the person has an account, its own as a member or another as a
 * guest, whose policy requires MFA of that account; no other person's accounts count.
 */
describe.each(testDatabases())('the policy gate: MFA required of a person on %s', (kind) => {
  const h = useServicesHarness(kind);
  const required = (homeUserId: string) => h.s.policyGate.mfaRequiredForPerson(homeUserId);

  it('asks every tenant where the person has an account, by the rule for that account', async () => {
    const home = await h.tenant('Home');
    const host = await h.tenant('Host');
    const homeActor = h.admin(home.id);
    const hostActor = h.admin(host.id);
    await h.s.policies.update(homeActor, { mfaForAdmins: false, mfaForMembers: false, mfaForGuests: true });
    await h.s.policies.update(hostActor, { mfaForAdmins: false, mfaForMembers: true, mfaForGuests: false });
    const person = await h.member(home, 'person');
    const guest = await h.guestOf(host, person);
    // Its home tenant requires MFA of guests only, the host of members only: neither applies.
    expect(await required(person.id)).toBe(false);

    await h.s.policies.update(hostActor, { mfaForGuests: true });
    expect(await required(person.id)).toBe(true);
    await h.s.policies.update(hostActor, { mfaForGuests: false });
    await h.s.policies.update(homeActor, { mfaForMembers: true });
    expect(await required(person.id)).toBe(true);
    await h.s.policies.update(homeActor, { mfaForMembers: false });

    // Another person's guest account in a tenant requiring guests' MFA does not make this one's required.
    const other = await h.member(home, 'other');
    const otherHost = await h.tenant('Other host');
    await h.s.policies.update(h.admin(otherHost.id), { mfaForAdmins: false, mfaForGuests: true });
    await h.guestOf(otherHost, other);
    expect([await required(other.id), await required(person.id)]).toEqual([true, false]);
    expect(guest.homeUserId).toBe(person.id);
  });

  it('counts a directory role only under the administrators’ rule, in the tenant where it is held', async () => {
    const home = await h.tenant('Admins home');
    const host = await h.tenant('Admins host');
    const hostActor = h.admin(host.id);
    await h.s.policies.update(h.admin(home.id), { mfaForAdmins: false, mfaForMembers: false, mfaForGuests: false });
    await h.s.policies.update(hostActor, { mfaForAdmins: true, mfaForMembers: false, mfaForGuests: false });
    const person = await h.member(home, 'admin');
    const guest = await h.guestOf(host, person);
    expect(await required(person.id)).toBe(false);
    await h.s.roles.assign(hostActor, PrincipalKind.User, guest.id, DirectoryRole.UserAdministrator);
    expect(await required(person.id)).toBe(true);
    await h.s.policies.update(hostActor, { mfaForAdmins: false });
    expect(await required(person.id)).toBe(false);
  });
});
