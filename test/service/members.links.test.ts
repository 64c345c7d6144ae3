import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIVATION_RESEND_AFTER_MS } from '../../src/accounts/activation.service.js';
import type { MemberService } from '../../src/accounts/member.service.js';
import { MemberActivation } from '../../src/accounts/member-activation.entity.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { User, UserType } from '../../src/directory/user.entity.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { testDatabases } from '../helpers/databases.js';
import { refusal, unique, useServicesHarness } from '../helpers/services-harness.js';

/** New activation links and password resets of members (MemberService): who may, how often, what they end. */
describe.each(testDatabases())('MemberService on %s', (kind) => {
  const h = useServicesHarness(kind);
  const { tenant, admin, member, mails, audits, advance } = h;
  let members: MemberService;
  beforeAll(() => {
    members = h.s.members;
  });
  const stored = (id: string) => h.db.manager.findOneByOrFail(User, { id });
  const links = (userId: string) => h.db.manager.findBy(MemberActivation, { userId });

  describe('resendActivation', () => {
    it('replaces the link with a new one (activate mail while never activated), once a minute, audited', async () => {
      const t = await tenant('Contoso');
      const actor = admin(t.id);
      const { user, activationUrl } = await members.createUser(actor, { email: `a${unique()}@${t.defaultDomain}`, displayName: 'A' });
      const [first] = await links(user.id);
      advance(ACTIVATION_RESEND_AFTER_MS - 1000);
      expect(await refusal(members.resendActivation(actor, user.id))).toEqual({
        code: ErrorCode.TOO_MANY_ATTEMPTS,
        message: 'A link was mailed to this user a moment ago; try again in 1 seconds',
        details: { retryAfterSeconds: 1 },
      });
      advance(1000);
      expect((await members.resendActivation(actor, user.id)).id).toBe(user.id);
      const [second] = await links(user.id);
      expect(second!.tokenHash).not.toBe(first!.tokenHash);
      const sent = await mails(user.mail);
      expect(sent).toHaveLength(2);
      expect(sent[1]!.text).not.toContain(activationUrl);
      expect(sent[1]!.text).toContain('created an account for you');
      expect(await audits(t.id, AuditAction.ResendUserActivation)).toMatchObject([
        { actorId: actor.id, targetType: 'User', targetId: user.id },
      ]);
    });

    it('refuses a member who is not waiting, a guest, another tenant’s user, and a caller without ManageUsers', async () => {
      const t = await tenant();
      const actor = admin(t.id);
      const active = await member(t);
      expect(await refusal(members.resendActivation(actor, active.id))).toEqual({
        code: ErrorCode.ACTIVATION_NOT_PENDING,
        message: `${active.userPrincipalName} is not waiting for activation`,
      });
      const { user } = await members.createUser(actor, { email: `g${unique()}@${t.defaultDomain}`, displayName: 'G' });
      await h.db.manager.update(User, { id: user.id }, { userType: UserType.Guest });
      expect((await refusal(members.resendActivation(actor, user.id))).code).toBe(ErrorCode.ACTIVATION_NOT_PENDING);
      const other = await tenant();
      const { user: theirs } = await members.createUser(admin(other.id), {
        email: `x${unique()}@${other.defaultDomain}`,
        displayName: 'X',
      });
      expect((await refusal(members.resendActivation(actor, theirs.id))).code).toBe(ErrorCode.NOT_FOUND);
      expect((await refusal(members.resendActivation(admin(other.id, [DirectoryRole.GuestInviter]), theirs.id))).code).toBe(
        ErrorCode.FORBIDDEN,
      );
      expect(await audits(t.id, AuditAction.ResendUserActivation)).toHaveLength(0);
    });

    it('a UserAdministrator may not resend to a member holding a role', async () => {
      const t = await tenant();
      const { user } = await members.createUser(admin(t.id), {
        email: `r${unique()}@${t.defaultDomain}`,
        displayName: 'R',
        roles: [DirectoryRole.GuestInviter],
      });
      advance(ACTIVATION_RESEND_AFTER_MS);
      expect((await refusal(members.resendActivation(admin(t.id, [DirectoryRole.UserAdministrator]), user.id))).code).toBe(
        ErrorCode.FORBIDDEN,
      );
    });
  });

  describe('resetPassword', () => {
    it('removes the password, ends the sign-ins, mails a reset link and audits it; once a minute', async () => {
      const t = await tenant('Contoso');
      const actor = admin(t.id);
      const anna = await member(t);
      const browser = await h.s.sessions.create();
      await h.s.sessions.update(browser, { userId: anna.id });
      const result = await members.resetPassword(actor, anna.id);
      expect(result).toMatchObject({ passwordHash: null, activationPending: true });
      expect(await stored(anna.id)).toMatchObject({ passwordHash: null, activationPending: true });
      expect(await h.s.sessions.find(browser.value)).toBeNull();
      const [sent] = await mails(anna.mail);
      expect(sent!.text).toContain('An administrator of Contoso reset the password');
      expect(await audits(t.id, AuditAction.ResetUserPassword)).toMatchObject([
        { actorId: actor.id, targetType: 'User', targetId: anna.id },
      ]);
      expect((await refusal(members.resetPassword(actor, anna.id))).code).toBe(ErrorCode.TOO_MANY_ATTEMPTS);
      // A resend after a reset says "reset" again (the address was proven).
      advance(ACTIVATION_RESEND_AFTER_MS);
      await h.db.manager.update(User, { id: anna.id }, { emailVerified: true });
      await members.resendActivation(actor, anna.id);
      expect((await mails(anna.mail))[1]!.text).toContain('reset the password');
    });

    it('refuses the caller’s own account, a guest, a federated member, a caller without ManageUsers', async () => {
      const t = await tenant();
      const actor = admin(t.id);
      const anna = await member(t);
      const self = { ...actor, kind: PrincipalKind.User, id: anna.id };
      expect(await refusal(members.resetPassword(self, anna.id))).toEqual({
        code: ErrorCode.CANNOT_MODIFY_SELF,
        message: 'You cannot reset your own password here',
      });
      // An application with the same id is not that user.
      await members.resetPassword({ ...actor, id: anna.id }, anna.id);
      const guest = await member(t, 'guest');
      await h.db.manager.update(User, { id: guest.id }, { userType: UserType.Guest });
      expect(await refusal(members.resetPassword(actor, guest.id))).toEqual({
        code: ErrorCode.ACTIVATION_NOT_PENDING,
        message: `${guest.userPrincipalName} has no password of this gateway to reset`,
      });
      const federated = await member(t, 'fed');
      await h.db.manager.update(User, { id: federated.id }, { upstreamIssuer: 'https://idp.example' });
      expect((await refusal(members.resetPassword(actor, federated.id))).code).toBe(ErrorCode.ACTIVATION_NOT_PENDING);
      expect((await refusal(members.resetPassword(admin(t.id, [DirectoryRole.GuestInviter]), guest.id))).code).toBe(ErrorCode.FORBIDDEN);
      const holder = await member(t, 'holder');
      await h.s.roles.grant(t.id, PrincipalKind.User, holder.id, DirectoryRole.GuestInviter);
      expect((await refusal(members.resetPassword(admin(t.id, [DirectoryRole.UserAdministrator]), holder.id))).code).toBe(
        ErrorCode.FORBIDDEN,
      );
      for (const id of [guest.id, federated.id, holder.id]) expect((await stored(id)).passwordHash).not.toBeNull();
      expect(await audits(t.id, AuditAction.ResetUserPassword)).toHaveLength(1);
    });
  });

  describe('resendAsOperator', () => {
    it('a new link for a member still waiting (activate, or reset once the address was proven), else null', async () => {
      const t = await tenant();
      const { user } = await members.createUser(admin(t.id), { email: `w${unique()}@${t.defaultDomain}`, displayName: 'W' });
      expect(await members.resendAsOperator(t.id, user.id)).toContain('/activate?token=');
      expect((await mails(user.mail))[1]!.text).toContain('created an account for you');
      await h.db.manager.update(User, { id: user.id }, { emailVerified: true });
      await members.resendAsOperator(t.id, user.id);
      expect((await mails(user.mail))[2]!.text).toContain('reset the password');
      const active = await member(t);
      expect(await members.resendAsOperator(t.id, active.id)).toBeNull();
      expect(await mails(active.mail)).toHaveLength(0);
    });
  });
});
