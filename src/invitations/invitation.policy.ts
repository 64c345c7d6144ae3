import type { Application } from '../apps/application.entity.js';
import { landingUrlsOf } from '../apps/reply-urls.js';
import { requireUsableByPeople } from '../apps/usable-by-people.js';
import type { Group } from '../directory/group.entity.js';
import { ExternalUserState, type User, UserType } from '../directory/user.entity.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { emailDomain, normalizeEmail } from '../shared/email.js';
import { optionalHttpUrl } from '../shared/urls.js';
import {
  checkPartnerDomain,
  normalizeCcAddress,
  normalizeDisplayName,
  normalizeInvitationText,
  refuseConsumerDomain,
} from './invitation-fields.js';
import type { InviteContext } from './invite-context.js';
import { effectiveStatus, pendingButExpired } from './invitation-state.js';
import { type Invitation, InvitationStatus } from './invitation.entity.js';
import { type Language, normalizeLanguage } from './languages.js';
import { checkRedirectUrl } from './redirect-url.js';

/**
 * Invitation rules without I/O: the GraphQL path and the CSV path apply exactly the same checks
 * (each field's own rule: invitation-fields.ts, the redirect URL's: redirect-url.ts).
 */

// Addresses are shared vocabulary (src/shared/email.ts); re-exported for the invitation rules' callers.
export { emailDomain, normalizeEmail };

/** `alice@fabrikam.com` invited by contoso.com → `alice_fabrikam.com#EXT#@contoso.com`. */
export function guestUserPrincipalName(email: string, tenantDomain: string, suffix = ''): string {
  return `${email.replace('@', '_')}${suffix}#EXT#@${tenantDomain}`;
}

export function expiryFor(now: Date, ttlDays: number): Date | null {
  return ttlDays === 0 ? null : new Date(now.getTime() + ttlDays * 86_400_000);
}

export { effectiveStatus, pendingButExpired };

/** @throws INVITATION_NOT_PENDING */
export function requirePending(invitation: Invitation, now: Date): void {
  const status = effectiveStatus(invitation, now);
  if (status !== InvitationStatus.PendingAcceptance) {
    throw new DomainError(ErrorCode.INVITATION_NOT_PENDING, `The invitation is ${status}, not pending`, { status });
  }
}

/** The fields of an invitation as requested (GraphQL input or one CSV row). */
export interface InviteRequestInput {
  email: string;
  displayName?: string | null;
  redirectUrl?: string | null;
  /** Where redirectUrl came from, for the refusal's message: `redirectUrl` (GraphQL) unless a CSV names its column. */
  redirectUrlSource?: string;
  /** Object ids or AppIds of the tenant's applications. */
  applicationIds?: readonly string[] | null;
  groupIds?: readonly string[] | null;
  invitationText?: string | null;
  ccEmailAddress?: string | null;
  language?: string | null;
  sendInvitationMessage?: boolean | null;
  /** The 2015 CSV's InviteContactUsUrl: overrides the tenant's contact link in this invitation's email. */
  contactUrl?: string | null;
  /** Optional end of the guest's access. */
  accessExpiresAt?: Date | null;
}

/** An invitation request that passed every rule, with its apps and groups resolved. */
export interface ValidatedInvite {
  email: string;
  displayName: string;
  redirectUrl: string | null;
  apps: Application[];
  groups: Group[];
  invitationText: string | null;
  ccEmailAddress: string | null;
  language: Language;
  sendInvitationMessage: boolean;
  contactUrl: string | null;
  accessExpiresAt: Date | null;
}

/**
 * Applies every invitation rule, in a fixed order, the same for GraphQL and CSV.
 * @throws the DomainError of the first rule broken
 */
