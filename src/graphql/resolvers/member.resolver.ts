import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { type GraphQLContext, requireActor } from '../context.js';
import { UserObject } from '../types/directory.type.js';
import { CreateUserInput } from '../types/member.input.js';

/** Members the tenant's administrators create; the activation link goes by mail, never through the API. */
@Resolver()
export class MemberResolver {
  @Mutation(() => UserObject, { description: 'Creates a member waiting for activation and mails the person an activation link.' })
  async createUser(@Arg('input', () => CreateUserInput) input: CreateUserInput, @Ctx() ctx: GraphQLContext) {
    return (await ctx.services.members.createUser(requireActor(ctx), input)).user;
  }

  @Mutation(() => UserObject, {
    description:
      'Mails a new activation link to a member who has not activated yet; the previous link stops working. At most one link a minute per member (TOO_MANY_ATTEMPTS with retryAfterSeconds).',
  })
  resendActivation(@Arg('userId', () => ID) userId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.members.resendActivation(requireActor(ctx), userId);
  }

  @Mutation(() => UserObject, {
    description:
      "Ends the member's password and sessions at once and mails a link to choose a new password. At most one link a minute per member (TOO_MANY_ATTEMPTS with retryAfterSeconds).",
  })
  resetUserPassword(@Arg('userId', () => ID) userId: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.members.resetPassword(requireActor(ctx), userId);
  }
}
