import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { type GraphQLContext, requireActor } from '../context.js';
import { RegisterIdentityProviderInput } from '../types/federation.input.js';
import { IdentityProviderObject } from '../types/federation.type.js';

@Resolver(() => IdentityProviderObject)
export class FederationResolver {
  @Query(() => [IdentityProviderObject])
  identityProviders(@Ctx() ctx: GraphQLContext) {
    return ctx.services.federation.list(requireActor(ctx));
  }

  @Mutation(() => IdentityProviderObject, {
    description:
      'Federates once: addresses in these domains then sign in at this provider whenever any tenant invites them. The redirect URI to register there is <public url>/federation/callback.',
  })
  registerIdentityProvider(
    @Arg('input', () => RegisterIdentityProviderInput) input: RegisterIdentityProviderInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.federation.register(requireActor(ctx), input);
  }

  @Mutation(() => ID)
  async removeIdentityProvider(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return (await ctx.services.federation.remove(requireActor(ctx), id)).id;
  }
}
