import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { PolicyChanges } from '../../policies/policy-input.js';
import type { PolicyValues } from '../../policies/security-policy.entity.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { toConnection } from '../types/connection.js';
import { PageArgsInput } from '../types/page.args.js';
import {
  SecurityPolicyObject,
  TermsAcceptanceConnection,
  TermsAcceptanceFilterInput,
  UpdateSecurityPolicyInput,
} from '../types/security-policy.type.js';

const toObject = (p: PolicyValues): SecurityPolicyObject => ({
  ...p,
  termsDocuments: Object.entries(p.termsUrls ?? {}).map(([language, url]) => ({ language, url })),
});

/** GraphQL's input as the service's changes: undefined stays, and null clears only what may be null. */
function toChanges(input: UpdateSecurityPolicyInput): PolicyChanges {
  const flag = (v: boolean | null | undefined) => (v === null ? undefined : v);
  const { termsDocuments, termsAudience, ...rest } = input;
  return {
    mfaForAdmins: flag(rest.mfaForAdmins),
    mfaForMembers: flag(rest.mfaForMembers),
    mfaForGuests: flag(rest.mfaForGuests),
    trustPartnerMfa: flag(rest.trustPartnerMfa),
    signInFrequencyMinutes: rest.signInFrequencyMinutes,
    sessionLifetimeMinutes: rest.sessionLifetimeMinutes,
    termsAudience: termsAudience ?? undefined,
    termsUrl: rest.termsUrl,
    termsVersion: rest.termsVersion,
    termsUrls: termsDocuments === undefined ? undefined : Object.fromEntries((termsDocuments ?? []).map((d) => [d.language, d.url])),
  };
}

@Resolver(() => SecurityPolicyObject)
export class SecurityPolicyResolver {
  @Query(() => SecurityPolicyObject, { description: "The tenant's security policy (MFA, sign-in frequency, terms of use)." })
  async securityPolicy(@Ctx() ctx: GraphQLContext) {
    return toObject(await ctx.services.policies.get(requireActor(ctx)));
  }

  @Mutation(() => SecurityPolicyObject, { description: 'Changes the security policy; audited as "Update security policy".' })
  async updateSecurityPolicy(@Arg('input', () => UpdateSecurityPolicyInput) input: UpdateSecurityPolicyInput, @Ctx() ctx: GraphQLContext) {
    return toObject(await ctx.services.policies.update(requireActor(ctx), toChanges(input)));
  }

  @Query(() => TermsAcceptanceConnection, { description: 'Who accepted which version of the terms of use, newest first.' })
  async termsAcceptances(
    @Arg('filter', () => TermsAcceptanceFilterInput, { nullable: true }) filter: TermsAcceptanceFilterInput | null,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await ctx.services.policies.acceptances(requireActor(ctx), filter ?? {}, page));
  }
}
