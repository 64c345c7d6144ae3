import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Invitation } from '../../invitations/invitation.entity.js';
import type { ListedInvitation } from '../../invitations/invitation.repository.js';
import type { IssuedInvitation } from '../../invitations/invitation.service.js';
import type { ListedUser } from '../../directory/user.reads.js';
import type { Delivery } from '../../mail/delivery.reads.js';
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
    const { guests, deliveries } = listed;
    for (const row of listed.nodes as Joined[]) {
      if (guests) row[GUEST] = (row.invitedUserId && guests.get(row.invitedUserId)) || null;
      if (deliveries) row[DELIVERY] = deliveries.get(row.id) ?? null;
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

  // The three per-row fields a listing shows: the schema's resolvers are invitationFields (schema.ts).
  @FieldResolver(() => InvitationStatus, { description: 'A pending invitation past its expiry reads as Expired.' })
  status(@Root() invitation: Invitation, @Ctx() ctx: GraphQLContext) {
    return invitationFields.status(invitation, {}, ctx);
  }

  @FieldResolver(() => UserObject, { nullable: true, description: 'The guest user; null once the user was removed.' })
  invitedUser(@Root() invitation: Invitation, @Ctx() ctx: GraphQLContext) {
    return invitationFields.invitedUser(invitation, {}, ctx);
  }

  @FieldResolver(() => DeliveryObject, { nullable: true, description: 'The newest invitation email; null when none was queued.' })
  delivery(@Root() invitation: Invitation, @Ctx() ctx: GraphQLContext) {
    return invitationFields.delivery(invitation, {}, ctx);
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

/**
 * A listed row's guest and newest delivery as the page's own statement read them (set by
 * `invitations`, on rows of this request only): they answer at once (a promise per row makes GraphQL
 * wait on every row), and hold only the columns that query selects, so they never answer another
 * field by key as the loaders do. Absent: not read with the page (a single invitation, a mutation).
 */
const GUEST = Symbol('guest');
const DELIVERY = Symbol('delivery');
type Joined = ListedInvitation & { [GUEST]?: ListedUser | null; [DELIVERY]?: Delivery | null };

/**
 * The resolvers of Invitation's per-row fields, called by GraphQL directly (resolveDirectly in
 * schema.ts): type-graphql's wrapper sorts and maps the parameters and builds objects on each call,
 * 150 calls on a page of 50 invitations with their guests and deliveries. They take no arguments.
 */
export const invitationFields = {
  status: (invitation: Joined, _args: unknown, ctx: GraphQLContext) => ctx.services.invitations.statusOf(invitation),
  invitedUser: (invitation: Joined, _args: unknown, ctx: GraphQLContext) => {
    if (GUEST in invitation) return invitation[GUEST];
    if (!invitation.invitedUserId) return null;
    return ctx.loaders.users.load(invitation.invitedUserId);
  },
  delivery: (invitation: Joined, _args: unknown, ctx: GraphQLContext) => {
    if (DELIVERY in invitation) return invitation[DELIVERY];
    return ctx.loaders.latestDelivery.load(invitation.id);
  },
} satisfies Record<string, GraphQLFieldResolver<Joined, GraphQLContext>>;

function withRedeemUrl({ invitation, inviteRedeemUrl }: IssuedInvitation) {
  return { ...invitation, inviteRedeemUrl };
}
