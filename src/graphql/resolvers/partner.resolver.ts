import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { Partner } from '../../partners/partner.service.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { toConnection } from '../types/connection.js';
import { UserConnection } from '../types/directory.type.js';
import { PageArgsInput } from '../types/page.args.js';
import { PartnerConnection, PartnerObject, RemovePartnerMode } from '../types/partner.type.js';

@Resolver(() => PartnerObject)
export class PartnerResolver {
  @Query(() => PartnerConnection)
  async partners(
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Arg('search', () => String, { nullable: true, description: 'Part of the name or of a domain, any case.' }) search: string | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await ctx.services.partners.list(requireActor(ctx), { search }, page));
  }

  @Query(() => PartnerObject)
  partner(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.partners.get(requireActor(ctx), id);
  }

  @Mutation(() => [ID], {
    description: "Disables (default) or removes every guest from the partner; their access ends at once. Returns the guests' ids.",
  })
  removePartner(
    @Arg('id', () => ID) id: string,
    @Arg('mode', () => RemovePartnerMode, { nullable: true }) mode: RemovePartnerMode | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.partners.remove(requireActor(ctx), id, mode ?? RemovePartnerMode.Disable);
  }

  @FieldResolver(() => Int, { description: 'Pending (unexpired) invitations of its guests.' })
  pendingInvitations(@Root() partner: Partner, @Ctx() ctx: GraphQLContext) {
    requireActor(ctx);
    return ctx.loaders.partnerPending.load(partner);
  }

  @FieldResolver(() => UserConnection)
  async guests(@Root() partner: Partner, @Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.partners.guests(requireActor(ctx), partner, page));
  }
}
