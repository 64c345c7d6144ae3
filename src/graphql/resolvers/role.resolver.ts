import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { type GraphQLContext, requireActor } from '../context.js';
import { DirectoryPrincipalInput } from '../types/directory.input.js';
import { DirectoryRole } from '../types/enums.js';

@Resolver()
export class RoleResolver {
  @Mutation(() => [DirectoryRole], { description: "Gives a user or an application a directory role; returns the principal's roles." })
  assignDirectoryRole(
    @Arg('principal', () => DirectoryPrincipalInput) principal: DirectoryPrincipalInput,
    @Arg('role', () => DirectoryRole) role: DirectoryRole,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.roles.assign(requireActor(ctx), principal.type, principal.id, role);
  }

  @Mutation(() => [DirectoryRole], { description: 'Takes a directory role away (a tenant keeps at least one GlobalAdministrator).' })
  unassignDirectoryRole(
    @Arg('principal', () => DirectoryPrincipalInput) principal: DirectoryPrincipalInput,
    @Arg('role', () => DirectoryRole) role: DirectoryRole,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.roles.unassign(requireActor(ctx), principal.type, principal.id, role);
  }
}
