import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { issuerFor } from '../../oidc/issuer.js';
import { type GraphQLContext, requireActor } from '../context.js';
import { PartnerDomainPolicyInput, TenantSettingsInput } from '../types/directory.input.js';
import { TenantObject } from '../types/directory.type.js';

@Resolver(() => TenantObject)
export class TenantResolver {
  @Query(() => TenantObject, { description: "The caller's tenant." })
  tenant(@Ctx() ctx: GraphQLContext) {
    return ctx.services.tenants.forActor(requireActor(ctx));
  }

  @Mutation(() => TenantObject, { description: "Changes the tenant's name, links, branding, redirect hosts and invitation lifetime." })
  updateTenantSettings(@Arg('input', () => TenantSettingsInput) input: TenantSettingsInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.tenants.updateSettings(requireActor(ctx), input);
  }

  @Mutation(() => TenantObject, {
    description: 'Which partner domains may be invited and redeem; checked at invite time and at redemption.',
  })
  updatePartnerDomainPolicy(@Arg('input', () => PartnerDomainPolicyInput) input: PartnerDomainPolicyInput, @Ctx() ctx: GraphQLContext) {
    return ctx.services.tenants.updatePartnerPolicy(requireActor(ctx), input);
  }

  @FieldResolver(() => [String], { description: 'Verified domains.' })
  domains(@Root() tenant: TenantObject, @Ctx() ctx: GraphQLContext) {
    return ctx.services.tenants.domains(tenant.id);
  }

  @FieldResolver(() => String, { description: "The tenant's OpenID Connect issuer." })
  issuer(@Root() tenant: TenantObject, @Ctx() ctx: GraphQLContext) {
    return issuerFor(ctx.publicUrl, tenant.id);
  }
}
