import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMatrix } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import {
  AddGroupMemberDocument,
  AssignApplicationDocument,
  CreateApplicationDocument,
  CreateGroupDocument,
  InviteUserDocument,
  UserDetailDocument,
  UsersWithHomeDocument,
} from '../graphql/generated.js';

/**
 * What the console's user detail reads about one person: its groups, the apps it may sign in to by
 * assignment (directly or through a group) and, for a guest, the organization it comes from. Each
 * tenant sees only its own.
 */
describe.each(apiMatrix())('a user’s groups, apps and home organization (%s)', (_label, kind, transport) => {
  let t: TestGateway;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    t = await startTestGateway(kind);
    a = await createTenant(t, transport);
    b = await createTenant(t, transport);
  });
  afterAll(() => t.stop());

  async function group(f: TenantFixture, displayName: string) {
    return (await f.admin.client.data(CreateGroupDocument, { input: { displayName } })).createGroup;
  }
  async function app(f: TenantFixture, displayName: string) {
    return (await f.admin.client.data(CreateApplicationDocument, { input: { displayName } })).createApplication.application;
  }

  it('lists the groups, the apps assigned directly or through a group, and a guest’s home organization', async () => {
    // The guest's address is in a domain tenant B owns: B is its home organization.
    const guest = (await a.admin.client.data(InviteUserDocument, { input: { email: `sam@${b.tenant.defaultDomain}` } })).inviteUser
      .invitedUser!;
    const [sales, unrelated] = [await group(a, 'Sales'), await group(a, 'Unrelated')];
    await a.admin.client.data(AddGroupMemberDocument, { groupId: sales.id, userId: guest.id });
    const [direct, throughGroup, other] = [await app(a, 'Billing'), await app(a, 'Atlas'), await app(a, 'Not assigned')];
    await a.admin.client.data(AssignApplicationDocument, { applicationId: direct.id, principal: { type: 'User', id: guest.id } });
    await a.admin.client.data(AssignApplicationDocument, { applicationId: throughGroup.id, principal: { type: 'Group', id: sales.id } });
    await a.admin.client.data(AssignApplicationDocument, { applicationId: other.id, principal: { type: 'Group', id: unrelated.id } });

    const { user } = await a.admin.client.data(UserDetailDocument, { id: guest.id });
    expect(user.groups).toEqual([{ id: sales.id, displayName: 'Sales' }]);
    expect(user.applications).toEqual([
      { id: throughGroup.id, displayName: 'Atlas' },
      { id: direct.id, displayName: 'Billing' },
    ]);
    expect(user.homeOrganization).toEqual({ id: b.tenant.id, name: b.tenant.name, kind: 'GatewayTenant' });

    const { users } = await a.admin.client.data(UsersWithHomeDocument, { filter: { userType: 'Guest' } });
    expect(users.nodes.find((u) => u.id === guest.id)?.homeOrganization).toEqual({ id: b.tenant.id, name: b.tenant.name });
  });

  it('gives a member no home organization and empty lists when it has no groups or apps', async () => {
    const member = await t.gateway.services.users.createMember(a.tenant.id, { displayName: 'Mo', mail: `mo@${a.tenant.defaultDomain}` });
    const { user } = await a.admin.client.data(UserDetailDocument, { id: member.id });
    expect(user).toEqual({ id: member.id, groups: [], applications: [], homeOrganization: null });
  });

  it('cross-tenant: another tenant’s user is NOT_FOUND, and a tenant’s detail shows only its own groups and apps', async () => {
    const guestOfA = (await a.admin.client.data(InviteUserDocument, { input: { email: 'kim@partner.example' } })).inviteUser.invitedUser!;
    const salesOfA = await group(a, 'Sales of A');
    await a.admin.client.data(AddGroupMemberDocument, { groupId: salesOfA.id, userId: guestOfA.id });
    expect(await b.admin.client.errorCode(UserDetailDocument, { id: guestOfA.id })).toBe('NOT_FOUND');

    // The same person invited by B: B's detail names B's group and app, never A's.
    const guestOfB = (await b.admin.client.data(InviteUserDocument, { input: { email: 'kim@partner.example' } })).inviteUser.invitedUser!;
    const salesOfB = await group(b, 'Sales of B');
    await b.admin.client.data(AddGroupMemberDocument, { groupId: salesOfB.id, userId: guestOfB.id });
    const appOfB = await app(b, 'App of B');
    await b.admin.client.data(AssignApplicationDocument, { applicationId: appOfB.id, principal: { type: 'User', id: guestOfB.id } });
    const { user } = await b.admin.client.data(UserDetailDocument, { id: guestOfB.id });
    expect(user.groups).toEqual([{ id: salesOfB.id, displayName: 'Sales of B' }]);
    expect(user.applications).toEqual([{ id: appOfB.id, displayName: 'App of B' }]);
    expect(user.homeOrganization?.name).toBe('partner.example');
    expect((await a.admin.client.data(UserDetailDocument, { id: guestOfA.id })).user.applications).toEqual([]);
  });
});
