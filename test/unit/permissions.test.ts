import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/directory/actor.js';
import { ApiScope, authorize, authorizeOnUser, can, Permission } from '../../src/directory/permissions.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { DomainError } from '../../src/shared/errors.js';

const GA = DirectoryRole.GlobalAdministrator;
const INVITER = DirectoryRole.GuestInviter;
const ALL = Object.values(Permission);

/** The matrix as the README states it, written out independently of the module under test. */
const INVITER_MAY = [Permission.ReadDirectory, Permission.ReadInvitations, Permission.InviteGuests];
const READ_ONLY = [
  Permission.ReadDirectory,
  Permission.ReadInvitations,
  Permission.ReadOutbox,
  Permission.ReadAuditLog,
  Permission.ReadSignInLog,
  Permission.ReadTenantConfiguration,
];

const actor = (roles: DirectoryRole[], scopes: string[] | null = null): Actor => ({
  tenantId: 't',
  kind: PrincipalKind.User,
  id: 'u',
  displayName: 'U',
  roles,
  scopes,
});

const allowed = (a: Actor) => ALL.filter((p) => can(a, p));

function refusal(a: Actor, permission: Permission): DomainError | 'allowed' {
  try {
    authorize(a, permission);
    return 'allowed';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return error;
  }
}

describe('permission matrix: can()', () => {
  it('gives a GlobalAdministrator every permission', () => {
    expect(allowed(actor([GA]))).toEqual(ALL);
  });

  it('gives a GuestInviter reading and inviting only', () => {
    expect(allowed(actor([INVITER]))).toEqual(INVITER_MAY);
  });

  it('gives a caller without roles nothing, whatever its scopes', () => {
    expect(allowed(actor([]))).toEqual([]);
    expect(allowed(actor([], [ApiScope.DirectoryAccessAsUserAll, ApiScope.DirectoryReadAll]))).toEqual([]);
  });

  it('gives the union of the roles held', () => {
    expect(allowed(actor([INVITER, GA]))).toEqual(ALL);
    expect(allowed(actor([GA, INVITER]))).toEqual(ALL);
  });

  it('acts with the intersection of roles and Directory.Read.All: read permissions only', () => {
    expect(allowed(actor([GA], [ApiScope.DirectoryReadAll]))).toEqual(READ_ONLY);
    expect(allowed(actor([INVITER], [ApiScope.DirectoryReadAll]))).toEqual([Permission.ReadDirectory, Permission.ReadInvitations]);
  });

  it('lets Directory.AccessAsUser.All act with whatever the roles allow', () => {
    expect(allowed(actor([GA], [ApiScope.DirectoryAccessAsUserAll]))).toEqual(ALL);
    expect(allowed(actor([INVITER], [ApiScope.DirectoryAccessAsUserAll]))).toEqual(INVITER_MAY);
    expect(allowed(actor([GA], [ApiScope.DirectoryReadAll, ApiScope.DirectoryAccessAsUserAll]))).toEqual(ALL);
    expect(allowed(actor([GA], ['openid', ApiScope.DirectoryAccessAsUserAll]))).toEqual(ALL);
  });

  it('allows nothing with an empty or unknown delegated scope (scopes are not "none given")', () => {
    expect(allowed(actor([GA], []))).toEqual([]);
    expect(allowed(actor([GA], ['openid', 'profile', 'directory.read.all']))).toEqual([]);
  });
});

