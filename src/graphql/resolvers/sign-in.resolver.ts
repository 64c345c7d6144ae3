import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { SignInEvent } from '../../sign-ins/sign-in-event.entity.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { toConnection } from '../types/connection.js';
import { PageArgsInput } from '../types/page.args.js';
import { SignInConnection, SignInFilterInput, SignInObject } from '../types/sign-in.type.js';

@Resolver(() => SignInObject)
export class SignInResolver {
  @Query(() => SignInConnection, { description: "The tenant's sign-in log, newest first, narrowed by `filter`." })
  async signIns(
    @Arg('filter', () => SignInFilterInput, { nullable: true }) filter: SignInFilterInput | null,
    @Args(() => PageArgsInput) page: PageArgsInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return toConnection(await ctx.services.signIns.list(requireActor(ctx), filter ?? {}, page));
  }

  @FieldResolver(() => [String], { description: 'How the person had signed in (RFC 8176: pwd, fed, otp, hwk, swk, mfa).' })
  authMethods(@Root() event: SignInEvent): string[] {
    return event.authMethods.split(' ').filter(Boolean);
  }
}
