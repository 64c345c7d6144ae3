import type { EntityManager } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/errors.js';
import { type Actor, isActor, operatorActor } from '../directory/actor.js';
import type { GroupService } from '../directory/group.service.js';
import { authorize, authorizeOnUser, Permission } from '../directory/permissions.js';
import { DirectoryRole, PrincipalKind } from '../directory/role-assignment.entity.js';
import type { RoleService } from '../directory/role.service.js';
import type { TenantService } from '../directory/tenant.service.js';
import { User, UserType } from '../directory/user.entity.js';
import { insertUser, newPendingMember, requireActivation } from '../directory/user.rows.js';
import type { UserService } from '../directory/user.service.js';
import { normalizeDisplayName } from '../invitations/invitation-fields.js';
import { emailDomain, normalizeEmail } from '../shared/email.js';
import { normalizeLanguage } from '../invitations/languages.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import type { ActivationService } from './activation.service.js';

export interface CreateUserInput {
  email: string;
  displayName: string;
  givenName?: string | null;
  familyName?: string | null;
  /** The language of the activation mail; the default language when absent. */
  preferredLanguage?: string | null;
  groupIds?: readonly string[] | null;
  roles?: readonly DirectoryRole[] | null;
}

export interface CreatedMember {
  user: User;
  /** The activation link; the API never returns it (it is mailed), the operator's CLI prints it. */
  activationUrl: string;
}

/**
 * Members of a managed tenant that administrators create: an address on one of the tenant's
 * verified domains, no password until the person activates the account from the mailed link
 * (src/accounts/activation.service.ts); a password reset sends the member through activation again.
 */
