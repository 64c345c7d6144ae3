import { describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { apiMatrix } from '../helpers/databases.js';
import { createTenant, twoTenants } from '../helpers/fixtures.js';
import {
  AssignDirectoryRoleDocument,
  InviteUserDocument,
  UnassignDirectoryRoleDocument,
  UserDocument,
  ViewerDocument,
} from '../graphql/generated.js';

describe.each(apiMatrix())('directory roles (%s)', (_label, kind, transport) => {
  const s = twoTenants(kind, transport);

  it('gives and takes roles of users and applications, and the change applies to existing tokens', async () => {
    const member = await s.t.gateway.services.users.createMember(s.a.tenant.id, {
      displayName: 'Rosa',
      mail: `rosa.${transport}@member.example`,
    });
    expect(
      (await s.a.admin.client.data(AssignDirectoryRoleDocument, { principal: { type: 'User', id: member.id }, role: 'GuestInviter' }))
        .assignDirectoryRole,
    ).toEqual(['GuestInviter']);
    expect((await s.a.admin.client.data(UserDocument, { id: member.id })).user.roles).toEqual(['GuestInviter']);
    const app = await s.a.principal([]);
    expect(await app.client.errorCode(InviteUserDocument, { input: { email: `x.${transport}@fabrikam.example` } })).toBe('FORBIDDEN');
    await s.a.admin.client.data(AssignDirectoryRoleDocument, { principal: { type: 'Application', id: app.app.id }, role: 'GuestInviter' });
    expect((await app.client.data(ViewerDocument)).viewer.roles).toEqual(['GuestInviter']);
    expect((await app.client.data(InviteUserDocument, { input: { email: `x.${transport}@fabrikam.example` } })).inviteUser.status).toBe(
      'PendingAcceptance',
    );
    expect(
      (
        await s.a.admin.client.data(UnassignDirectoryRoleDocument, {
          principal: { type: 'Application', id: app.app.id },
          role: 'GuestInviter',
        })
      ).unassignDirectoryRole,
    ).toEqual([]);
    expect(await app.client.errorCode(InviteUserDocument, { input: { email: `y.${transport}@fabrikam.example` } })).toBe('FORBIDDEN');
    expect(
      await s.a.admin.client.errorCode(UnassignDirectoryRoleDocument, {
        principal: { type: 'Application', id: app.app.id },
        role: 'GuestInviter',
      }),
    ).toBe('NOT_FOUND');
  });

  it('keeps a GlobalAdministrator: nobody removes their own role', async () => {
    const f = await createTenant(s.t, transport);
    const other = await f.principal([DirectoryRole.GlobalAdministrator]);
    expect(
      await f.admin.client.errorCode(UnassignDirectoryRoleDocument, {
        principal: { type: 'Application', id: f.admin.app.id },
        role: 'GlobalAdministrator',
      }),
    ).toBe('CANNOT_MODIFY_SELF');
    expect(
      (
        await f.admin.client.data(UnassignDirectoryRoleDocument, {
          principal: { type: 'Application', id: other.app.id },
          role: 'GlobalAdministrator',
        })
      ).unassignDirectoryRole,
    ).toEqual([]);
    expect(
      await other.client.errorCode(UnassignDirectoryRoleDocument, {
        principal: { type: 'Application', id: f.admin.app.id },
        role: 'GlobalAdministrator',
      }),
    ).toBe('FORBIDDEN');
    expect((await f.admin.client.data(ViewerDocument)).viewer.roles).toEqual(['GlobalAdministrator']);
  });

  it('is for GlobalAdministrators, within their own tenant', async () => {
    const inviter = await s.a.principal([DirectoryRole.GuestInviter]);
    expect(
      await inviter.client.errorCode(AssignDirectoryRoleDocument, {
        principal: { type: 'Application', id: inviter.app.id },
        role: 'GlobalAdministrator',
      }),
    ).toBe('FORBIDDEN');
    expect(
      await s.a.admin.client.errorCode(AssignDirectoryRoleDocument, {
        principal: { type: 'Application', id: s.b.admin.app.id },
        role: 'GuestInviter',
      }),
    ).toBe('NOT_FOUND');
    expect(
      await s.a.admin.client.errorCode(UnassignDirectoryRoleDocument, {
        principal: { type: 'Application', id: s.b.admin.app.id },
        role: 'GlobalAdministrator',
      }),
    ).toBe('NOT_FOUND');
    expect((await s.b.admin.client.data(ViewerDocument)).viewer.roles).toEqual(['GlobalAdministrator']);
  });
});
