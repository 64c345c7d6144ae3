import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { apiMatrix } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import {
  AddGroupMemberDocument,
  AuditEventsDocument,
  CreateGroupDocument,
  GroupMembersDocument,
  GroupsDocument,
  InvitationDocument,
  InviteUserDocument,
  RemoveGroupMemberDocument,
  RemoveUserDocument,
  SetUserEnabledDocument,
  TenantDocument,
  UserDocument,
  UsersDocument,
} from '../graphql/generated.js';

describe.each(apiMatrix())('directory (%s)', (_label, kind, transport) => {
  let t: TestGateway;
  let a: TenantFixture;
  let b: TenantFixture;
  let n = 0;

  beforeAll(async () => {
    t = await startTestGateway(kind);
    a = await createTenant(t, transport, { allowedRedirectHosts: ['portal.example'] });
    b = await createTenant(t, transport);
  });
  afterAll(() => t.stop());

  const inviteGuest = async (f: TenantFixture = a) =>
    (await f.admin.client.data(InviteUserDocument, { input: { email: `guest${++n}@partner.example` } })).inviteUser;

  it('tenant: returns the caller’s tenant', async () => {
    const { tenant } = await a.admin.client.data(TenantDocument);
    expect(tenant).toEqual({
      id: a.tenant.id,
      name: a.tenant.name,
      domains: [a.tenant.defaultDomain],
      allowedRedirectHosts: ['portal.example'],
    });
  });

  it('users: lists members and guests, filters guests by externalUserState, and paginates', async () => {
    const fresh = await createTenant(t, transport);
    const member = await t.gateway.services.users.createMember(fresh.tenant.id, { displayName: 'Mo Member', mail: 'mo@member.example' });
    const guests = [];
    for (let i = 0; i < 3; i++) guests.push((await inviteGuest(fresh)).invitedUser!);
    const all = await fresh.admin.client.data(UsersDocument, {});
    expect(all.users.nodes.map((u) => u.id)).toEqual([member.id, ...guests.map((g) => g.id)]);
    const pending = await fresh.admin.client.data(UsersDocument, { filter: { externalUserState: 'PendingAcceptance' } });
    expect(pending.users.nodes.map((u) => u.id)).toEqual(guests.map((g) => g.id));
    const accepted = await fresh.admin.client.data(UsersDocument, { filter: { externalUserState: 'Accepted' } });
    expect(accepted.users.totalCount).toBe(0);
    const members = await fresh.admin.client.data(UsersDocument, { filter: { userType: 'Member' } });
    expect(members.users.nodes.map((u) => u.id)).toEqual([member.id]);
    const search = await fresh.admin.client.data(UsersDocument, { filter: { search: 'MO' } });
    expect(search.users.nodes.map((u) => u.id)).toEqual([member.id]);
    const page1 = await fresh.admin.client.data(UsersDocument, { first: 2 });
    expect(page1.users.edges.map((e) => e.node.id)).toEqual([member.id, guests[0]!.id]);
    const page2 = await fresh.admin.client.data(UsersDocument, { first: 2, after: page1.users.pageInfo.endCursor });
    expect(page2.users.nodes.map((u) => u.id)).toEqual([guests[1]!.id, guests[2]!.id]);
    expect(page2.users.pageInfo.hasNextPage).toBe(false);
    expect(await fresh.admin.client.errorCode(UsersDocument, { first: 201 })).toBe('BAD_USER_INPUT');
  });

  it('user(id) returns the guest attributes and roles', async () => {
    const guest = (await inviteGuest()).invitedUser!;
    const { user } = await a.admin.client.data(UserDocument, { id: guest.id });
    expect(user).toMatchObject({ id: guest.id, userType: 'Guest', roles: [], accountEnabled: true, creationType: 'Invitation' });
    expect(new Date(user.externalUserStateChangedAt!).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('setUserEnabled disables and enables, and is audited', async () => {
    const guest = (await inviteGuest()).invitedUser!;
    expect((await a.admin.client.data(SetUserEnabledDocument, { id: guest.id, enabled: false })).setUserEnabled.accountEnabled).toBe(false);
    expect((await a.admin.client.data(UserDocument, { id: guest.id })).user.accountEnabled).toBe(false);
    expect((await a.admin.client.data(SetUserEnabledDocument, { id: guest.id, enabled: true })).setUserEnabled.accountEnabled).toBe(true);
    const events = (await a.admin.client.data(AuditEventsDocument, { first: 5 })).auditEvents.nodes.filter((e) => e.targetId === guest.id);
    expect(events.map((e) => e.action)).toEqual(['Enable account', 'Disable account', 'Invite external user.']);
  });

  it('removeUser deletes the guest, its memberships, and revokes its pending invitation', async () => {
    const invitation = await inviteGuest();
    const guestId = invitation.invitedUser!.id;
    const group = (await a.admin.client.data(CreateGroupDocument, { input: { displayName: `G${++n}` } })).createGroup;
    await a.admin.client.data(AddGroupMemberDocument, { groupId: group.id, userId: guestId });
    expect((await a.admin.client.data(RemoveUserDocument, { id: guestId })).removeUser).toBe(guestId);
    expect(await a.admin.client.errorCode(UserDocument, { id: guestId })).toBe('NOT_FOUND');
    expect((await a.admin.client.data(GroupMembersDocument, { id: group.id })).group.members.totalCount).toBe(0);
    const after = (await a.admin.client.data(InvitationDocument, { id: invitation.id })).invitation;
    expect(after).toMatchObject({ status: 'Revoked', invitedUser: null });
    expect(await a.admin.client.errorCode(RemoveUserDocument, { id: guestId })).toBe('NOT_FOUND');
  });

  it('groups: create, list, add and remove members', async () => {
    const fresh = await createTenant(t, transport);
    const created = (await fresh.admin.client.data(CreateGroupDocument, { input: { displayName: ' Externals ', description: 'Partners' } }))
      .createGroup;
    expect(created).toMatchObject({ displayName: 'Externals', description: 'Partners' });
    const guest = (await inviteGuest(fresh)).invitedUser!;
    const added = await fresh.admin.client.data(AddGroupMemberDocument, { groupId: created.id, userId: guest.id });
    expect(added.addGroupMember.members.totalCount).toBe(1);
    const twice = await fresh.admin.client.data(AddGroupMemberDocument, { groupId: created.id, userId: guest.id });
    expect(twice.addGroupMember.members.totalCount).toBe(1);
    expect((await fresh.admin.client.data(GroupsDocument, {})).groups.nodes.map((g) => g.id)).toEqual([created.id]);
    const removed = await fresh.admin.client.data(RemoveGroupMemberDocument, { groupId: created.id, userId: guest.id });
    expect(removed.removeGroupMember.members.totalCount).toBe(0);
    expect(await fresh.admin.client.errorCode(CreateGroupDocument, { input: { displayName: '' } })).toBe('BAD_USER_INPUT');
  });

  it('auditEvents: newest first, paginated, admins only', async () => {
    const fresh = await createTenant(t, transport);
    for (let i = 0; i < 3; i++) await fresh.admin.client.data(CreateGroupDocument, { input: { displayName: `Audit ${i}` } });
    const page1 = (await fresh.admin.client.data(AuditEventsDocument, { first: 2 })).auditEvents;
    expect(page1.nodes.map((e) => e.details.displayName)).toEqual(['Audit 2', 'Audit 1']);
    expect(page1.nodes[0]).toMatchObject({
      action: 'Add group',
      actorKind: 'application',
      actorId: fresh.admin.app.id,
      targetType: 'Group',
    });
    const page2 = (await fresh.admin.client.data(AuditEventsDocument, { first: 2, after: page1.pageInfo.endCursor })).auditEvents;
    expect(page2.nodes[0]!.details.displayName).toBe('Audit 0');
    const inviter = await fresh.principal([DirectoryRole.GuestInviter]);
    expect(await inviter.client.errorCode(AuditEventsDocument, {})).toBe('FORBIDDEN');
  });

  it('role checks: GuestInviter reads but cannot change the directory; no role reads nothing', async () => {
    const guest = (await inviteGuest()).invitedUser!;
    const group = (await a.admin.client.data(CreateGroupDocument, { input: { displayName: `R${++n}` } })).createGroup;
    const inviter = await a.principal([DirectoryRole.GuestInviter]);
    expect((await inviter.client.data(UserDocument, { id: guest.id })).user.id).toBe(guest.id);
    for (const [doc, vars] of [
      [RemoveUserDocument, { id: guest.id }],
      [SetUserEnabledDocument, { id: guest.id, enabled: false }],
      [CreateGroupDocument, { input: { displayName: 'x' } }],
      [AddGroupMemberDocument, { groupId: group.id, userId: guest.id }],
      [RemoveGroupMemberDocument, { groupId: group.id, userId: guest.id }],
    ] as const) {
      expect(await inviter.client.errorCode(doc as never, vars as never)).toBe('FORBIDDEN');
    }
    const nobody = await a.principal([]);
    expect(await nobody.client.errorCode(UsersDocument, {})).toBe('FORBIDDEN');
    expect(await nobody.client.errorCode(GroupsDocument, {})).toBe('FORBIDDEN');
  });

  describe('tenant isolation: another tenant’s users and groups are NOT_FOUND and unchanged', () => {
    let theirGuest: string;
    let theirGroup: string;
    let myGroup: string;
    let myGuest: string;

    beforeAll(async () => {
      theirGuest = (await inviteGuest(b)).invitedUser!.id;
      theirGroup = (await b.admin.client.data(CreateGroupDocument, { input: { displayName: 'Theirs' } })).createGroup.id;
      myGroup = (await a.admin.client.data(CreateGroupDocument, { input: { displayName: 'Mine' } })).createGroup.id;
      myGuest = (await inviteGuest(a)).invitedUser!.id;
    });

    const theirGuestIntact = async () => (await b.admin.client.data(UserDocument, { id: theirGuest })).user;

    it('user(id) and users', async () => {
      expect(await a.admin.client.errorCode(UserDocument, { id: theirGuest })).toBe('NOT_FOUND');
      const ids = (await a.admin.client.data(UsersDocument, { first: 200 })).users.nodes.map((u) => u.id);
      expect(ids).not.toContain(theirGuest);
    });
    it('removeUser', async () => {
      expect(await a.admin.client.errorCode(RemoveUserDocument, { id: theirGuest })).toBe('NOT_FOUND');
      expect((await theirGuestIntact()).id).toBe(theirGuest);
    });
    it('setUserEnabled', async () => {
      expect(await a.admin.client.errorCode(SetUserEnabledDocument, { id: theirGuest, enabled: false })).toBe('NOT_FOUND');
      expect((await theirGuestIntact()).accountEnabled).toBe(true);
    });
    it('groups and group(id)', async () => {
      expect(await a.admin.client.errorCode(GroupMembersDocument, { id: theirGroup })).toBe('NOT_FOUND');
      expect((await a.admin.client.data(GroupsDocument, { first: 200 })).groups.nodes.map((g) => g.id)).not.toContain(theirGroup);
    });
    it('addGroupMember: their group, or their user into my group', async () => {
      expect(await a.admin.client.errorCode(AddGroupMemberDocument, { groupId: theirGroup, userId: myGuest })).toBe('NOT_FOUND');
      expect(await a.admin.client.errorCode(AddGroupMemberDocument, { groupId: myGroup, userId: theirGuest })).toBe('NOT_FOUND');
      expect((await b.admin.client.data(GroupMembersDocument, { id: theirGroup })).group.members.totalCount).toBe(0);
      expect((await a.admin.client.data(GroupMembersDocument, { id: myGroup })).group.members.totalCount).toBe(0);
    });
    it('removeGroupMember', async () => {
      await b.admin.client.data(AddGroupMemberDocument, { groupId: theirGroup, userId: theirGuest });
      expect(await a.admin.client.errorCode(RemoveGroupMemberDocument, { groupId: theirGroup, userId: theirGuest })).toBe('NOT_FOUND');
      expect((await b.admin.client.data(GroupMembersDocument, { id: theirGroup })).group.members.totalCount).toBe(1);
    });
    it('auditEvents shows only my tenant’s events', async () => {
      const events = (await a.admin.client.data(AuditEventsDocument, { first: 200 })).auditEvents.nodes;
      expect(events.map((e) => e.targetId)).not.toContain(theirGuest);
      expect(events.map((e) => e.targetId)).not.toContain(theirGroup);
    });
  });
});
