import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { can, Permission } from '../../directory/permissions.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { TenantObject, ViewerObject } from '../types/directory.type.js';

@Resolver(() => ViewerObject)
export class ViewerResolver {
  @Query(() => ViewerObject, { description: 'The caller: who am I, my tenant and my roles.' })
  viewer(@Ctx() ctx: GraphQLContext): ViewerObject {
    const actor = requireActor(ctx);
    return {
      kind: actor.kind,
      id: actor.id,
      displayName: actor.displayName,
      roles: [...actor.roles],
      scopes: actor.scopes ? [...actor.scopes] : null,
      permissions: Object.values(Permission).filter((permission) => can(actor, permission)),
      tenantId: actor.tenantId,
    };
  }

  @FieldResolver(() => TenantObject, { name: 'tenant' })
  viewerTenant(@Root() viewer: ViewerObject, @Ctx() ctx: GraphQLContext) {
    return ctx.services.tenants.get(viewer.tenantId);
  }
}