export class MemberService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly tenants: TenantService,
    private readonly users: UserService,
    private readonly roles: RoleService,
    private readonly groups: GroupService,
    private readonly audit: AuditService,
    private readonly activation: ActivationService,
  ) {}

  /**
   * Naming groups takes ManageGroups, naming roles ManageRoles (a UserAdministrator creates plain members).
   * @throws FORBIDDEN, INVALID_EMAIL, EMAIL_DOMAIN_NOT_VERIFIED, USER_ALREADY_MEMBER, UNSUPPORTED_LANGUAGE, BAD_USER_INPUT, NOT_FOUND (a group)
   */
  async createUser(actor: Actor, input: CreateUserInput): Promise<CreatedMember> {
    authorize(actor, Permission.ManageUsers);
    if (input.roles?.length) authorize(actor, Permission.ManageRoles);
    if (input.groupIds?.length) authorize(actor, Permission.ManageGroups);
    return this.create(actor, input);
  }

  /** The operator's path (CLI, demo): no permission check, audited as the gateway operator; in the caller's transaction when given one. */
  async createAsOperator(tenantId: string, input: CreateUserInput, em?: EntityManager): Promise<CreatedMember> {
    return this.create(operatorActor(tenantId), input, em);
  }

  /** The operator's path (demo start): a new link for a member still waiting for activation, or null. */
  async resendAsOperator(tenantId: string, userId: string): Promise<string | null> {
    return this.db.transaction(async (em) => {
      const user = await this.users.getInTenant(tenantId, userId, em);
      if (!user.activationPending) return null;
      return this.activation.issue(em, user, await this.tenants.get(tenantId, em), user.emailVerified ? 'reset' : 'activate');
    });
  }

  /**
   * A new link for a member who has not activated yet (the previous link stops working); at most one a minute.
   * @throws NOT_FOUND, FORBIDDEN, ACTIVATION_NOT_PENDING, TOO_MANY_ATTEMPTS
   */
  async resendActivation(actor: Actor, userId: string): Promise<User> {
    authorize(actor, Permission.ManageUsers);
    return this.db.transaction(async (em) => {
      const user = await this.users.getInTenant(actor.tenantId, userId, em);
      authorizeOnUser(actor, Permission.ManageUsers, await this.roles.rolesWithin(em, actor.tenantId, PrincipalKind.User, user.id));
      if (user.userType !== UserType.Member || !user.activationPending) {
        throw new DomainError(ErrorCode.ACTIVATION_NOT_PENDING, `${user.userPrincipalName} is not waiting for activation`);
      }
      await this.activation.requireResendAllowed(em, user.id);
      await this.activation.issue(em, user, await this.tenants.get(actor.tenantId, em), user.emailVerified ? 'reset' : 'activate');
      await this.audit.record(em, actor, AuditAction.ResendUserActivation, { type: 'User', id: user.id });
      return user;
    });
  }

  /**
   * The member's password stops working and its sessions end at once; it sets a new one from the
   * mailed link. Not for guests (they sign in at home) nor members of a federated organization.
   * At most one mail a minute per member (resends included).
   * @throws NOT_FOUND, FORBIDDEN, CANNOT_MODIFY_SELF, ACTIVATION_NOT_PENDING, TOO_MANY_ATTEMPTS
   */
  async resetPassword(actor: Actor, userId: string): Promise<User> {
    authorize(actor, Permission.ManageUsers);
    if (isActor(actor, PrincipalKind.User, userId))
      throw new DomainError(ErrorCode.CANNOT_MODIFY_SELF, 'You cannot reset your own password here');
    return this.db.transaction(async (em) => {
      const user = await this.users.getInTenant(actor.tenantId, userId, em);
      authorizeOnUser(actor, Permission.ManageUsers, await this.roles.rolesWithin(em, actor.tenantId, PrincipalKind.User, user.id));
      if (user.userType !== UserType.Member || user.upstreamIssuer) {
        throw new DomainError(ErrorCode.ACTIVATION_NOT_PENDING, `${user.userPrincipalName} has no password of this gateway to reset`);
      }
      await this.activation.requireResendAllowed(em, user.id);
      const now = this.clock.now();
      await requireActivation(em, user.id, now);
      Object.assign(user, { passwordHash: null, activationPending: true, updatedAt: now });
      await this.users.endSignIns(em, user);
      await this.activation.issue(em, user, await this.tenants.get(actor.tenantId, em), 'reset');
      await this.audit.record(em, actor, AuditAction.ResetUserPassword, { type: 'User', id: user.id });
      return user;
    });
  }

  private async create(actor: Actor, input: CreateUserInput, within?: EntityManager): Promise<CreatedMember> {
    const email = normalizeEmail(input.email);
    const fields = {
      displayName: normalizeDisplayName(input.displayName, email),
      givenName: optionalName(input.givenName, 'givenName'),
      familyName: optionalName(input.familyName, 'familyName'),
      preferredLanguage: input.preferredLanguage ? normalizeLanguage(input.preferredLanguage) : null,
    };
    const work = async (em: EntityManager): Promise<CreatedMember> => {
      const tenant = await this.tenants.get(actor.tenantId, em);
      if ((await this.tenants.domainOwner(emailDomain(email), em)) !== tenant.id) {
        throw new DomainError(ErrorCode.EMAIL_DOMAIN_NOT_VERIFIED, `${emailDomain(email)} is not a verified domain of this tenant`, {
          domain: emailDomain(email),
        });
      }
      await this.refuseExisting(em, tenant.id, email);
      const groups = [];
      for (const id of new Set(input.groupIds ?? [])) groups.push(await this.groups.getInTenant(tenant.id, id, em));
      const user = newPendingMember({ tenantId: tenant.id, mail: email, ...fields }, this.clock.now());
      await insertUser(em, user);
      for (const role of new Set(input.roles ?? [])) await this.roles.grant(tenant.id, PrincipalKind.User, user.id, role, em);
      for (const group of groups) await this.groups.addMemberWithin(em, actor, group, user);
      await this.audit.record(
        em,
        actor,
        AuditAction.AddUser,
        { type: 'User', id: user.id },
        { userPrincipalName: email, roles: [...(input.roles ?? [])].join(',') },
      );
      return { user, activationUrl: await this.activation.issue(em, user, tenant, 'activate') };
    };
    try {
      return await (within ? work(within) : this.db.transaction(work));
    } catch (error) {
      // Two creations of one address at once: the unique (tenantId, userPrincipalName) index lets one commit.
      if (isUniqueViolation(error)) throw alreadyMember(email);
      throw error;
    }
  }

  private async refuseExisting(em: EntityManager, tenantId: string, email: string): Promise<void> {
    if (await em.countBy(User, { tenantId, mail: email })) throw alreadyMember(email);
  }
}

function alreadyMember(email: string): DomainError {
  return new DomainError(ErrorCode.USER_ALREADY_MEMBER, `${email} is already a user of this tenant`);
}

/** A given or family name: optional, at most 64 characters, one line (members and the account page). */
export function optionalName(raw: string | null | undefined, field: string): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  if (value.length > 64 || /[\r\n\0<>]/.test(value))
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must be at most 64 characters, on one line`, { field });
  return value;
}
