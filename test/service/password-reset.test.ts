import { beforeAll, describe, expect, it } from 'vitest';
import type { PasswordResetService } from '../../src/accounts/password-reset.service.js';
import { CODE_MAX_ATTEMPTS, CODE_RESEND_AFTER_MS } from '../../src/accounts/verification-code.service.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import type { Tenant } from '../../src/directory/tenant.entity.js';
import { User, UserType } from '../../src/directory/user.entity.js';
import { IdentityProvider } from '../../src/federation/identity-provider.entity.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { newId } from '../../src/shared/ids.js';
import { testDatabases } from '../helpers/databases.js';
import { freshIp, PASSWORD, PUBLIC_URL, refusal, unique, useServicesHarness } from '../helpers/services-harness.js';

const NEW_PASSWORD = 'Saffron-Harbor-Quill-4';
const REFUSED = {
  code: ErrorCode.INVALID_CODE,
  message: 'That code is not right, has expired or was used already. Check it, or ask for a new one.',
};

/** "Forgot your password?" and an admin's reset mail (PasswordResetService): same answers for every address, codes, budgets. */
describe.each(testDatabases())('PasswordResetService on %s', (kind) => {
  const h = useServicesHarness(kind);
  const { tenant, admin, member, mails, mailsOnceThere, settle, audits, advance, left, hashes } = h;
  let reset: PasswordResetService;
  beforeAll(() => {
    reset = h.s.passwordReset;
  });
  const codeIn = (text: string) => /^\d{6}$/m.exec(text)![0];
  const signsIn = (user: User, password: string) =>
    h.s.accounts.signIn(user.mail, password, freshIp()).then(
      () => true,
      () => false,
    );

  /** A member with a password, and the code of a reset it asked for. */
  async function withCode(t?: Tenant) {
    const user = await member(t ?? (await tenant('Contoso')));
    await reset.request(user.mail, 'en', freshIp());
    const [mail] = await mailsOnceThere(user.mail, 1);
    return { user, code: codeIn(mail!.text), mail: mail! };
  }

  describe('request', () => {
    it('mails a code to an enabled account after the answer, in the language asked, with the reset link', async () => {
      // Another tenant first: the mail names the account's own tenant, not any tenant.
      await tenant('Decoy');
      const user = await member(await tenant('Contoso'));
      expect(await reset.request(`  ${user.mail.toUpperCase()} `, 'de', freshIp())).toEqual({
        kind: 'codeSentIfAccountExists',
        email: user.mail,
      });
      const [mail] = await mailsOnceThere(user.mail, 1);
      expect(mail!.subject).toBe('Kennwort zurücksetzen');
      expect(mail!.text).toContain('Contoso');
      expect(mail!.text).toContain(`${PUBLIC_URL}/password/reset?email=${encodeURIComponent(user.mail)}`);
    });

    it('answers the same for an unknown address and a disabled account, and mails neither', async () => {
      const t = await tenant();
      const disabled = await member(t, 'dis');
      await h.db.manager.update(User, { id: disabled.id }, { accountEnabled: false });
      const unknown = `nobody${unique()}@${t.defaultDomain}`;
      expect(await reset.request(unknown, 'en', freshIp())).toEqual({ kind: 'codeSentIfAccountExists', email: unknown });
      expect(await reset.request(disabled.mail, 'en', freshIp())).toEqual({ kind: 'codeSentIfAccountExists', email: disabled.mail });
      await settle();
      expect(await mails(unknown)).toHaveLength(0);
      expect(await mails(disabled.mail)).toHaveLength(0);
    });

    it('sends a federated domain’s people to their organization mailing nothing', async () => {
      await tenant('Decoy');
      const t = await tenant('Fabrikam');
      const domain = `fed${unique()}.example`;
      // register() needs a live issuer's discovery document; forEmail reads only the provider's domains.
      const provider = {
        id: newId(),
        tenantId: t.id,
        issuer: 'https://idp.fabrikam.example',
        clientId: 'c',
        clientSecretSealed: 'x',
        domains: [domain],
        createdAt: h.clock.now(),
      };
      await h.db.manager.insert(IdentityProvider, provider);
      expect(await reset.request(`pat@${domain}`, 'en', freshIp())).toEqual({ kind: 'federated', organization: 'Fabrikam' });
      await settle();
      expect(await mails(`pat@${domain}`)).toHaveLength(0);
    });

    it('refuses a malformed address; spends the IP (30), address-and-IP (5) and address (20) budgets in that order', async () => {
      expect((await refusal(reset.request('not an address', 'en', freshIp()))).code).toBe(ErrorCode.INVALID_EMAIL);
      const ip = freshIp();
      const email = `x${unique()}@nowhere.example`;
      await reset.request(email.toUpperCase(), 'en', ip);
      expect(await left('passwordResetPerIp', ip)).toBe(29);
      expect(await left('passwordResetPerEmailAndIp', `${email} ${ip}`)).toBe(4);
      expect(await left('passwordResetPerEmail', email)).toBe(19);
      const other = `y${unique()}@nowhere.example`;
      expect((await refusal(reset.request(other, 'en', ip))).code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
      expect(await left('passwordResetPerEmailAndIp', `${other} ${ip}`)).toBe(5);
      expect(await left('passwordResetPerEmail', other)).toBe(20);
    });
  });

  describe('complete', () => {
    it('sets the new password, ends every sign-in, uses the code up and audits as the account itself', async () => {
      const { user, code } = await withCode();
      const browser = await h.s.sessions.create();
      await h.s.sessions.update(browser, { userId: user.id });
      await reset.complete(` ${user.mail.toUpperCase()}`, code, NEW_PASSWORD, freshIp());
      expect(await signsIn(user, NEW_PASSWORD)).toBe(true);
      expect(await signsIn(user, PASSWORD)).toBe(false);
      expect(await h.s.sessions.find(browser.value)).toBeNull();
      expect((await h.db.manager.findOneByOrFail(User, { id: user.id })).updatedAt).toEqual(h.clock.now());
      expect(await audits(user.tenantId, AuditAction.ResetPasswordSelfService)).toMatchObject([
        {
          actorKind: PrincipalKind.User,
          actorId: user.id,
          actorDisplayName: user.displayName,
          targetType: 'User',
          targetId: user.id,
          details: { email: user.mail },
        },
      ]);
      expect(await refusal(reset.complete(user.mail, code, 'Another-Harbor-Quill-5', freshIp()))).toEqual(REFUSED);
    });

    it('one answer for a wrong code, an unknown or empty address, a disabled account; each hashes the password', async () => {
      const { user, code } = await withCode();
      const before = await hashes('reset');
      const wrong = code === '000000' ? '000001' : '000000';
      expect(await refusal(reset.complete(user.mail, wrong, NEW_PASSWORD, freshIp()))).toEqual(REFUSED);
      expect(await refusal(reset.complete(`nobody${unique()}@x.example`, code, NEW_PASSWORD, freshIp()))).toEqual(REFUSED);
      expect(await refusal(reset.complete('   ', code, NEW_PASSWORD, freshIp()))).toEqual(REFUSED);
      expect(await hashes('reset')).toBe(before + 3);
      await h.db.manager.update(User, { id: user.id }, { accountEnabled: false });
      expect(await refusal(reset.complete(user.mail, code, NEW_PASSWORD, freshIp()))).toEqual(REFUSED);
      await h.db.manager.update(User, { id: user.id }, { accountEnabled: true });
      // The code still works: the refusals above did not use it up.
      await reset.complete(user.mail, code, NEW_PASSWORD, freshIp());
    });

    it('after too many wrong codes the answer stays the same, and the right code no longer works', async () => {
      const { user, code } = await withCode();
      const wrong = code === '000000' ? '000001' : '000000';
      for (let i = 0; i < CODE_MAX_ATTEMPTS; i++)
        expect(await refusal(reset.complete(user.mail, wrong, NEW_PASSWORD, freshIp()))).toEqual(REFUSED);
      expect(await refusal(reset.complete(user.mail, code, NEW_PASSWORD, freshIp()))).toEqual(REFUSED);
      expect(await signsIn(user, PASSWORD)).toBe(true);
    });

    it('refuses a weak password before any lookup; spends the IP’s code-check budget first', async () => {
      const { user, code } = await withCode();
      expect((await refusal(reset.complete(user.mail, code, 'short', freshIp()))).code).toBe(ErrorCode.WEAK_PASSWORD);
      const ip = freshIp();
      await refusal(reset.complete(user.mail, code, 'short', ip));
      expect(await left('codeCheckPerIp', ip)).toBe(49);
      expect((await refusal(reset.complete(user.mail, code, NEW_PASSWORD, ip))).code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
      await reset.complete(user.mail, code, NEW_PASSWORD, freshIp());
    });
  });

  describe('sendByAdmin', () => {
    it('mails the member a code in English, audits it, and once a minute only', async () => {
      const t = await tenant('Contoso');
      const actor = admin(t.id);
      const user = await member(t);
      expect((await reset.sendByAdmin(actor, user.id)).id).toBe(user.id);
      const [mail] = await mails(user.mail);
      expect(mail!.subject).toBe('Reset your password');
      expect(await audits(t.id, AuditAction.SendPasswordReset)).toMatchObject([
        { actorId: actor.id, targetType: 'User', targetId: user.id, details: { email: user.mail } },
      ]);
      advance(CODE_RESEND_AFTER_MS - 1);
      expect(await refusal(reset.sendByAdmin(actor, user.id))).toEqual({
        code: ErrorCode.TOO_MANY_ATTEMPTS,
        message: 'A reset code was sent to this user a moment ago; try again in a minute.',
        details: { retryAfterSeconds: 60 },
      });
      expect(await audits(t.id, AuditAction.SendPasswordReset)).toHaveLength(1);
      advance(1);
      await reset.sendByAdmin(actor, user.id);
      const sent = await mails(user.mail);
      expect(sent).toHaveLength(2);
      await reset.complete(user.mail, codeIn(sent[1]!.text), NEW_PASSWORD, freshIp());
    });

    it('refuses a federated member, a guest, a member without a password, and says which', async () => {
      const t = await tenant();
      const actor = admin(t.id);
      const federated = await member(t, 'fed');
      await h.db.manager.update(User, { id: federated.id }, { upstreamIssuer: 'https://idp.example' });
      expect(await refusal(reset.sendByAdmin(actor, federated.id))).toEqual({
        code: ErrorCode.FEDERATED_ACCOUNT,
        message: 'This user signs in at their organization’s identity provider; their password is reset there.',
      });
      const guest = await member(t, 'guest');
      await h.db.manager.update(User, { id: guest.id }, { userType: UserType.Guest });
      expect(await refusal(reset.sendByAdmin(actor, guest.id))).toEqual({
        code: ErrorCode.NO_PASSWORD_HERE,
        message: 'A guest’s password belongs to their home account; they reset it with "Forgot your password?" on the sign-in page.',
      });
      const none = await member(t, 'none', null);
      expect(await refusal(reset.sendByAdmin(actor, none.id))).toEqual({
        code: ErrorCode.NO_PASSWORD_HERE,
        message: 'This user has no password in the gateway.',
      });
      for (const user of [federated, guest, none]) expect(await mails(user.mail)).toHaveLength(0);
    });

    it('refuses a caller without ManageUsers, another tenant’s user, and a role holder for a UserAdministrator', async () => {
      const t = await tenant();
      const user = await member(t);
      expect((await refusal(reset.sendByAdmin(admin(t.id, [DirectoryRole.GuestInviter]), user.id))).code).toBe(ErrorCode.FORBIDDEN);
      const other = await tenant();
      expect((await refusal(reset.sendByAdmin(admin(other.id), user.id))).code).toBe(ErrorCode.NOT_FOUND);
      await h.s.roles.grant(t.id, PrincipalKind.User, user.id, DirectoryRole.GuestInviter);
      expect((await refusal(reset.sendByAdmin(admin(t.id, [DirectoryRole.UserAdministrator]), user.id))).code).toBe(ErrorCode.FORBIDDEN);
      expect(await mails(user.mail)).toHaveLength(0);
    });
  });
});
