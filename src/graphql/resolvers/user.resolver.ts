import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { User } from '../../directory/user.entity.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { toConnection } from '../types/connection.js';
import { UserFilterInput } from '../types/directory.input.js';
import { ApplicationObject } from '../types/application.type.js';
import { GroupObject, UserConnection, UserObject } from '../types/directory.type.js';
import { DirectoryRole } from '../types/enums.js';
import { PageArgsInput } from '../types/page.args.js';
import { PartnerObject } from '../types/partner.type.js';

@Resolver(() => UserObject)
export class UserResolver {
  @Query(() => UserConnection, { description: 'Members and guests of the tenant, oldest first.' })
  async users(
    @Arg('filter', () => UserFilterInput, { nullable: true }) filter: UserFilterInput | null,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await ctx.services.users.list(requireActor(ctx), filter ?? {}, page));
  }

  @Query(() => UserObject)
  user(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.users.get(requireActor(ctx), id);
  }

  @Mutation(() => ID, { description: 'Deletes the user; access ends at once. Returns the deleted id.' })
  async removeUser(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return (await ctx.services.users.remove(requireActor(ctx), id)).id;
  }

  @Mutation(() => UserObject)
  setUserEnabled(@Arg('id', () => ID) id: string, @Arg('enabled', () => Boolean) enabled: boolean, @Ctx() ctx: GraphQLContext) {
    return ctx.services.users.setEnabled(requireActor(ctx), id, enabled);
  }

  @Mutation(() => Boolean, {
    description:
      'Mails the member a code to choose a new password (system mail; the admin never sees the code). ' +
      'Refused for federated members (FEDERATED_ACCOUNT) and guests or members without a password (NO_PASSWORD_HERE).',
  })
  async sendPasswordReset(@Arg('userId', () => ID) userId: string, @Ctx() ctx: GraphQLContext) {
    await ctx.services.passwordReset.sendByAdmin(requireActor(ctx), userId);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Signs the user out everywhere: provider sessions, grants and refresh tokens (for a member also its browsers ' +
      'and the guests it redeemed elsewhere; for a guest, in this tenant).',
  })
  async revokeSignInSessions(@Arg('userId', () => ID) userId: string, @Ctx() ctx: GraphQLContext) {
    await ctx.services.users.revokeSignInSessions(requireActor(ctx), userId);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes every second factor (authenticator apps, passkeys) and recovery code of a member and signs the member out ' +
      'everywhere: the person signs in again and enrols anew (a lost device). Refused for guests, whose methods belong to ' +
      'their home account (MFA_HOME_ACCOUNT_ELSEWHERE).',
  })
  async resetUserMfa(@Arg('userId', () => ID) userId: string, @Ctx() ctx: GraphQLContext) {
    await ctx.services.mfaReset.resetUserMfa(requireActor(ctx), userId);
    return true;
  }

  @FieldResolver(() => [DirectoryRole])
  roles(@Root() user: User, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.userRoles.load(user.id);
  }

  @FieldResolver(() => [GroupObject], { description: 'The groups the user is a member of, by name.' })
  groups(@Root() user: User, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.userGroups.load(user.id);
  }

  @FieldResolver(() => [ApplicationObject], { description: 'The apps assigned to the user, directly or through a group, by name.' })
  applications(@Root() user: User, @Ctx() ctx: GraphQLContext) {
    return ctx.loaders.userApplications.load(user.id);
  }

  @FieldResolver(() => PartnerObject, {
    nullable: true,
    description: 'For a guest, the partner organization it comes from; null for a member.',
  })
  homeOrganization(@Root() user: User, @Ctx() ctx: GraphQLContext) {
    return ctx.services.partners.homeOf(requireActor(ctx), user, ctx.loaders.partnerHomes);
  }
}
