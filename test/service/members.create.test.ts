import { beforeAll, describe, expect, it } from 'vitest';
import type { MemberService } from '../../src/accounts/member.service.js';
import { MemberActivation } from '../../src/accounts/member-activation.entity.js';
import { GroupMember } from '../../src/directory/group.entity.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { User, UserType } from '../../src/directory/user.entity.js';
import { insertUser, newMember } from '../../src/directory/user.rows.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { testDatabases } from '../helpers/databases.js';
import { raceAgainstHeldRow } from '../helpers/held-row.js';
import { PUBLIC_URL, refusal, unique, useServicesHarness } from '../helpers/services-harness.js';

/** Members administrators create (MemberService.createUser): who may, which addresses, and the activation mail it sends. */
describe.each(testDatabases())('MemberService on %s', (kind) => {
  const h = useServicesHarness(kind);
  const { tenant, admin, mails, audits } = h;
  let members: MemberService;
  beforeAll(() => {
    members = h.s.members;
  });
  const stored = (id: string) => h.db.manager.findOneByOrFail(User, { id });
  const links = (userId: string) => h.db.manager.findBy(MemberActivation, { userId });

  describe('createUser', () => {
    it('creates a pending member without a password on a verified domain, mails its link and audits it', async () => {
      const t = await tenant('Contoso');
      const actor = admin(t.id);
      const email = `Anna.${unique()}@${t.defaultDomain.toUpperCase()}`;
      const { user, activationUrl } = await members.createUser(actor, {
        email: `  ${email} `,
        displayName: ' Anna\nLee ',
        givenName: ' Anna ',
        familyName: '',
      });
      const mail = email.toLowerCase();
      expect(await stored(user.id)).toMatchObject({
        tenantId: t.id,
        mail,
        userPrincipalName: mail,
        userType: UserType.Member,
        displayName: 'Anna Lee',
        givenName: 'Anna',
        familyName: null,
        preferredLanguage: null,
        passwordHash: null,
        activationPending: true,
        emailVerified: false,
      });
      expect(activationUrl).toMatch(new RegExp(`^${PUBLIC_URL}/activate\\?token=[\\w-]{40,}$`));
      const [sent] = await mails(mail);
      expect(sent!.subject).toBe('Activate your Contoso account');
      expect(sent!.text).toContain(activationUrl);
      expect(sent!.text).toContain('Contoso created an account for you');
      expect(await links(user.id)).toHaveLength(1);
      const [event] = await audits(t.id, AuditAction.AddUser);
      expect(event).toMatchObject({
        actorId: actor.id,
        targetType: 'User',
        targetId: user.id,
        details: { userPrincipalName: mail, roles: '' },
      });
    });

    it('uses the display name given, else the address; mails in the member’s language', async () => {
      const t = await tenant('Contoso');
      const email = `jo${unique()}@${t.defaultDomain}`;
      const { user } = await members.createUser(admin(t.id), { email, displayName: '  ', preferredLanguage: 'DE' });
      expect(await stored(user.id)).toMatchObject({ displayName: email, preferredLanguage: 'de', givenName: null, familyName: null });
      // No roles named, none granted.
      expect(await h.s.users.rolesOf(user)).toEqual([]);
      expect((await mails(email))[0]!.subject).toBe('Aktivieren Sie Ihr Konto bei Contoso');
      expect((await refusal(members.createUser(admin(t.id), { email: `x${email}`, displayName: 'X', preferredLanguage: 'xx' }))).code).toBe(
        ErrorCode.UNSUPPORTED_LANGUAGE,
      );
    });

    it('grants the roles and adds to the groups named (each once), listing the roles in the audit record', async () => {
      const t = await tenant();
      const actor = admin(t.id);
      const group = await h.s.groups.create(actor, { displayName: `G${unique()}` });
      const { user } = await members.createUser(actor, {
        email: `r${unique()}@${t.defaultDomain}`,
        displayName: 'R',
        roles: [DirectoryRole.GuestInviter, DirectoryRole.UserAdministrator, DirectoryRole.GuestInviter],
        groupIds: [group.id, group.id],
      });
      expect((await h.s.users.rolesOf(user)).sort()).toEqual([DirectoryRole.GuestInviter, DirectoryRole.UserAdministrator]);
      expect(await h.db.manager.countBy(GroupMember, { groupId: group.id, userId: user.id })).toBe(1);
      const [event] = await audits(t.id, AuditAction.AddUser);
      expect(event!.details).toMatchObject({ roles: 'GuestInviter,UserAdministrator,GuestInviter' });
    });

    it('lets a UserAdministrator create plain members only: roles take ManageRoles, groups ManageGroups', async () => {
      const t = await tenant();
      const userAdmin = admin(t.id, [DirectoryRole.UserAdministrator]);
      const group = await h.s.groups.create(admin(t.id), { displayName: `G${unique()}` });
      const input = (extra: object) => ({ email: `p${unique()}@${t.defaultDomain}`, displayName: 'P', ...extra });
      expect((await refusal(members.createUser(userAdmin, input({ roles: [DirectoryRole.GuestInviter] })))).code).toBe(ErrorCode.FORBIDDEN);
      expect((await refusal(members.createUser(userAdmin, input({ groupIds: [group.id] })))).code).toBe(ErrorCode.FORBIDDEN);
      expect((await refusal(members.createUser(admin(t.id, [DirectoryRole.GuestInviter]), input({})))).code).toBe(ErrorCode.FORBIDDEN);
      // Empty lists name nothing.
      await members.createUser(userAdmin, input({ roles: [], groupIds: [] }));
      expect(await h.db.manager.countBy(User, { tenantId: t.id })).toBe(1);
    });

    it('refuses an address outside the tenant’s verified domains, or already a user; a bad name; writes nothing', async () => {
      const t = await tenant();
      const other = await tenant();
      const actor = admin(t.id);
      expect(await refusal(members.createUser(actor, { email: `a@${other.defaultDomain}`, displayName: 'A' }))).toEqual({
        code: ErrorCode.EMAIL_DOMAIN_NOT_VERIFIED,
        message: `${other.defaultDomain} is not a verified domain of this tenant`,
        details: { domain: other.defaultDomain },
      });
      expect((await refusal(members.createUser(actor, { email: 'a@unowned.example', displayName: 'A' }))).code).toBe(
        ErrorCode.EMAIL_DOMAIN_NOT_VERIFIED,
      );
      const email = `b${unique()}@${t.defaultDomain}`;
      await members.createUser(actor, { email, displayName: 'B' });
      expect(await refusal(members.createUser(actor, { email: email.toUpperCase(), displayName: 'B' }))).toEqual({
        code: ErrorCode.USER_ALREADY_MEMBER,
        message: `${email} is already a user of this tenant`,
      });
      expect(
        await refusal(members.createUser(actor, { email: `c@${t.defaultDomain}`, displayName: 'C', familyName: 'x'.repeat(65) })),
      ).toEqual({
        code: ErrorCode.BAD_USER_INPUT,
        message: 'familyName must be at most 64 characters, on one line',
        details: { field: 'familyName' },
      });
      expect(
        (await refusal(members.createUser(actor, { email: `c@${t.defaultDomain}`, displayName: 'C', givenName: 'a<b' }))).details,
      ).toEqual({
        field: 'givenName',
      });
      // A guest of the tenant with that address (its user principal name differs) is a user of it too.
      const home = await h.s.users.createMember(other.id, { displayName: 'G', mail: `g${unique()}@${t.defaultDomain}` });
      await h.guestOf(t, home);
      expect((await refusal(members.createUser(actor, { email: home.mail, displayName: 'G' }))).code).toBe(ErrorCode.USER_ALREADY_MEMBER);
      // A group of another tenant is not found, and the member is not created either.
      const foreign = await h.s.groups.create(admin(other.id), { displayName: `G${unique()}` });
      expect(
        (await refusal(members.createUser(actor, { email: `d@${t.defaultDomain}`, displayName: 'D', groupIds: [foreign.id] }))).code,
      ).toBe(ErrorCode.NOT_FOUND);
      expect(await h.db.manager.countBy(User, { tenantId: t.id })).toBe(2);
      expect(await audits(t.id, AuditAction.AddUser)).toHaveLength(1);
    });

    it('two creations of one address at once: one member, the other told it exists', async () => {
      const t = await tenant();
      const email = `twice${unique()}@${t.defaultDomain}`;
      const results = await Promise.allSettled([0, 1].map(() => members.createUser(admin(t.id), { email, displayName: 'T' })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: ErrorCode.USER_ALREADY_MEMBER } });
      expect(await h.db.manager.countBy(User, { tenantId: t.id })).toBe(1);
    });

    // Certain on PostgreSQL: the other creation's row is uncommitted when this one looks, so its insert meets the index.
    it.runIf(kind === 'postgres')('a creation whose insert meets a concurrent one of the address is told it exists', async () => {
      const t = await h.tenant();
      const email = `held${unique()}@${t.defaultDomain}`;
      const other = newMember({ tenantId: t.id, displayName: 'Held', mail: email }, h.clock.now());
      const outcome = await raceAgainstHeldRow(
        h.db,
        (em) => insertUser(em, other),
        () => members.createUser(admin(t.id), { email, displayName: 'T' }),
      );
      expect(outcome).toMatchObject({ status: 'rejected', reason: { code: ErrorCode.USER_ALREADY_MEMBER } });
      expect((await h.db.manager.findBy(User, { tenantId: t.id })).map((u) => u.id)).toEqual([other.id]);
      expect(await audits(t.id, AuditAction.AddUser)).toHaveLength(0);
    });

    it('the operator’s path needs no role and is audited as the operator', async () => {
      const t = await tenant();
      const { user, activationUrl } = await members.createAsOperator(t.id, { email: `o${unique()}@${t.defaultDomain}`, displayName: 'O' });
      expect(activationUrl).toContain('/activate?token=');
      const [event] = await audits(t.id, AuditAction.AddUser);
      expect(event).toMatchObject({
        targetId: user.id,
        actorKind: PrincipalKind.Application,
        actorId: t.id,
        actorDisplayName: 'b2b-gateway operator',
      });
    });
  });
});
