import { describe, expect, it } from 'vitest';
import type { User } from '../../src/directory/user.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { totpCode } from '../helpers/mfa.js';
import { freshIp, refusal, useServicesHarness } from '../helpers/services-harness.js';

/** An administrator's reset of a member's second factors (MfaResetService). */
describe.each(testDatabases())('an administrator resets MFA on %s', (kind) => {
  const h = useServicesHarness(kind);
  const proof = () => ({ amr: 'pwd', authenticatedAt: h.clock.now(), mfaAt: null });

  async function withApp(user: User): Promise<void> {
    const { methodId, secret } = await h.s.mfa.enrolTotp(user, proof());
    await h.s.mfa.confirmTotp(user, proof(), { methodId, code: totpCode(secret, h.clock.now()), ip: freshIp(), label: 'Phone' });
  }

  it('removes every method and recovery code of the member only, audited with the count', async () => {
    const tenant = await h.tenant('Reset');
    const member = await h.member(tenant, 'reset');
    const other = await h.member(tenant, 'other');
    await withApp(member);
    await withApp(other);
    await h.s.mfa.enrolTotp(member, { ...proof(), amr: 'pwd otp mfa', mfaAt: h.clock.now() });
    const actor = h.admin(tenant.id);
    expect((await h.s.mfaReset.resetUserMfa(actor, member.id)).id).toBe(member.id);
    expect([await h.s.mfa.hasMethods(member.id), await h.s.mfa.remainingRecoveryCodes(member.id)]).toEqual([false, 0]);
    expect([await h.s.mfa.hasMethods(other.id), await h.s.mfa.remainingRecoveryCodes(other.id)]).toEqual([true, 10]);
    const audits = await h.audits(tenant.id, 'Admin reset multi-factor authentication');
    expect(audits.map((a) => [a.targetType, a.targetId, a.details])).toEqual([['User', member.id, { methodsRemoved: 1 }]]);
  });

  it('refuses a guest (its home organization resets it) and an administrator without the right', async () => {
    const tenant = await h.tenant('Reset host');
    const home = await h.member(await h.tenant('Reset home'), 'home');
    await withApp(home);
    const guest = await h.guestOf(tenant, home);
    expect(await refusal(h.s.mfaReset.resetUserMfa(h.admin(tenant.id), guest.id))).toEqual({
      code: 'MFA_HOME_ACCOUNT_ELSEWHERE',
      message: 'A guest’s sign-in methods belong to their home account; its own organization resets them.',
    });
    expect((await refusal(h.s.mfaReset.resetUserMfa(h.admin(tenant.id, []), guest.id))).code).toBe('FORBIDDEN');
    expect(await h.s.mfa.hasMethods(home.id)).toBe(true);
  });
});
