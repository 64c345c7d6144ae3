import { Arg, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import { type GraphQLContext, requireActor } from '../context.js';
import { DirectoryRole, PrincipalKind } from '../types/enums.js';

@InputType()
export class DirectoryPrincipalInput {
  @Field(() => PrincipalKind)
  kind: PrincipalKind;

  @Field(() => ID)
  id: string;
}

@Resolver()
export class RoleResolver {
  @Mutation(() => [DirectoryRole], { description: "Gives a user or an application a directory role; returns the principal's roles." })
  assignDirectoryRole(
    @Arg('principal', () => DirectoryPrincipalInput) principal: DirectoryPrincipalInput,
    @Arg('role', () => DirectoryRole) role: DirectoryRole,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.roles.assign(requireActor(ctx), principal.kind, principal.id, role);
  }

  @Mutation(() => [DirectoryRole], { description: 'Takes a directory role away (a tenant keeps at least one GlobalAdministrator).' })
  unassignDirectoryRole(
    @Arg('principal', () => DirectoryPrincipalInput) principal: DirectoryPrincipalInput,
    @Arg('role', () => DirectoryRole) role: DirectoryRole,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.roles.unassign(requireActor(ctx), principal.kind, principal.id, role);
  }
}
