import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { PublishedKey } from '../../oidc/signing-key.service.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { SigningKeyObject } from '../types/signing-key.type.js';

const toObject = ({ key, status }: PublishedKey): SigningKeyObject => ({
  kid: key.kid,
  alg: key.alg,
  status,
  activatesAt: key.activatesAt,
  retiresAt: key.retiresAt,
  createdAt: key.createdAt,
});

@Resolver(() => SigningKeyObject)
export class SigningKeyResolver {
  @Query(() => [SigningKeyObject], { description: "The tenant's published signing keys, the active one first." })
  async signingKeys(@Ctx() ctx: GraphQLContext) {
    return (await ctx.services.signingKeys.list(requireActor(ctx))).map(toObject);
  }

  @Mutation(() => [SigningKeyObject], {
    description:
      'Publishes a new signing key now that signs from `activateInSeconds` on (default one day, so relying parties fetch it first); the current key then retires and stays published until its tokens expire.',
  })
  async rotateSigningKey(
    @Arg('activateInSeconds', () => Int, { nullable: true }) activateInSeconds: number | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return (await ctx.services.signingKeys.rotate(requireActor(ctx), activateInSeconds ?? 86_400)).map(toObject);
  }
}
