import { describe, expect, it } from 'vitest';
import type { User } from '../../src/directory/user.entity.js';
import { RecoveryCode } from '../../src/mfa/mfa-method.entity.js';
import { RECENT_PROOF_MS } from '../../src/mfa/mfa.service.js';
import { testDatabases } from '../helpers/databases.js';
import { totpCode } from '../helpers/mfa.js';
import { freshIp, refusal, useServicesHarness } from '../helpers/services-harness.js';

const methodNotFound = { code: 'NOT_FOUND', details: { entity: 'Sign-in method' } };

/** Managing one's second factors (MfaService): names, removal under a policy, recovery codes, audit. */
describe.each(testDatabases())('managing sign-in methods on %s', (kind) => {
  const h = useServicesHarness(kind);
  const signedIn = () => ({ amr: 'pwd', authenticatedAt: h.clock.now(), mfaAt: null });
  const steppedUp = () => ({ amr: 'pwd otp mfa', authenticatedAt: h.clock.now(), mfaAt: h.clock.now() });

  async function addApp(user: User, label: string) {
    const proof = (await h.s.mfa.hasMethods(user.id)) ? steppedUp() : signedIn();
    const { methodId, secret } = await h.s.mfa.enrolTotp(user, proof);
    h.advance(30_000);
    const { recoveryCodes } = await h.s.mfa.confirmTotp(user, proof, {
      methodId,
      code: totpCode(secret, h.clock.now()),
      ip: freshIp(),
      label,
    });
    return { methodId, recoveryCodes };
  }
  async function person(policy: { mfaForMembers: boolean }) {
    const tenant = await h.tenant('Methods');
    await h.s.policies.update(h.admin(tenant.id), { mfaForAdmins: false, ...policy });
    return { tenant, user: await h.member(tenant, 'methods') };
  }

  it('names methods as given (trimmed, at most 64 characters) or by kind; the first brings the recovery codes', async () => {
    const { tenant, user } = await person({ mfaForMembers: false });
    const first = await addApp(user, '  Phone  ');
    const second = await addApp(user, '   ');
    const third = await addApp(user, 'x'.repeat(70));
    expect(first.recoveryCodes).toHaveLength(10);
    expect([second.recoveryCodes, third.recoveryCodes]).toEqual([null, null]);
    expect((await h.s.mfa.list(user.id)).map((m) => [m.id, m.kind, m.label])).toEqual([
      [first.methodId, 'totp', 'Phone'],
      [second.methodId, 'totp', 'Authenticator app'],
      [third.methodId, 'totp', 'x'.repeat(64)],
    ]);
    expect((await h.audits(tenant.id, 'User registered security info')).map((a) => a.details)).toEqual([
      { kind: 'totp', label: 'Phone' },
      { kind: 'totp', label: 'Authenticator app' },
      { kind: 'totp', label: 'x'.repeat(64) },
    ]);

    await h.s.mfa.rename(user, steppedUp(), second.methodId, `  ${'y'.repeat(70)} `);
    expect((await h.s.mfa.list(user.id))[1]!.label).toBe('y'.repeat(64));
    expect(await refusal(h.s.mfa.rename(user, steppedUp(), second.methodId, '  '))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Enter a name.',
      details: { field: 'label' },
    });
    expect(await refusal(h.s.mfa.rename(user, signedIn(), second.methodId, 'Tablet'))).toEqual({
      code: 'MFA_REQUIRED',
      message: 'Confirm it is you with your second factor first.',
    });
    const { user: other } = await person({ mfaForMembers: false });
    expect(await refusal(h.s.mfa.rename(other, signedIn(), second.methodId, 'Mine'))).toMatchObject(methodNotFound);
    expect((await h.audits(tenant.id, 'User changed security info')).map((a) => a.details)).toEqual([
      { kind: 'totp', label: 'y'.repeat(64) },
    ]);
  });

  it('keeps the last method while a policy requires MFA; removing the last otherwise takes the recovery codes too', async () => {
    const { tenant, user } = await person({ mfaForMembers: true });
    const first = await addApp(user, 'Phone');
    expect(await refusal(h.s.mfa.remove(user, steppedUp(), first.methodId))).toEqual({
      code: 'MFA_LAST_METHOD',
      message: 'Your organization requires a second factor: add another method before you remove this one.',
    });
    const second = await addApp(user, 'Tablet');
    expect((await refusal(h.s.mfa.remove(user, signedIn(), first.methodId))).code).toBe('MFA_REQUIRED');
    await h.s.mfa.remove(user, steppedUp(), first.methodId);
    expect((await h.s.mfa.list(user.id)).map((m) => m.id)).toEqual([second.methodId]);
    expect(await h.s.mfa.remainingRecoveryCodes(user.id)).toBe(10);
    expect(await refusal(h.s.mfa.remove(user, steppedUp(), first.methodId))).toMatchObject(methodNotFound);

    await h.s.policies.update(h.admin(tenant.id), { mfaForMembers: false });
    await h.s.mfa.remove(user, steppedUp(), second.methodId);
    expect([await h.s.mfa.hasMethods(user.id), await h.s.mfa.remainingRecoveryCodes(user.id)]).toEqual([false, 0]);
    const [removal] = await h.audits(tenant.id, 'User deleted security info');
    expect(removal).toMatchObject({ actorKind: 'user', actorId: user.id, targetType: 'User', targetId: user.id });
    expect((await h.audits(tenant.id, 'User deleted security info')).map((a) => a.details)).toEqual([
      { kind: 'totp', label: 'Phone' },
      { kind: 'totp', label: 'Tablet' },
    ]);
    expect(await refusal(h.s.mfa.regenerateRecoveryCodes(user, signedIn()))).toEqual({
      code: 'CONFLICT',
      message: 'Add a sign-in method first.',
    });
  });

  it('takes a proof exactly ten minutes old; audits a used recovery code with the number left', async () => {
    const { tenant, user } = await person({ mfaForMembers: false });
    const { recoveryCodes } = await addApp(user, 'Phone');
    const proof = steppedUp();
    h.advance(RECENT_PROOF_MS);
    expect(await h.s.mfa.proofOwed(user, proof)).toBeNull();
    // No time known: nothing proven.
    expect(await h.s.mfa.proofOwed(user, { ...proof, mfaAt: null })).toBe('mfa');
    const { user: without } = await person({ mfaForMembers: false });
    expect(await h.s.mfa.proofOwed(without, { amr: null, authenticatedAt: null, mfaAt: null })).toBe('signIn');
    expect(await refusal(h.s.mfa.enrolTotp(without, { amr: 'pwd', authenticatedAt: null, mfaAt: null }))).toEqual({
      code: 'REAUTHENTICATION_REQUIRED',
      message: 'Sign in again to change your sign-in methods.',
    });
    h.advance(1);
    expect(await h.s.mfa.proofOwed(user, proof)).toBe('mfa');
    // Only an HMAC of each code is stored.
    const stored = await h.db.manager.findBy(RecoveryCode, { userId: user.id });
    expect(stored.map((row) => row.codeHash)).toEqual(Array.from({ length: 10 }, () => expect.stringMatching(/^[0-9a-f]{64}$/)));
    expect((await refusal(h.s.mfa.useRecoveryCode(user.id, recoveryCodes![3]!.slice(0, 8), freshIp()))).code).toBe('MFA_CODE_INVALID');
    await h.s.mfa.useRecoveryCode(user.id, recoveryCodes![3]!, freshIp());
    expect((await h.audits(tenant.id, 'User signed in with a recovery code')).map((a) => a.details)).toEqual([{ remaining: 9 }]);
    const codes = await h.s.mfa.regenerateRecoveryCodes(user, steppedUp());
    expect(codes).toHaveLength(10);
    expect(await h.audits(tenant.id, 'User regenerated recovery codes')).toHaveLength(1);
    expect(await refusal(h.s.mfa.useRecoveryCode(user.id, recoveryCodes![4]!, freshIp()))).toEqual({
      code: 'MFA_CODE_INVALID',
      message: 'That code is not right, or it was used already. Try the next one.',
    });
  });
});
