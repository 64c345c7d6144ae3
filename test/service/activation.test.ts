import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ACTIVATION_RESEND_AFTER_MS, ACTIVATION_TTL_MS, type ActivationService } from '../../src/accounts/activation.service.js';
import { MemberActivation } from '../../src/accounts/member-activation.entity.js';
import { PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import type { Tenant } from '../../src/directory/tenant.entity.js';
import { User, UserType } from '../../src/directory/user.entity.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { deriveKey } from '../../src/shared/secrets.js';
import { PasswordHasher } from '../../src/accounts/password.js';
import { testDatabases } from '../helpers/databases.js';
import { freshIp, GATEWAY_SECRET, PASSWORD, refusal, unique, useServicesHarness } from '../helpers/services-harness.js';

const INVALID = {
  code: ErrorCode.ACTIVATION_LINK_INVALID,
  message: 'This activation link does not work any more: it was used already, replaced by a newer one, or it expired.',
};

/** Activation links of members (ActivationService): single use, 7 days, one live link, budgets, the "new link" request. */
describe.each(testDatabases())('ActivationService on %s', (kind) => {
  const h = useServicesHarness(kind);
  const { tenant, admin, member, mails, mailsOnceThere, settle, audits, advance, left } = h;
  let activation: ActivationService;
  beforeAll(() => {
    activation = h.s.activation;
  });
  const stored = (id: string) => h.db.manager.findOneByOrFail(User, { id });
  const tokenOf = (url: string) => decodeURIComponent(new URL(url).searchParams.get('token')!);

  /** A member waiting for activation, with the token of its link. */
  async function pending(t?: Tenant, fields: { email?: string } = {}) {
    const home = t ?? (await tenant('Contoso'));
    const email = fields.email ?? `m${unique()}@${home.defaultDomain}`;
    const { user, activationUrl } = await h.s.members.createUser(admin(home.id), { email, displayName: 'Mia Member' });
    return { t: home, user, token: tokenOf(activationUrl) };
  }

  describe('issue and open', () => {
    it('a link opens its member and tenant until 7 days after it was issued, not at that instant', async () => {
      const { t, user, token } = await pending();
      const [row] = await h.db.manager.findBy(MemberActivation, { userId: user.id });
      expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(ACTIVATION_TTL_MS);
      expect(row!.tokenHash).not.toContain(token);
      expect(row!.tenantId).toBe(t.id);
      const opened = await activation.open(token);
      expect(opened.user.id).toBe(user.id);
      expect(opened.tenant).toMatchObject({ id: t.id, name: 'Contoso' });
      advance(ACTIVATION_TTL_MS - 1);
      await activation.open(token);
      advance(1);
      expect(await refusal(activation.open(token))).toEqual(INVALID);
      expect((await mails(user.mail))[0]!.text).toContain('The link works once and expires on');
    });

    it('refuses an empty, an overlong, an unknown and a replaced token', async () => {
      // Another tenant first: a link opens its own member's tenant, not any tenant.
      await tenant('Decoy');
      const { t, user, token } = await pending();
      expect(await refusal(activation.open(''))).toEqual(INVALID);
      expect(await refusal(activation.open(`${token}${'x'.repeat(101 - token.length)}`))).toEqual(INVALID);
      expect(await refusal(activation.open(`${token}x`))).toEqual(INVALID);
      // The longest token accepted is 100 characters: the row found by a 100-character token opens.
      const long = 'a'.repeat(100);
      await h.db.manager.update(MemberActivation, { userId: user.id }, { tokenHash: hashOf(long) });
      expect(await activation.open(long)).toMatchObject({ user: { id: user.id }, tenant: { id: t.id } });
      await h.db.transaction((em) => activation.issue(em, user, t, 'activate'));
      expect(await refusal(activation.open(long))).toEqual(INVALID);
      expect(await h.db.manager.countBy(MemberActivation, { userId: user.id })).toBe(1);
    });

    it('does not open for a disabled member (again once re-enabled), an activated one, or a guest', async () => {
      const { user, token } = await pending();
      await h.db.manager.update(User, { id: user.id }, { accountEnabled: false });
      expect(await refusal(activation.open(token))).toEqual(INVALID);
      await h.db.manager.update(User, { id: user.id }, { accountEnabled: true });
      await activation.open(token);
      await h.db.manager.update(User, { id: user.id }, { activationPending: false });
      expect(await refusal(activation.open(token))).toEqual(INVALID);
      await h.db.manager.update(User, { id: user.id }, { activationPending: true, userType: UserType.Guest });
      expect(await refusal(activation.open(token))).toEqual(INVALID);
    });

    it('a link of one tenant’s row does not open another tenant’s user of that id', async () => {
      const { user, token } = await pending();
      const other = await tenant();
      await h.db.manager.update(MemberActivation, { userId: user.id }, { tenantId: other.id });
      expect(await refusal(activation.open(token))).toEqual(INVALID);
    });

    it('mails in the member’s language, English when it has none or an unknown one', async () => {
      const t = await tenant('Contoso');
      const email = `l${unique()}@${t.defaultDomain}`;
      const { user } = await h.s.members.createUser(admin(t.id), { email, displayName: 'L', preferredLanguage: 'fr' });
      expect((await mails(email))[0]!.subject).not.toBe('Activate your Contoso account');
      await h.db.transaction((em) => activation.issue(em, { ...user, preferredLanguage: 'xx' } as User, t, 'activate'));
      expect((await mails(email))[1]!.subject).toBe('Activate your Contoso account');
    });
  });

  describe('requireResendAllowed', () => {
    it('counts from the live link: the whole minute, rounded up to seconds', async () => {
      const { user } = await pending();
      const check = () => h.db.transaction((em) => activation.requireResendAllowed(em, user.id));
      expect((await refusal(check())).details).toEqual({ retryAfterSeconds: 60 });
      advance(500);
      expect((await refusal(check())).details).toEqual({ retryAfterSeconds: 60 });
      advance(ACTIVATION_RESEND_AFTER_MS - 1501);
      expect(await refusal(check())).toEqual({
        code: ErrorCode.TOO_MANY_ATTEMPTS,
        message: 'A link was mailed to this user a moment ago; try again in 2 seconds',
        details: { retryAfterSeconds: 2 },
      });
      advance(1001);
      await check();
      // Without any link, nothing to wait for.
      await h.db.manager.delete(MemberActivation, { userId: user.id });
      advance(-ACTIVATION_RESEND_AFTER_MS);
      await check();
    });
  });

  describe('activate', () => {
    it('sets the password, proves the address, ends the pending state, spends the link and audits as the member', async () => {
      const { t, user, token } = await pending();
      const done = await activation.activate(token, PASSWORD, freshIp());
      expect(done).toMatchObject({ id: user.id, emailVerified: true, activationPending: false });
      expect(await stored(user.id)).toMatchObject({ emailVerified: true, activationPending: false, updatedAt: h.clock.now() });
      expect((await h.s.accounts.signIn(user.mail, PASSWORD, freshIp())).id).toBe(user.id);
      expect(await h.db.manager.countBy(MemberActivation, { userId: user.id })).toBe(0);
      expect(await refusal(activation.activate(token, PASSWORD, freshIp()))).toEqual(INVALID);
      expect(await audits(t.id, AuditAction.ActivateUser)).toMatchObject([
        { actorKind: PrincipalKind.User, actorId: user.id, actorDisplayName: 'Mia Member', targetType: 'User', targetId: user.id },
      ]);
    });

    it('refuses a weak password (naming the address too) without spending the link', async () => {
      const t = await tenant();
      const { user, token } = await pending(t, { email: `juniper${unique()}@${t.defaultDomain}` });
      expect(await refusal(activation.activate(token, 'short', freshIp()))).toEqual({
        code: ErrorCode.WEAK_PASSWORD,
        message: 'Choose a stronger password: use at least 10 characters',
      });
      const local = user.mail.split('@')[0]!;
      expect((await refusal(activation.activate(token, `${local}-Lantern`, freshIp()))).message).toBe(
        `Choose a stronger password: do not include "${local}" from your email address`,
      );
      await activation.activate(token, PASSWORD, freshIp());
    });

    it('spends the IP’s budget of 30 checks first, even for a dead link', async () => {
      const ip = freshIp();
      expect(await refusal(activation.activate('dead', PASSWORD, ip))).toEqual(INVALID);
      expect(await left('activationCheckPerIp', ip)).toBe(29);
      const { token } = await pending();
      expect((await refusal(activation.activate(token, PASSWORD, ip))).code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
      await activation.open(token);
    });

    it('two submissions of one link: exactly one sets the password', async () => {
      const { user, token } = await pending();
      const results = await Promise.allSettled([
        activation.activate(token, PASSWORD, freshIp()),
        activation.activate(token, 'Other-Lantern-Orbit-8', freshIp()),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [refused] = results.filter((r) => r.status === 'rejected');
      expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: ErrorCode.ACTIVATION_LINK_INVALID });
      const winner = results[0]!.status === 'fulfilled' ? PASSWORD : 'Other-Lantern-Orbit-8';
      await h.s.accounts.signIn(user.mail, winner, freshIp());
    });

    it('a link that expires while the password is hashed is refused', async () => {
      const { user, token } = await pending();
      // The link lives 1 ms more when it is opened; the clock passes its end while the password is hashed.
      await h.db.manager.update(MemberActivation, { userId: user.id }, { expiresAt: new Date(h.clock.now().getTime() + 1) });
      const hash = PasswordHasher.prototype.hashForSignUp;
      const spy = vi.spyOn(PasswordHasher.prototype, 'hashForSignUp').mockImplementation(async function (this: PasswordHasher, ...args) {
        const result = await hash.apply(this, args);
        advance(1);
        return result;
      });
      try {
        expect(await refusal(activation.activate(token, PASSWORD, freshIp()))).toEqual(INVALID);
      } finally {
        spy.mockRestore();
      }
      expect((await stored(user.id)).activationPending).toBe(true);
    });
  });

  describe('requestNew', () => {
    it('mails a new link to every enabled member waiting at the address, after the answer', async () => {
      const email = `w${unique()}@shared${unique()}.example`;
      const a = await tenant('Alpha');
      const b = await tenant('Beta');
      const first = await h.s.users.createMember(a.id, { displayName: 'W', mail: email });
      await h.db.manager.update(User, { id: first.id }, { activationPending: true });
      const second = await h.s.users.createMember(b.id, { displayName: 'W', mail: email });
      // Proven address: the mail says "reset".
      await h.db.manager.update(User, { id: second.id }, { activationPending: true, emailVerified: true });
      await activation.requestNew(`  ${email.toUpperCase()} `, freshIp());
      const sent = await mailsOnceThere(email, 2);
      const texts = sent.map((m) => m.text).sort();
      expect(texts.some((x) => x.includes('Alpha created an account for you'))).toBe(true);
      expect(texts.some((x) => x.includes('An administrator of Beta reset the password'))).toBe(true);
      expect(await h.db.manager.countBy(MemberActivation, { userId: first.id })).toBe(1);
    });

    it('mails nothing to a disabled, an activated or a guest user, and says nothing either way', async () => {
      const t = await tenant();
      const disabled = await member(t, 'dis', null);
      await h.db.manager.update(User, { id: disabled.id }, { activationPending: true, accountEnabled: false });
      const active = await member(t, 'act');
      const guest = await member(t, 'gst', null);
      await h.db.manager.update(User, { id: guest.id }, { activationPending: true, userType: UserType.Guest });
      for (const user of [disabled, active, guest]) expect(await activation.requestNew(user.mail, freshIp())).toBeUndefined();
      await settle();
      for (const user of [disabled, active, guest]) expect(await mails(user.mail)).toHaveLength(0);
      // A member with a password still pending (an operator set one, the address never proven) gets the reset text.
      const reset = await member(t, 'rst');
      await h.db.manager.update(User, { id: reset.id }, { activationPending: true, emailVerified: false });
      await activation.requestNew(reset.mail, freshIp());
      expect((await mailsOnceThere(reset.mail, 1))[0]!.text).toContain('reset the password');
    });

    it('spends the IP (10), address-and-IP (3) and address (12) budgets, in that order', async () => {
      const ip = freshIp();
      const email = `Nobody${unique()}@nowhere.example`;
      const address = email.toLowerCase();
      await activation.requestNew(email, ip);
      expect(await left('activationSendPerIp', ip)).toBe(9);
      expect(await left('activationSendPerEmailAndIp', `${address} ${ip}`)).toBe(2);
      expect(await left('activationSendPerEmail', address)).toBe(11);
      // The IP budget is spent now: a refusal spends nothing after it.
      const other = `x${unique()}@nowhere.example`;
      expect((await refusal(activation.requestNew(other, ip))).code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
      expect(await left('activationSendPerEmailAndIp', `${other} ${ip}`)).toBe(3);
      expect(await left('activationSendPerEmail', other)).toBe(12);
    });
  });
});

/** The stored hash of a token (the service's own keyed hash), to plant a token of a chosen length. */
function hashOf(token: string): string {
  return createHmac('sha256', deriveKey(GATEWAY_SECRET, 'member-activation')).update(token).digest('hex');
}
