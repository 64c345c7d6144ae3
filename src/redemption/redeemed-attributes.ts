import { ExternalUserState, type User } from '../directory/user.entity.js';
import type { AuditDetails } from '../shared/audit-actions.js';

/** What redemption writes on the guest (`acceptGuest`). */
export type GuestBinding = Pick<User, 'signInName' | 'altSecId' | 'displayName' | 'homeUserId'>;

/**
 * The details of the documented "Update user" event of a redemption: the attributes that changed,
 * under the names of the audit reference (AlternativeSecurityId, UserState, UserStateChangedOn, and
 * the attribute doc's SignInName and DisplayName), with their new values. None is secret: the
 * AltSecId is in the guest's tokens already. `homeUserId` is internal and not listed.
 */
export function redeemedAttributes(
  guest: Pick<User, 'signInName' | 'altSecId' | 'displayName' | 'externalUserState' | 'externalUserStateChangedAt'>,
  binding: GuestBinding,
  now: Date,
): AuditDetails {
  const candidates: [string, string | null, string | null][] = [
    ['AlternativeSecurityId', guest.altSecId, binding.altSecId],
    ['SignInName', guest.signInName, binding.signInName],
    ['DisplayName', guest.displayName, binding.displayName],
    ['UserState', guest.externalUserState, ExternalUserState.Accepted],
    ['UserStateChangedOn', guest.externalUserStateChangedAt?.toISOString() ?? null, now.toISOString()],
  ];
  const changed = candidates.filter(([, before, after]) => before !== after);
  return { modifiedProperties: changed.map(([name]) => name), ...Object.fromEntries(changed.map(([name, , after]) => [name, after])) };
}