describe('permission matrix: authorize()', () => {
  it('returns quietly when the caller may act', () => {
    expect(refusal(actor([GA]), Permission.ManageTenant)).toBe('allowed');
    expect(refusal(actor([INVITER], [ApiScope.DirectoryReadAll]), Permission.ReadDirectory)).toBe('allowed');
  });

  it('refuses a caller without the role with FORBIDDEN naming the permission and its roles', () => {
    const error = refusal(actor([INVITER]), Permission.ManageUsers) as DomainError;
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('ManageUsers requires one of the roles: GlobalAdministrator, UserAdministrator');
    expect(error.details).toEqual({ permission: 'ManageUsers', requiredRoles: ['GlobalAdministrator', 'UserAdministrator'] });

    const none = refusal(actor([]), Permission.InviteGuests) as DomainError;
    expect(none.code).toBe('FORBIDDEN');
    expect(none.message).toBe('InviteGuests requires one of the roles: GlobalAdministrator, GuestInviter, UserAdministrator');
    expect(none.details).toEqual({
      permission: 'InviteGuests',
      requiredRoles: ['GlobalAdministrator', 'GuestInviter', 'UserAdministrator'],
    });
  });

  it('refuses a role holder whose token scope does not allow it, saying so', () => {
    const error = refusal(actor([GA], [ApiScope.DirectoryReadAll]), Permission.ManageGroups) as DomainError;
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe("The token's delegated scope does not allow ManageGroups");
    expect(error.details).toEqual({ permission: 'ManageGroups', requiredRoles: ['GlobalAdministrator'] });
  });

  it('blames the scope when the caller holds one of several roles that grant it', () => {
    const error = refusal(actor([INVITER], [ApiScope.DirectoryReadAll]), Permission.InviteGuests) as DomainError;
    expect(error.message).toBe("The token's delegated scope does not allow InviteGuests");
    expect(error.details).toEqual({
      permission: 'InviteGuests',
      requiredRoles: ['GlobalAdministrator', 'GuestInviter', 'UserAdministrator'],
    });
  });

  it('refuses by role first when neither the role nor the scope allows it', () => {
    const error = refusal(actor([INVITER], [ApiScope.DirectoryReadAll]), Permission.ReadAuditLog) as DomainError;
    expect(error.message).toBe('ReadAuditLog requires one of the roles: GlobalAdministrator');
  });

  it('hands out a copy of the required roles, not the matrix itself', () => {
    const error = refusal(actor([]), Permission.ReadDirectory) as DomainError;
    (error.details!.requiredRoles as string[]).push('Hacked');
    expect((refusal(actor([]), Permission.ReadDirectory) as DomainError).details!.requiredRoles).toEqual([
      'GlobalAdministrator',
      'GuestInviter',
      'UserAdministrator',
    ]);
  });

  it('agrees with can() for every role set, scope and permission', () => {
    const roleSets = [[], [GA], [INVITER], [GA, INVITER]];
    const scopeSets = [null, [], [ApiScope.DirectoryReadAll], [ApiScope.DirectoryAccessAsUserAll]];
    for (const roles of roleSets) {
      for (const scopes of scopeSets) {
        for (const p of ALL) {
          const a = actor(roles, scopes);
          expect(refusal(a, p) === 'allowed', `${roles.join('+')} ${String(scopes)} ${p}`).toBe(can(a, p));
        }
      }
    }
  });
});

/** A UserAdministrator manages users without directory roles only, never a role holder. */
describe('authorizeOnUser', () => {
  const USERS = DirectoryRole.UserAdministrator;

  it('lets a UserAdministrator act on a user who holds no directory role', () => {
    expect(() => authorizeOnUser(actor([USERS]), Permission.ManageUsers, [])).not.toThrow();
  });

  it('refuses a UserAdministrator acting on a role holder, naming what it would need', () => {
    let refusal: unknown;
    try {
      authorizeOnUser(actor([USERS]), Permission.ManageUsers, [INVITER]);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only a GlobalAdministrator may change a user who holds a directory role',
      details: { permission: Permission.ManageRoles, requiredRoles: [GA] },
    });
  });

  it('lets a GlobalAdministrator act on a role holder, and refuses anyone without the permission', () => {
    expect(() => authorizeOnUser(actor([GA]), Permission.ManageUsers, [GA])).not.toThrow();
    expect(() => authorizeOnUser(actor([INVITER]), Permission.ManageUsers, [])).toThrow(DomainError);
  });
});
