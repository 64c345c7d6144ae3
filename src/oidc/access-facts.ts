import type { AccessService } from '../access/access.service.js';
import type { AppAssignment } from '../apps/app-assignment.entity.js';
import type { User } from '../directory/user.entity.js';
import type { KnownPolicy, PolicyGate } from '../policies/policy-gate.js';

/** What every access check of a provider request reads about an account and the app it signs in to. */
export interface AccessFacts {
  /** The tenant's policy and whether the account holds a directory role (PolicyGate's `known`). */
  known: KnownPolicy;
  /** The account's assignments to the app (its own and its groups'), for checkSignIn and appRolesOf. */
  assignments: AppAssignment[];
}

/**
 * The policy, the directory-role question and the account's assignments to the app in one statement
 * (authorization, token and refresh requests ask all three; a statement costs CPU twice, in the pg
 * driver and in the server): the policy's read (SecurityPolicyService.policyWithRole) with the
 * assignments' joined (AccessService.assignmentsJoin), each rule still written where it lives.
 */
export async function accessFacts(
  deps: { access: Pick<AccessService, 'assignmentsJoin'>; policy: Pick<PolicyGate, 'policyWithRole'> },
  account: User,
  applicationId: string,
): Promise<AccessFacts> {
  const assignments = deps.access.assignmentsJoin(account, applicationId);
  const { policy, holdsRole, rows } = await deps.policy.policyWithRole(account, assignments);
  return { known: { policy, holdsRole }, assignments: assignments.fromRows(rows) };
}
