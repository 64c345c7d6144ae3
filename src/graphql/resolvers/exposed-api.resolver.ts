import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { ApiAccessGrant } from '../../apps/api-access-grant.entity.js';
import type { Application } from '../../apps/application.entity.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { ApplicationObject } from '../types/application.type.js';
import { ApiPermissionGrantObject, ApiPermissionsInput, ExposeApiInput, ExposedApiObject } from '../types/exposed-api.type.js';

/** An app's exposed API and the grants apps hold on such APIs (transport only: ExposedApiService, ApiAccessService). */
@Resolver(() => ApplicationObject)
export class ExposedApiResolver {
  @Mutation(() => ExposedApiObject, {
    description: "Exposes the app's API (identifier, scopes, app roles), replacing what it exposed before.",
  })
  exposeApi(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('input', () => ExposeApiInput) input: ExposeApiInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.exposedApis.expose(requireActor(ctx), applicationId, input);
  }

  @Mutation(() => ApplicationObject, { description: "Stops exposing the app's API; every grant for it goes too." })
  removeExposedApi(@Arg('applicationId', () => ID) applicationId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.exposedApis.remove(requireActor(ctx), applicationId);
  }

  @Mutation(() => ApiPermissionGrantObject, {
    description: "Admin consent: the app may use these scopes and app roles of the other app's API (replaces an earlier grant).",
  })
  async grantApiPermissions(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('resourceApplicationId', () => ID) resourceApplicationId: string,
    @Arg('permissions', () => ApiPermissionsInput) permissions: ApiPermissionsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    const actor = requireActor(ctx);
    const grant = await ctx.services.apiAccess.grantOnApi(actor, applicationId, resourceApplicationId, permissions);
    return (await this.withIdentifiers(ctx, [grant]))[0];
  }

  @Mutation(() => ApplicationObject, { description: "Withdraws the app's grant on the other app's API: no new tokens for it." })
  revokeApiPermissions(
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('resourceApplicationId', () => ID) resourceApplicationId: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.apiAccess.revokeOnApi(requireActor(ctx), applicationId, resourceApplicationId);
  }

  @FieldResolver(() => ExposedApiObject, { nullable: true, description: 'The API this app exposes, if any.' })
  exposedApi(@Root() app: Application, @Ctx() ctx: GraphQLContext) {
    return ctx.services.exposedApis.ofApplication(requireActor(ctx), app);
  }

  @FieldResolver(() => [ApiPermissionGrantObject], { description: "What this app was granted on other apps' APIs." })
  async apiPermissions(@Root() app: Application, @Ctx() ctx: GraphQLContext) {
    return this.withIdentifiers(ctx, await ctx.services.apiAccess.grantsOf(requireActor(ctx), app));
  }

  private async withIdentifiers(ctx: GraphQLContext, grants: ApiAccessGrant[]): Promise<ApiPermissionGrantObject[]> {
    const actor = requireActor(ctx);
    const apis = await ctx.services.exposedApis.byApplicationIds(
      actor.tenantId,
      grants.map((g) => g.resource),
    );
    const byApp = new Map(apis.map((a) => [a.applicationId, a.identifierUri]));
    return grants.map((g) => ({
      resourceApplicationId: g.resource,
      identifierUri: byApp.get(g.resource) ?? null,
      scopes: g.scopes,
      appRoles: g.appRoles,
      grantedByKind: g.grantedByKind as ApiPermissionGrantObject['grantedByKind'],
      grantedById: g.grantedById,
      updatedAt: g.updatedAt,
    }));
  }
}
