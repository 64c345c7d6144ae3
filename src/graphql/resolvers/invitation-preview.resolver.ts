import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { type GraphQLContext, requireActor } from '../context.js';
import { InvitationPreview, InvitationPreviewInput } from '../types/invitation-preview.type.js';

@Resolver(() => InvitationPreview)
export class InvitationPreviewResolver {
  @Query(() => InvitationPreview, {
    description:
      'The invitation email rendered with draft tenant settings (the console previews branding as it is typed). Saves and sends nothing.',
  })
  invitationPreview(@Arg('input', () => InvitationPreviewInput) input: InvitationPreviewInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.invitationPreview.preview(requireActor(ctx), input);
  }
}
