import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Invitation } from '../../invitations/invitation.entity.js';
import type { IssuedInvitation } from '../../invitations/invitation.service.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { connectionNodeSelection } from '../selection.js';
import { toConnection } from '../types/connection.js';
import { UserObject } from '../types/directory.type.js';
import { InvitationStatus } from '../types/enums.js';
import { InvitationFilterInput, InviteUserInput } from '../types/invitation.input.js';
import { InvitationConnection, InvitationObject } from '../types/invitation.type.js';
import { DeliveryObject } from '../types/outbox.type.js';
import { PageArgsInput } from '../types/page.args.js';

@Resolver(() => InvitationObject)
export class InvitationResolver {
  @Query(() => InvitationConnection, { description: 'Newest first.' })
  async invitations(
    @Arg('filter', () => InvitationFilterInput, { nullable: true }) filter: InvitationFilterInput | null,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    // The page reads the columns the query selects, and the guests and deliveries it selects in the
    // same statement; the per-row fields then find them by row. GraphQL names are property names
    // here but for Delivery.outboxMessageId, the delivery's id, which is always read.
    const selected = connectionNodeSelection(info);
    const include = { fields: new Set(selected.keys()), guests: selected.get('invitedUser'), deliveries: selected.get('delivery') };
    const listed = await ctx.services.invitations.list(requireActor(ctx), filter ?? {}, page, include);
    for (const row of listed.nodes) {
      ctx.loaders.joined.set(row, {
        ...(listed.guests && { guest: (row.invitedUserId && listed.guests.get(row.invitedUserId)) || null }),
        ...(listed.deliveries && { delivery: listed.deliveries.get(row.id) ?? null }),
      });
    }
    return toConnection(listed);
  }

  @Query(() => InvitationObject)
  invitation(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.invitations.get(requireActor(ctx), id);
  }

  @Mutation(() => InvitationObject, { description: 'Invites an external user: the guest exists at once with its groups and apps.' })
  async inviteUser(@Arg('input', () => InviteUserInput) input: InviteUserInput, @Ctx() ctx: GraphQLContext) {
    return withRedeemUrl(await ctx.services.invitations.invite(requireActor(ctx), input));
  }

  @Mutation(() => InvitationObject, { description: 'Issues a new link (the old one stops working) with a new expiry.' })
  async resendInvitation(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return withRedeemUrl(await ctx.services.invitations.resend(requireActor(ctx), id));
  }

  @Mutation(() => InvitationObject, { description: 'The link stops working at once.' })
  revokeInvitation(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.invitations.revoke(requireActor(ctx), id);
  }

  @Mutation(() => InvitationObject, {
    description:
      'Re-binds a guest to a new email (object id, UPN, groups and apps kept); the old identity stops working at once and a new invitation is issued.',
  })
  async resetRedemption(
    @Arg('userId', () => ID) userId: string,
    @Arg('newEmail', () => String) newEmail: string,
    @Ctx() ctx: GraphQLContext,
  ) {
    return withRedeemUrl(await ctx.services.invitations.resetRedemption(requireActor(ctx), userId, newEmail));
  }

  @FieldResolver(() => InvitationStatus, { description: 'A pending invitation past its expiry reads as Expired.' })
  status(@Root() invitation: Invitation, @Ctx() ctx: GraphQLContext) {
    return ctx.services.invitations.statusOf(invitation);
  }

  @FieldResolver(() => UserObject, { nullable: true, description: 'The guest user; null once the user was removed.' })
  invitedUser(@Root() invitation: Invitation, @Ctx() ctx: GraphQLContext) {
    const joined = ctx.loaders.joined.get(invitation);
    if (joined && 'guest' in joined) return joined.guest;
    if (!invitation.invitedUserId) return null;
    return ctx.loaders.users.load(invitation.invitedUserId);
  }

  @FieldResolver(() => DeliveryObject, { nullable: true, description: 'The newest invitation email; null when none was queued.' })
  delivery(@Root() invitation: Invitation, @Ctx() ctx: GraphQLContext) {
    const joined = ctx.loaders.joined.get(invitation);
    if (joined && 'delivery' in joined) return joined.delivery;
    return ctx.loaders.latestDelivery.load(invitation.id);
  }

  @FieldResolver(() => [ID])
  applicationIds(@Root() invitation: Invitation) {
    return invitation.applicationIds;
  }

  @FieldResolver(() => [ID])
  groupIds(@Root() invitation: Invitation) {
    return invitation.groupIds;
  }
}

function withRedeemUrl({ invitation, inviteRedeemUrl }: IssuedInvitation) {
  return { ...invitation, inviteRedeemUrl };
}
