import { Arg, Args, Ctx, Query, Resolver } from 'type-graphql';
import { type GraphQLContext, requireActor } from '../context.js';
import { AuditFilterInput } from '../types/audit.input.js';
import { AuditEventConnection, AuditEventObject } from '../types/audit.type.js';
import { toConnection } from '../types/connection.js';
import { PageArgsInput } from '../types/page.args.js';

@Resolver(() => AuditEventObject)
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: "The tenant's audit log, newest first, narrowed by `filter`." })
  async auditEvents(
    @Arg('filter', () => AuditFilterInput, { nullable: true }) filter: AuditFilterInput | null,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await ctx.services.audit.list(requireActor(ctx), filter ?? {}, page));
  }
}
