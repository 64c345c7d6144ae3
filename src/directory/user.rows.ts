import { type EntityManager, In } from 'typeorm';
import { insertMany } from '../db/bulk.js';
import { newId } from '../shared/ids.js';
import { CreationType, ExternalUserState, User, UserType } from './user.entity.js';

/**
 * The only writer of `directory_user`: one factory that fills every column, and each change other
 * modules make to a user (sign-in, password, upstream link, redemption, reset, access end), so a
 * new column or a new state is added in one place. Every function works in the caller's
 * EntityManager, so it joins the caller's transaction.
 */

type Required = Pick<User, 'tenantId' | 'userType' | 'displayName' | 'mail' | 'userPrincipalName'>;

function newUser(fields: Required & Partial<User>, now: Date): User {
  // Filled in place (no merged literal copied in again): a CSV upload creates 2000 at once.
  const user = new User();
  user.id = newId();
  user.givenName = null;
  user.familyName = null;
  user.preferredLanguage = null;
  user.activationPending = false;
  user.creationType = null;
  user.externalUserState = null;
  user.externalUserStateChangedAt = null;
  user.signInName = null;
  user.altSecId = null;
  user.accountEnabled = true;
  user.passwordHash = null;
  user.emailVerified = false;
  user.homeUserId = null;
  user.accessExpiresAt = null;
  user.lastSignInAt = null;
  user.upstreamIssuer = null;
  user.upstreamSubject = null;
  user.upstreamAuthenticatedAt = null;
  user.signInSessionsValidFrom = null;
  user.createdAt = now;
  user.updatedAt = now;
  return Object.assign(user, fields);
}

/** A member of a tenant; its mail is its user principal name. */
export function newMember(
  fields: Pick<User, 'tenantId' | 'displayName' | 'mail'> &
    Partial<
      Pick<
        User,
        | 'givenName'
        | 'familyName'
        | 'signInName'
        | 'passwordHash'
        | 'emailVerified'
        | 'upstreamIssuer'
        | 'upstreamSubject'
        | 'upstreamAuthenticatedAt'
      >
    >,
  now: Date,
): User {
  return newUser({ ...fields, userType: UserType.Member, userPrincipalName: fields.mail }, now);
}

/** A member an administrator created: no credentials until the person activates the account. */
export function newPendingMember(
  fields: Pick<User, 'tenantId' | 'displayName' | 'mail' | 'givenName' | 'familyName' | 'preferredLanguage'>,
  now: Date,
): User {
  return newUser({ ...fields, userType: UserType.Member, userPrincipalName: fields.mail, activationPending: true }, now);
}

/** A guest created by an invitation, pending until it is redeemed. */
export function newInvitedGuest(
  fields: Pick<User, 'tenantId' | 'displayName' | 'mail' | 'userPrincipalName' | 'accessExpiresAt'>,
  now: Date,
): User {
  const user = newUser({ ...fields, userType: UserType.Guest }, now);
  user.creationType = CreationType.Invitation;
  user.externalUserState = ExternalUserState.PendingAcceptance;
  user.externalUserStateChangedAt = now;
  return user;
}

export async function insertUser(em: EntityManager, user: User): Promise<void> {
  await em.insert(User, user);
}

export async function insertUsers(em: EntityManager, users: User[]): Promise<void> {
  await insertMany(em, User, users);
}

export async function deleteUser(em: EntityManager, id: string): Promise<void> {
  await em.delete(User, { id });
}

export async function setUserEnabled(em: EntityManager, id: string, accountEnabled: boolean, now: Date): Promise<void> {
  await em.update(User, { id }, { accountEnabled, updatedAt: now });
}

export async function recordSignIn(em: EntityManager, id: string, now: Date): Promise<void> {
  await em.update(User, { id }, { lastSignInAt: now });
}

/** Every sign-in of the user before `at` has ended: its API access tokens issued before stop working. */
export async function endSignInsBefore(em: EntityManager, id: string, at: Date): Promise<void> {
  await em.update(User, { id }, { signInSessionsValidFrom: at });
}

