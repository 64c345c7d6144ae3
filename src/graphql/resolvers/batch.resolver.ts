import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { GraphQLUpload, type FileUpload } from 'graphql-upload-minimal';
import { RowOutcome } from '../../invitations/batch/invitation-batch.entity.js';
import { reportCsv } from '../../invitations/batch/batch-report.js';
import { paginateArray } from '../../shared/pagination.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { readUpload } from '../read-upload.js';
import { InvitationBatchConnection, InvitationBatchObject, InvitationBatchRowConnection } from '../types/batch.type.js';
import { toConnection } from '../types/connection.js';
import { PageArgsInput } from '../types/page.args.js';

@Resolver(() => InvitationBatchObject)
export class BatchResolver {
  @Mutation(() => InvitationBatchObject, {
    description:
      'Invites everyone in a CSV file (documented columns, at most 2000 data rows). Send as a GraphQL multipart request with the header `apollo-require-preflight: true`.',
  })
  async uploadInvitations(
    @Arg('file', () => GraphQLUpload) file: Promise<FileUpload>,
    @Arg('dryRun', () => Boolean, { nullable: true }) dryRun: boolean | null,
    @Ctx() ctx: GraphQLContext,
  ) {
    const actor = requireActor(ctx);
    const upload = await file;
    const content = await readUpload(upload, ctx.csvMaxBytes);
    const result = await ctx.services.batches.upload(actor, { fileName: upload.filename, content, dryRun: dryRun ?? false });
    return { ...result.batch, memoryRows: result.rows };
  }

  @Query(() => InvitationBatchConnection, { description: 'CSV uploads, newest first.' })
  async invitationBatches(@Args(() => PageArgsInput) page: PageArgsInput, @Ctx() ctx: GraphQLContext) {
    return toConnection(await ctx.services.batches.list(requireActor(ctx), page));
  }

  @Query(() => InvitationBatchObject)
  invitationBatch(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.batches.get(requireActor(ctx), id);
  }

  @Query(() => String, { description: 'The report as CSV text (Line, Email, Outcome, Code, Message, InvitationId).' })
  invitationBatchReport(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.batches.report(requireActor(ctx), id);
  }

  @FieldResolver(() => InvitationBatchRowConnection, { description: 'Report rows in file order.' })
  async rows(
    @Root() batch: InvitationBatchObject,
    @Arg('outcome', () => RowOutcome, { nullable: true }) outcome: RowOutcome | null,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    if (batch.memoryRows) {
      return toConnection(
        paginateArray(
          batch.memoryRows.filter((r) => !outcome || r.outcome === outcome),
          page,
        ),
      );
    }
    return toConnection(await ctx.services.batches.rows(requireActor(ctx), batch.id, outcome, page));
  }

  @FieldResolver(() => String, { description: 'The same report as invitationBatchReport, for a dry run too.' })
  async reportCsv(@Root() batch: InvitationBatchObject, @Ctx() ctx: GraphQLContext) {
    if (batch.memoryRows) return reportCsv(batch.memoryRows);
    return ctx.services.batches.report(requireActor(ctx), batch.id);
  }
}
