import { DomainError, ErrorCode } from '../shared/errors.js';
import type { Actor } from './actor.js';
import { DirectoryRole } from './role-assignment.entity.js';

/**
 * The permission matrix: the only place that says which directory role may do what. Services ask
 * `authorize(actor, Permission.X)` before they act; the README's "Who may do what" table is checked
 * against this module by a test.
 */
export enum Permission {
  ReadDirectory = 'ReadDirectory',
  ReadInvitations = 'ReadInvitations',
  InviteGuests = 'InviteGuests',
  GrantAccessOnInvite = 'GrantAccessOnInvite',
  ResetRedemption = 'ResetRedemption',
  ManageUsers = 'ManageUsers',
  ManageGroups = 'ManageGroups',
  ManageApplications = 'ManageApplications',
  ConsentToApiPermissions = 'ConsentToApiPermissions',
  ManageAssignments = 'ManageAssignments',
  ManageRoles = 'ManageRoles',
  ManagePartners = 'ManagePartners',
  ManageTenant = 'ManageTenant',
  ReadOutbox = 'ReadOutbox',
  ManageOutbox = 'ManageOutbox',
  ReadAuditLog = 'ReadAuditLog',
  ReadSignInLog = 'ReadSignInLog',
  ReadTenantConfiguration = 'ReadTenantConfiguration',
}

/**
 * Delegated scopes an administrator can grant an app for the gateway API (admin consent). A user's
 * token acts with the intersection of the user's roles and the scope: `Directory.Read.All` allows
 * only the read permissions, `Directory.AccessAsUser.All` whatever the user's roles allow.
 */
export enum ApiScope {
  DirectoryReadAll = 'Directory.Read.All',
  DirectoryAccessAsUserAll = 'Directory.AccessAsUser.All',
}

export const API_SCOPES: readonly ApiScope[] = [ApiScope.DirectoryReadAll, ApiScope.DirectoryAccessAsUserAll];

interface Rule {
  /** Roles that hold the permission. */
  readonly roles: readonly DirectoryRole[];
  /** Read-only permissions are the ones a `Directory.Read.All` delegation allows. */
  readonly readOnly: boolean;
  /** What it covers, as the README says it. */
  readonly covers: string;
}

const GA = DirectoryRole.GlobalAdministrator;
const INVITER = DirectoryRole.GuestInviter;
const USERS = DirectoryRole.UserAdministrator;

export const PERMISSION_MATRIX: Readonly<Record<Permission, Rule>> = {
  [Permission.ReadDirectory]: { roles: [GA, INVITER, USERS], readOnly: true, covers: 'read users, groups, apps, assignments and partners' },
  [Permission.ReadInvitations]: {
    roles: [GA, INVITER, USERS],
    readOnly: true,
    covers: 'read invitations and CSV uploads with their reports',
  },
  [Permission.InviteGuests]: {
    roles: [GA, INVITER, USERS],
    readOnly: false,
    covers: 'invite (one by one or by CSV), resend and revoke invitations',
  },
  [Permission.GrantAccessOnInvite]: { roles: [GA], readOnly: false, covers: 'name apps or groups in an invitation or a CSV row' },
  [Permission.ResetRedemption]: { roles: [GA, USERS], readOnly: false, covers: "reset a guest's redemption" },
  [Permission.ManageUsers]: {
    roles: [GA, USERS],
    readOnly: false,
    covers:
      'create members, resend their activation, reset passwords; disable, enable and remove users; send a password reset, revoke sign-in sessions, reset multi-factor sign-in',
  },
  [Permission.ManageGroups]: { roles: [GA], readOnly: false, covers: 'create groups, add and remove members' },
  [Permission.ManageApplications]: {
    roles: [GA],
    readOnly: false,
    covers: 'create, update and delete apps; their secrets; the APIs they expose (identifier, scopes, app roles)',
  },
  // Entra keeps admin consent apart from app management (a Cloud Application Administrator cannot
  // grant application permissions): here too, though only a Global Administrator holds either.
  [Permission.ConsentToApiPermissions]: {
    roles: [GA],
    readOnly: false,
    covers: "admin consent: grant and revoke apps' delegated scopes and app roles on the gateway API and on apps' APIs",
  },
  [Permission.ManageAssignments]: { roles: [GA], readOnly: false, covers: 'assign and unassign apps' },
  [Permission.ManageRoles]: { roles: [GA], readOnly: false, covers: 'assign and unassign directory roles' },
  [Permission.ManagePartners]: { roles: [GA], readOnly: false, covers: "disable or remove a partner's guests" },
  [Permission.ManageTenant]: {
    roles: [GA],
    readOnly: false,
    covers:
      'tenant settings, domains (add, verify, take over, remove), partner-domain policy, identity providers, signing keys, the security policy',
  },
  [Permission.ReadOutbox]: { roles: [GA], readOnly: true, covers: 'read the invitation outbox' },
  [Permission.ManageOutbox]: { roles: [GA], readOnly: false, covers: 'retry outbox messages' },
  [Permission.ReadAuditLog]: { roles: [GA], readOnly: true, covers: 'read the audit log and terms-of-use acceptances' },
  // Entra lets report readers (not User Administrators) read sign-ins; the gateway has no reader role.
  [Permission.ReadSignInLog]: { roles: [GA], readOnly: true, covers: 'read the sign-in log' },
  [Permission.ReadTenantConfiguration]: {
    roles: [GA],
    readOnly: true,
    covers: 'read domains with their verification records, identity providers, signing keys and the security policy',
  },
};

/** Whether the actor may do it: one of its roles holds the permission, within its delegated scope. */
export function can(actor: Actor, permission: Permission): boolean {
  const rule = PERMISSION_MATRIX[permission];
  if (!rule.roles.some((role) => actor.roles.includes(role))) return false;
  return actor.scopes === null || scopeAllows(actor.scopes, rule);
}

/** @throws FORBIDDEN naming the permission and the roles that hold it */
export function authorize(actor: Actor, permission: Permission): void {
  if (can(actor, permission)) return;
  const rule = PERMISSION_MATRIX[permission];
  const roleHeld = rule.roles.some((role) => actor.roles.includes(role));
  const message = roleHeld
    ? `The token's delegated scope does not allow ${permission}`
    : `${permission} requires one of the roles: ${rule.roles.join(', ')}`;
  throw new DomainError(ErrorCode.FORBIDDEN, message, { permission, requiredRoles: [...rule.roles] });
}

/**
 * Acting on one user: the permission, and, when the user holds a directory role, the right to manage
 * roles too (a UserAdministrator resets, disables or removes only users without directory roles, so
 * it can never take over an administrator's account).
 * @throws FORBIDDEN
 */
export function authorizeOnUser(actor: Actor, permission: Permission, targetRoles: readonly DirectoryRole[]): void {
  authorize(actor, permission);
  if (targetRoles.length > 0 && !can(actor, Permission.ManageRoles)) {
    throw new DomainError(ErrorCode.FORBIDDEN, `Only a ${GA} may change a user who holds a directory role`, {
      permission: Permission.ManageRoles,
      requiredRoles: [...PERMISSION_MATRIX[Permission.ManageRoles].roles],
    });
  }
}

function scopeAllows(scopes: readonly string[], rule: Rule): boolean {
  if (scopes.includes(ApiScope.DirectoryAccessAsUserAll)) return true;
  return rule.readOnly && scopes.includes(ApiScope.DirectoryReadAll);
}
