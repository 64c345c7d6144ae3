import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { type GraphQLContext, requireActor } from '../context.js';
import { toConnection } from '../types/connection.js';
import { DeliveryStatus, OutboxMessageConnection, OutboxMessageObject } from '../types/outbox.type.js';
import { PageArgsInput } from '../types/page.args.js';

@Resolver(() => OutboxMessageObject)
export class OutboxResolver {
  @Query(() => OutboxMessageConnection, {
    description: 'Email of this tenant, newest first; by default the queued, sending and failed ones.',
  })
  async outbox(
    @Arg('statuses', () => [DeliveryStatus], { nullable: true }) statuses: DeliveryStatus[] | null,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await ctx.services.outbox.list(requireActor(ctx), statuses, page));
  }

  @Mutation(() => OutboxMessageObject, { description: 'Queues a failed message again with a fresh attempt budget.' })
  retryOutboxMessage(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.outbox.retry(requireActor(ctx), id);
  }
}
