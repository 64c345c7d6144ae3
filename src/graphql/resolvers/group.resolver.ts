import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type GraphQLContext, requireActor } from '../context.js';
import { toConnection } from '../types/connection.js';
import { CreateGroupInput } from '../types/directory.input.js';
import { GroupConnection, GroupObject, UserConnection } from '../types/directory.type.js';
import { PageArgsInput } from '../types/page.args.js';

@Resolver(() => GroupObject)
export class GroupResolver {
  @Query(() => GroupConnection)
  async groups(@Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.groups.list(requireActor(ctx), page));
  }

  @Query(() => GroupObject)
  group(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.groups.get(requireActor(ctx), id);
  }

  @Mutation(() => GroupObject)
  createGroup(@Arg('input', () => CreateGroupInput) input: CreateGroupInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.groups.create(requireActor(ctx), input);
  }

  @Mutation(() => GroupObject)
  addGroupMember(@Arg('groupId', () => ID) groupId: string, @Arg('userId', () => ID) userId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.groups.addMember(requireActor(ctx), groupId, userId);
  }

  @Mutation(() => GroupObject)
  removeGroupMember(@Arg('groupId', () => ID) groupId: string, @Arg('userId', () => ID) userId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.groups.removeMember(requireActor(ctx), groupId, userId);
  }

  @FieldResolver(() => UserConnection)
  async members(@Root() group: GroupObject, @Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.groups.members(requireActor(ctx), group.id, page));
  }
}
