import type { Application } from '../apps/application.entity.js';
import { landingUrlsOf } from '../apps/reply-urls.js';
import type { Group } from '../directory/group.entity.js';
import { PartnerDomainPolicy, type Tenant } from '../directory/tenant.entity.js';
import { ExternalUserState, type User, UserType } from '../directory/user.entity.js';
import { DomainError, ErrorCode, notFound } from '../shared/errors.js';
import { emailDomain, normalizeEmail } from '../shared/email.js';
import { optionalHttpUrl } from '../shared/urls.js';
import type { InviteContext } from './invite-context.js';
import { effectiveStatus, pendingButExpired } from './invitation-state.js';
import { type Invitation, InvitationStatus } from './invitation.entity.js';
import { type Language, normalizeLanguage } from './languages.js';

/** Invitation rules without I/O: the GraphQL path and the CSV path apply exactly the same checks. */

export const MAX_INVITATION_TEXT = 2000;
export const MAX_DISPLAY_NAME = 256;

// Addresses are shared vocabulary (src/shared/email.ts); re-exported for the invitation rules' callers.
export { emailDomain, normalizeEmail };

/** @throws CONSUMER_EMAIL_NOT_SUPPORTED */
export function refuseConsumerDomain(email: string, consumerDomains: ReadonlySet<string>): void {
  const domain = emailDomain(email);
  if (consumerDomains.has(domain)) {
    throw new DomainError(
      ErrorCode.CONSUMER_EMAIL_NOT_SUPPORTED,
      `Consumer email addresses (${domain}) cannot be invited; use the person's work address`,
      { domain },
    );
  }
}

/**
 * The tenant's partner-domain policy: an allow list or a block list (a listed domain covers its
 * subdomains). Checked at invite time and again at redemption.
 * @throws DOMAIN_NOT_ALLOWED
 */
export function checkPartnerDomain(tenant: Pick<Tenant, 'partnerDomainPolicy' | 'partnerDomains'>, domain: string): void {
  const listed = tenant.partnerDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
  const allowed =
    tenant.partnerDomainPolicy === PartnerDomainPolicy.AllowList
      ? listed
      : tenant.partnerDomainPolicy === PartnerDomainPolicy.BlockList
        ? !listed
        : true;
  if (!allowed) {
    throw new DomainError(ErrorCode.DOMAIN_NOT_ALLOWED, `This organization does not collaborate with ${domain}`, { domain });
  }
}

/**
 * One CC address at most (the CSV column and Graph's ccRecipients both allow one).
 * @throws TOO_MANY_CC_RECIPIENTS, INVALID_EMAIL
 */
export function normalizeCcAddress(raw: string | null | undefined): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  if (value.split(/[,;\s]+/).filter(Boolean).length > 1) {
    throw new DomainError(ErrorCode.TOO_MANY_CC_RECIPIENTS, 'At most one CC email address is allowed', { field: 'ccEmailAddress' });
  }
  return normalizeEmail(value, 'ccEmailAddress');
}

/** `alice@fabrikam.com` invited by contoso.com → `alice_fabrikam.com#EXT#@contoso.com`. */
export function guestUserPrincipalName(email: string, tenantDomain: string, suffix = ''): string {
  return `${email.replace('@', '_')}${suffix}#EXT#@${tenantDomain}`;
}

/**
 * No open redirect: the URL must equal a reply URL or the homepage of an app being granted
 * (`landingUrlsOf`), or be https on a host the tenant allows (`host` exactly, or `*.suffix` for its
 * subdomains). Empty means the access panel. `source` names where the URL came from (the GraphQL
 * field, or the CSV column as its header spells it) in the refusal, which also names the URL.
 * @throws REDIRECT_URL_NOT_ALLOWED
 */
export function checkRedirectUrl(
  raw: string | null | undefined,
  grantedUrls: readonly string[],
  allowedHosts: readonly string[],
  source = 'redirectUrl',
): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  const url = URL.parse(value);
  const refuse = () =>
    new DomainError(
      ErrorCode.REDIRECT_URL_NOT_ALLOWED,
      `The redirect URL ${JSON.stringify(value.slice(0, 300))} in ${source} is not allowed: it must be a reply URL or the homepage of an application granted by this invitation, or https on a host the tenant allows`,
      { field: 'redirectUrl' },
    );
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) throw refuse();
  if (grantedUrls.includes(url.href)) return url.href;
  if (url.protocol === 'https:' && allowedHosts.some((pattern) => hostMatches(url.hostname, pattern))) return url.href;
  throw refuse();
}

/**
 * A CSV's redirect cell as a URL: without a scheme (`contoso.my.salesforce.com`, the documentation's
 * example) it is read as https; anything with one is left for checkRedirectUrl to judge.
 */
export function csvRedirectUrl(raw: string | null | undefined): string | null {
  const value = raw?.trim() ?? '';
  if (value === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value || null;
  return `https://${value.replace(/^\/\//, '')}`;
}

function hostMatches(host: string, pattern: string): boolean {
  const p = pattern.toLowerCase();
  return p.startsWith('*.') ? host.endsWith(p.slice(1)) && host.length > p.length - 1 : host === p;
}

/** Optional free text: kept verbatim (it is plain text everywhere), but bounded. @throws BAD_USER_INPUT */
export function normalizeInvitationText(raw: string | null | undefined): string | null {
  const value = raw?.trim() ?? '';
  if (value === '') return null;
  if (value.length > MAX_INVITATION_TEXT) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `invitationText must be at most ${MAX_INVITATION_TEXT} characters`, {
      field: 'invitationText',
    });
  }
  return value;
}

/** Display names are single-line (they end up in mail headers). @throws BAD_USER_INPUT */
export function normalizeDisplayName(raw: string | null | undefined, fallback: string): string {
  const value = (raw ?? '').replace(/[\r\n\t\0]+/g, ' ').trim();
  if (value.length > MAX_DISPLAY_NAME) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `displayName must be at most ${MAX_DISPLAY_NAME} characters`, { field: 'displayName' });
  }
  return value || fallback;
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
