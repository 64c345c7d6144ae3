import { describe, expect, it } from 'vitest';
import type { User } from '../../src/directory/user.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { stepsLater, totpCode } from '../helpers/mfa.js';
import { freshIp, refusal, useServicesHarness } from '../helpers/services-harness.js';

const DAY = 86_400_000;

/** Authenticator apps (src/mfa/totp.ts) through MfaService: enrolment, codes, replay, abandoned enrolments. */
describe.each(testDatabases())('authenticator apps on %s', (kind) => {
  const h = useServicesHarness(kind);
  const proof = () => ({ amr: 'pwd', authenticatedAt: h.clock.now(), mfaAt: null });
  const verify = (user: User, code: string) =>
    h.s.mfa.verifyTotp(user.id, code, freshIp()).then(
      () => 'ok',
      (e: { code?: string }) => e.code,
    );

  async function withApp(): Promise<{ user: User; secret: string }> {
    const user = await h.member(await h.tenant('Totp'), 'totp');
    const { methodId, secret } = await h.s.mfa.enrolTotp(user, proof());
    await h.s.mfa.confirmTotp(user, proof(), { methodId, code: totpCode(secret, h.clock.now()), ip: freshIp(), label: 'Phone' });
    return { user, secret };
  }

  it('shows an enrolment as an otpauth URI and an SVG QR code, the same secret again after a mistyped code', async () => {
    const user = await h.member(await h.tenant('Enrol'), 'enrol');
    const enrolment = await h.s.mfa.enrolTotp(user, proof());
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const again = await h.s.mfa.pendingTotp(user, proof(), enrolment.methodId);
    expect(again).toEqual({ ...enrolment, qrSvg: expect.stringMatching(/^<svg/) });
    expect(again.qrSvg).toBe(enrolment.qrSvg);
  });

  it('accepts a code with spaces, refuses one not of six digits, and a wrong code at any step', async () => {
    const { user, secret } = await withApp();
    const next = totpCode(secret, stepsLater(h.clock.now(), 1));
    expect(await verify(user, 'abcdef')).toBe('MFA_CODE_INVALID');
    h.advance(5 * 30_000);
    expect(await verify(user, '000000')).toBe('MFA_CODE_INVALID');
    const now = totpCode(secret, h.clock.now());
    expect(await verify(user, ` ${now.slice(0, 3)} ${now.slice(3)} `)).toBe('ok');
    expect(next).not.toBe(now);
  });

  it('takes each step once, and a later step after it however far the clock moved', async () => {
    const { user, secret } = await withApp();
    h.advance(30_000);
    const code = totpCode(secret, h.clock.now());
    expect(await verify(user, code)).toBe('ok');
    expect(await verify(user, code)).toBe('MFA_CODE_INVALID');
    h.advance(10 * 30_000);
    expect(await verify(user, totpCode(secret, h.clock.now()))).toBe('ok');
  });

  it('takes a code of any of the account’s apps, and of no other account’s', async () => {
    const { user, secret } = await withApp();
    const other = await withApp();
    const { methodId, secret: second } = await h.s.mfa.enrolTotp(user, { ...proof(), amr: 'pwd otp mfa', mfaAt: h.clock.now() });
    await h.s.mfa.confirmTotp(
      user,
      { ...proof(), amr: 'pwd otp mfa', mfaAt: h.clock.now() },
      {
        methodId,
        code: totpCode(second, h.clock.now()),
        ip: freshIp(),
        label: 'Tablet',
      },
    );
    h.advance(30_000);
    expect(await verify(other.user, totpCode(secret, h.clock.now()))).toBe('MFA_CODE_INVALID');
    expect(await verify(user, totpCode(secret, h.clock.now()))).toBe('ok');
    h.advance(30_000);
    expect(await verify(user, totpCode(second, h.clock.now()))).toBe('ok');
  });

  it('sweeps enrolments left unconfirmed for a day, keeping younger ones and every confirmed method', async () => {
    const { user: confirmed } = await withApp();
    const user = await h.member(await h.tenant('Sweep'), 'sweep');
    const enrolment = await h.s.mfa.enrolTotp(user, proof());
    h.advance(DAY - 60_000);
    await h.s.mfa.sweep();
    expect((await h.s.mfa.pendingTotp(user, proof(), enrolment.methodId)).methodId).toBe(enrolment.methodId);
    h.advance(60_001);
    await h.s.mfa.sweep();
    expect((await h.s.mfa.pendingTotp(user, proof(), enrolment.methodId)).methodId).not.toBe(enrolment.methodId);
    expect(await h.s.mfa.hasMethods(confirmed.id)).toBe(true);
    expect(
      await refusal(h.s.mfa.confirmTotp(user, proof(), { methodId: enrolment.methodId, code: '000000', ip: freshIp(), label: '' })),
    ).toMatchObject({ code: 'NOT_FOUND', details: { entity: 'Sign-in method' } });
  });
});