/** The names a person keeps on the account page. */
export async function setNames(
  em: EntityManager,
  id: string,
  names: Pick<User, 'displayName' | 'givenName' | 'familyName'>,
  now: Date,
): Promise<void> {
  await em.update(User, { id }, { ...names, updatedAt: now });
}

/** A member's gateway password (a proven address comes with it). */
export async function setPasswordHash(em: EntityManager, id: string, passwordHash: string, now: Date): Promise<void> {
  await em.update(User, { id }, { passwordHash, emailVerified: true, updatedAt: now });
}

/**
 * An administrator created this member or reset its password: its password stops working and it
 * may not sign in until it sets a new one from the mailed link.
 */
export async function requireActivation(em: EntityManager, id: string, now: Date): Promise<void> {
  await em.update(User, { id }, { passwordHash: null, activationPending: true, updatedAt: now });
}

/** The person set a password from the activation link (which proved the address): the member may sign in. */
export async function completeActivation(em: EntityManager, id: string, passwordHash: string, now: Date): Promise<void> {
  await em.update(User, { id }, { passwordHash, emailVerified: true, activationPending: false, updatedAt: now });
}

/**
 * A member signed in at its organization's own provider: bound to that identity, with no gateway
 * password. The names the provider asserted replace the stored ones (it owns them); names it did
 * not send stay as they were.
 */
export async function linkUpstreamIdentity(
  em: EntityManager,
  member: User,
  upstream: { issuer: string; subject: string } & Partial<Pick<User, 'givenName' | 'familyName'>>,
  now: Date,
): Promise<void> {
  const changes = {
    upstreamIssuer: upstream.issuer,
    upstreamSubject: upstream.subject,
    upstreamAuthenticatedAt: now,
    emailVerified: true,
    passwordHash: null,
    updatedAt: now,
    ...(upstream.givenName ? { givenName: upstream.givenName } : {}),
    ...(upstream.familyName ? { familyName: upstream.familyName } : {}),
  };
  Object.assign(member, changes);
  await em.update(User, { id: member.id }, changes);
}

/** A guest's access end, as its newest invitation settles it. */
export async function setAccessEnd(em: EntityManager, id: string, accessExpiresAt: Date | null): Promise<void> {
  await em.update(User, { id }, { accessExpiresAt });
}

/** Redemption: the guest is bound to the home account that accepted its invitation. */
export async function acceptGuest(
  em: EntityManager,
  guestId: string,
  binding: Pick<User, 'signInName' | 'altSecId' | 'displayName' | 'homeUserId'>,
  now: Date,
): Promise<void> {
  await em.update(
    User,
    { id: guestId },
    { ...binding, externalUserState: ExternalUserState.Accepted, externalUserStateChangedAt: now, updatedAt: now },
  );
}

/** A reset redemption: the guest is pending again, for a new address, and bound to no home account. */
export async function resetGuest(em: EntityManager, guest: User, mail: string, now: Date): Promise<void> {
  Object.assign(guest, {
    mail,
    externalUserState: ExternalUserState.PendingAcceptance,
    externalUserStateChangedAt: now,
    signInName: null,
    altSecId: null,
    homeUserId: null,
    updatedAt: now,
  });
  await em.update(
    User,
    { id: guest.id },
    {
      mail,
      externalUserState: guest.externalUserState,
      externalUserStateChangedAt: now,
      signInName: null,
      altSecId: null,
      homeUserId: null,
      updatedAt: now,
    },
  );
}

/**
 * Admin takeover: members of a self-service tenant become members of the managed tenant. Their ids,
 * passwords and UPNs stay, so the guests they redeemed elsewhere (bound by `homeUserId`) keep working.
 */
export async function moveMembers(em: EntityManager, ids: string[], fromTenantId: string, toTenantId: string, now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await em.update(
    User,
    { id: In(ids), tenantId: fromTenantId, userType: UserType.Member },
    { tenantId: toTenantId, updatedAt: now },
  );
  return result.affected ?? 0;
}
