import { beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/directory/user.entity.js';
import { type MfaService, RECENT_PROOF_MS } from '../../src/mfa/mfa.service.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { memberWithPassword, stepsLater, totpCode } from '../helpers/mfa.js';
import { TestClock } from '../helpers/test-clock.js';

/** The TOTP and recovery-code rules at the service: budgets per account and per IP, one winner per code. */
describe.each(testDatabases())('MfaService (%s)', (kind) => {
  const clock = new TestClock();
  const suite = useGatewaySuite(kind, { clock, tenants: [{ domains: [`svc-${kind}.example`] }] });
  let mfa: MfaService;
  let tenant: TenantFixture;
  let n = 0;
  let ip = 0;
  beforeAll(() => {
    mfa = suite.t.gateway.services.mfa;
    tenant = suite.tenants[0]!;
  });
  const freshIp = () => `198.51.100.${++ip}`;
  const member = () => memberWithPassword(suite.t, tenant, `svc${++n}@svc-${kind}.example`);
  /** A member with a confirmed authenticator app (enrolled at the clock's now); its key. */
  async function withApp(): Promise<{ user: User; secret: string }> {
    const user = await member();
    const enrolment = await mfa.enrolTotp(user, signedIn());
    await mfa.confirmTotp(user, signedIn(), {
      methodId: enrolment.methodId,
      code: totpCode(enrolment.secret, clock.now()),
      ip: freshIp(),
      label: 'Phone',
    });
    return { user, secret: enrolment.secret };
  }
  /** A browser that proved a password just now; one that also completed a second factor just now. */
  const signedIn = () => ({ amr: 'pwd', authenticatedAt: clock.now(), mfaAt: null });
  const steppedUp = () => ({ amr: 'pwd otp mfa', authenticatedAt: clock.now(), mfaAt: clock.now() });
  const codeOf = (error: unknown) => (error as { code?: string }).code;
  const attempt = (userId: string, code: string, from: string) => mfa.verifyTotp(userId, code, from).then(() => 'ok', codeOf);

  it('changing methods needs a first factor of the last ten minutes while the account has none', async () => {
    const user = await member();
    const proof = signedIn();
    clock.advance(RECENT_PROOF_MS - 5000);
    await expect(mfa.enrolTotp(user, proof)).resolves.toMatchObject({ methodId: expect.any(String) });
    clock.advance(6000);
    // A session cookie taken later cannot add its own authenticator app: the password first.
    await expect(mfa.enrolTotp(user, proof)).rejects.toMatchObject({ code: 'REAUTHENTICATION_REQUIRED' });
    expect(await mfa.proofOwed(user, proof)).toBe('signIn');
    expect(await mfa.proofOwed(user, signedIn())).toBeNull();
  });

  it("changing methods of an account holding one needs the gateway's own second factor of the last ten minutes", async () => {
    const { user } = await withApp();
    // A password alone, or a partner's mfa, is not a second factor here.
    expect(await mfa.proofOwed(user, signedIn())).toBe('mfa');
    expect(await mfa.proofOwed(user, { amr: 'fed mfa', authenticatedAt: clock.now(), mfaAt: clock.now() })).toBe('mfa');
    const proof = steppedUp();
    expect(await mfa.proofOwed(user, proof)).toBeNull();
    clock.advance(RECENT_PROOF_MS + 1000);
    await expect(mfa.regenerateRecoveryCodes(user, proof)).rejects.toMatchObject({ code: 'MFA_REQUIRED' });
    await expect(mfa.enrolTotp(user, proof)).rejects.toMatchObject({ code: 'MFA_REQUIRED' });
    await expect(mfa.regenerateRecoveryCodes(user, steppedUp())).resolves.toHaveLength(10);
  });

  it('an unconfirmed enrolment never counts', async () => {
    const user = await member();
    await mfa.enrolTotp(user, signedIn());
    expect(await mfa.hasMethods(user.id)).toBe(false);
    expect(await mfa.list(user.id)).toEqual([]);
  });

  it('of two sign-ins racing with the same code, one wins', async () => {
    const { user, secret } = await withApp();
    const code = totpCode(secret, stepsLater(clock.now(), 1));
    const results = await Promise.all([attempt(user.id, code, freshIp()), attempt(user.id, code, freshIp())]);
    expect(results.sort()).toEqual(['MFA_CODE_INVALID', 'ok']);
  });

  it('five wrong codes from one address stop that address only; the owner elsewhere still signs in', async () => {
    const { user, secret } = await withApp();
    const stranger = freshIp();
    for (let i = 0; i < 5; i++) expect(await attempt(user.id, '000000', stranger)).toBe('MFA_CODE_INVALID');
    const right = totpCode(secret, stepsLater(clock.now(), 1));
    expect(await attempt(user.id, right, stranger)).toBe('TOO_MANY_ATTEMPTS');
    expect(await attempt(user.id, right, freshIp())).toBe('ok');
  });

  it('twenty wrong codes over many addresses stop the account for its window', async () => {
    const { user, secret } = await withApp();
    for (let i = 0; i < 4; i++) {
      const from = freshIp();
      for (let j = 0; j < 5; j++) expect(await attempt(user.id, '000000', from)).toBe('MFA_CODE_INVALID');
    }
    expect(await attempt(user.id, totpCode(secret, stepsLater(clock.now(), 1)), freshIp())).toBe('TOO_MANY_ATTEMPTS');
    await expect(mfa.useRecoveryCode(user.id, 'aaaa-bbbb', freshIp())).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
  });

  it('fifty attempts from one address, over many accounts, stop that address', async () => {
    const from = freshIp();
    for (let i = 0; i < 10; i++) {
      const user = await member();
      for (let j = 0; j < 5; j++) expect(await attempt(user.id, '000000', from)).toBe('MFA_CODE_INVALID');
    }
    const { user, secret } = await withApp();
    expect(await attempt(user.id, totpCode(secret, stepsLater(clock.now(), 1)), from)).toBe('TOO_MANY_ATTEMPTS');
  });

  it('a recovery code works once, whatever its case or spacing; a code of another account never', async () => {
    const { user } = await withApp();
    const other = await withApp();
    const codes = await mfa.regenerateRecoveryCodes(user, steppedUp());
    await expect(mfa.useRecoveryCode(other.user.id, codes[0]!, freshIp())).rejects.toMatchObject({ code: 'MFA_CODE_INVALID' });
    await expect(mfa.useRecoveryCode(user.id, ` ${codes[0]!.toUpperCase().replace('-', ' ')} `, freshIp())).resolves.toBeUndefined();
    await expect(mfa.useRecoveryCode(user.id, codes[0]!, freshIp())).rejects.toMatchObject({ code: 'MFA_CODE_INVALID' });
    expect(await mfa.remainingRecoveryCodes(user.id)).toBe(9);
  });
});