export function validateInvite(input: InviteRequestInput, ctx: InviteContext): ValidatedInvite {
  const email = normalizeEmail(input.email);
  if (ctx.tenant.refuseConsumerDomains) refuseConsumerDomain(email, ctx.consumerDomains);
  checkPartnerDomain(ctx.tenant, emailDomain(email));
  if (ctx.ownDomains.has(emailDomain(email))) {
    throw new DomainError(
      ErrorCode.EMAIL_DOMAIN_OWNED_BY_TENANT,
      `${emailDomain(email)} is a domain of this tenant; add the person as a member instead`,
    );
  }
  const ccEmailAddress = normalizeCcAddress(input.ccEmailAddress);
  const language = normalizeLanguage(input.language);
  const invitationText = normalizeInvitationText(input.invitationText);
  const displayName = normalizeDisplayName(input.displayName, email);
  // Checked before the ids are resolved, so a caller who may not grant learns nothing about them.
  if (!ctx.grantsAllowed && [...(input.applicationIds ?? []), ...(input.groupIds ?? [])].some((id) => id.trim())) {
    throw new DomainError(
      ErrorCode.GRANT_NOT_ALLOWED,
      'Only a GlobalAdministrator may give apps or groups with an invitation; invite without them',
      {
        permission: 'GrantAccessOnInvite',
      },
    );
  }
  const apps = uniqueBy(resolveAll(input.applicationIds, ctx.apps, 'Application'), (a) => a.id);
  apps.forEach(requireUsableByPeople);
  const groups = resolveAll(input.groupIds, ctx.groups, 'Group');
  const redirectUrl = checkRedirectUrl(
    input.redirectUrl,
    apps.flatMap(landingUrlsOf),
    ctx.tenant.allowedRedirectHosts,
    input.redirectUrlSource,
  );
  return {
    email,
    displayName,
    redirectUrl,
    apps,
    groups,
    invitationText,
    ccEmailAddress,
    language,
    sendInvitationMessage: sendsInvitationMessage(input),
    contactUrl: optionalHttpUrl(input.contactUrl, 'contactUrl'),
    accessExpiresAt: futureDate(input.accessExpiresAt, ctx.now, 'accessExpiresAt'),
  };
}

/**
 * Whether a person may be invited given the user with that address in the tenant, if any.
 * @throws USER_ALREADY_MEMBER, GUEST_ALREADY_ACCEPTED
 */
export function checkInvitee(existing: Pick<User, 'id' | 'mail' | 'userType' | 'externalUserState'> | null): void {
  if (existing?.userType === UserType.Member) {
    throw new DomainError(ErrorCode.USER_ALREADY_MEMBER, `${existing.mail} is already a member of this tenant`, { userId: existing.id });
  }
  if (existing?.externalUserState === ExternalUserState.Accepted) {
    throw new DomainError(
      ErrorCode.GUEST_ALREADY_ACCEPTED,
      `${existing.mail} has already accepted an invitation; assign apps or groups to the guest directly`,
      {
        userId: existing.id,
      },
    );
  }
}

function futureDate(value: Date | null | undefined, now: Date, field: string): Date | null {
  if (value == null) return null;
  if (Number.isNaN(value.getTime()) || value <= now)
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `${field} must be in the future`, { field });
  return value;
}

function resolveAll<T>(refs: readonly string[] | null | undefined, known: ReadonlyMap<string, T>, entity: string): T[] {
  const ids = [...new Set((refs ?? []).map((id) => id.trim()).filter(Boolean))];
  return ids.map((id) => {
    const found = known.get(id);
    if (!found) throw notFound(entity, id);
    return found;
  });
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && (seen.add(key(item)), true));
}

/** Whether an invitation queues its email (the default), or the admin hands the link over. */
export function sendsInvitationMessage(input: Pick<InviteRequestInput, 'sendInvitationMessage'>): boolean {
  return input.sendInvitationMessage ?? true;
}

/**
 * What re-inviting a pending guest keeps of the limits the earlier invitation set. A caller who may
 * not grant access (a GuestInviter) never loosens them: the earlier access end stays when it is
 * sooner, and the earlier CC address (which forbids creating an account) stays when none is given.
 * A GlobalAdministrator's invitation decides both, but naming no access end keeps the guest's.
 */
export function keepEarlierLimits(
  invite: ValidatedInvite,
  earlier: { accessExpiresAt: Date | null; ccEmailAddress: string | null },
  grantsAllowed: boolean,
): ValidatedInvite {
  if (grantsAllowed) return { ...invite, accessExpiresAt: invite.accessExpiresAt ?? earlier.accessExpiresAt };
  const ends = [invite.accessExpiresAt, earlier.accessExpiresAt].filter((d): d is Date => d !== null);
  return {
    ...invite,
    accessExpiresAt: ends.length ? new Date(Math.min(...ends.map((d) => d.getTime()))) : null,
    ccEmailAddress: invite.ccEmailAddress ?? earlier.ccEmailAddress,
  };
}
