import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { type GraphQLContext, requireActor } from '../context.js';
import { DomainObject } from '../types/domain.type.js';

@Resolver(() => DomainObject)
export class DomainResolver {
  @Query(() => [DomainObject], {
    description: "The tenant's domains, verified and unverified, with the TXT record each unverified one needs.",
  })
  domains(@Ctx() ctx: GraphQLContext) {
    return ctx.services.domains.list(requireActor(ctx));
  }

  @Mutation(() => DomainObject, {
    description: 'Adds an unverified domain; publish its verificationRecord in DNS, then call verifyDomain.',
  })
  addDomain(@Arg('name', () => String) name: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.domains.add(requireActor(ctx), name);
  }

  @Mutation(() => DomainObject, {
    description:
      "Looks the TXT record up and verifies the domain. takeOver: a self-service tenant's domain becomes this tenant's, with its members (admin takeover).",
  })
  verifyDomain(
    @Arg('name', () => String) name: string,
    @Arg('takeOver', () => Boolean, { defaultValue: false }) takeOver: boolean,
    @Ctx() ctx: GraphQLContext,
  ) {
    return ctx.services.domains.verify(requireActor(ctx), name, takeOver);
  }

  @Mutation(() => String, {
    description: 'Removes an unverified domain, or a verified one nothing uses (not the default domain). Returns its name.',
  })
  removeDomain(@Arg('name', () => String) name: string, @Ctx() ctx: GraphQLContext) {
    return ctx.services.domains.remove(requireActor(ctx), name);
  }
}
