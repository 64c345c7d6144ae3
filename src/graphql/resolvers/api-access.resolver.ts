import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { Application } from '../../apps/application.entity.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { ApiAccessGrantObject, ApiScope } from '../types/api-access.type.js';
import { ApplicationObject } from '../types/application.type.js';

@Resolver(() => ApplicationObject)
export class ApiAccessResolver {
  @Mutation(() => ApiAccessGrantObject, {
    description:
      'Admin consent: the app may call this API on behalf of the users who sign in to it, within these scopes (replaces earlier ones).',
  })
  grantApiAccess(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('scopes', () => [ApiScope]) scopes: ApiScope[],
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.apiAccess.grant(requireActor(ctx), applicationId, scopes);
  }

  @Mutation(() => ApplicationObject, { description: "Withdraws the app's API access; its users' tokens stop working at the API at once." })
  revokeApiAccess(@Arg('applicationId', () => ID) applicationId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.apiAccess.revoke(requireActor(ctx), applicationId);
  }

  @FieldResolver(() => ApiAccessGrantObject, {
    nullable: true,
    description: 'Delegated access to this API, if an administrator granted it.',
  })
  apiAccess(@Root() app: Application, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.appApiAccess.load(app.id);
  }
}
