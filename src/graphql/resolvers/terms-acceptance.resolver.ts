import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { TermsAcceptance } from '../../policies/security-policy.entity.js';
import type { GraphQLContext } from '../context.js';
import { UserObject } from '../types/directory.type.js';
import { TermsAcceptanceObject } from '../types/security-policy.type.js';

@Resolver(() => TermsAcceptanceObject)
export class TermsAcceptanceResolver {
  @FieldResolver(() => UserObject, {
    nullable: true,
    description: 'The person who accepted (their name and e-mail address); null once the account was removed.',
  })
  async user(@Root() acceptance: TermsAcceptance, @Ctx() ctx: GraphQLContext) {
    const user = await ctx.loaders.users.load(acceptance.userId);
    // Only the acceptance's own tenant's account: never a person of another tenant with that id.
    return user && user.tenantId === acceptance.tenantId ? user : null;
  }
}
