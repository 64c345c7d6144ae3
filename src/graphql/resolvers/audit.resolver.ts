import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { type GraphQLContext, requireActor } from '../context.js';
import { AuditEventConnection, AuditEventObject } from '../types/audit.type.js';
import { toConnection } from '../types/connection.js';
import { PageArgsInput } from '../types/page.args.js';

@Resolver(() => AuditEventObject)
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: 'Newest first.' })
  async auditEvents(@Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.audit.list(requireActor(ctx), page));
  }
}
