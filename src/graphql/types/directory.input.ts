import { Field, ID, InputType, Int } from 'type-graphql';
import { ExternalUserState, PartnerDomainPolicy, PrincipalKind, UserType } from './enums.js';

@InputType()
export class UserFilterInput {
  @Field(() => UserType, { nullable: true })
  userType?: UserType | null;

  @Field(() => ExternalUserState, { nullable: true, description: 'Guests pending acceptance or accepted.' })
  externalUserState?: ExternalUserState | null;

  @Field(() => String, { nullable: true, description: 'Prefix of display name, mail or user principal name.' })
  search?: string | null;
}

@InputType()
export class CreateGroupInput {
  @Field(() => String)
  displayName: string;

  @Field(() => String, { nullable: true })
  description?: string | null;
}

@InputType()
export class PartnerDomainPolicyInput {
  @Field(() => PartnerDomainPolicy)
  policy: PartnerDomainPolicy;

  @Field(() => [String], { description: 'Domains of the allow list or block list (subdomains included); ignored for None.' })
  domains: string[];

  @Field(() => Boolean, { nullable: true, description: 'Turn the consumer-domain refusal off (false) or on (true).' })
  refuseConsumerDomains?: boolean | null;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears an optional one.' })
export class TenantSettingsInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Linked from invitation emails and the review page.' })
  privacyUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'The contact-us link of invitation emails.' })
  contactUrl?: string | null;

  @Field(() => String, { nullable: true })
  logoUrl?: string | null;

  @Field(() => String, { nullable: true, description: '#rrggbb' })
  brandColor?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Hosts (or *.suffix) that invitation redirect URLs may use besides app reply URLs.',
  })
  allowedRedirectHosts?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Days until redemption links expire; 0 never; null the gateway default.' })
  invitationTtlDays?: number | null;
}

/** A user or an application, for directory roles (`type`, as PrincipalInput for app assignments). */
@InputType()
export class DirectoryPrincipalInput {
  @Field(() => PrincipalKind)
  type: PrincipalKind;

  @Field(() => ID)
  id: string;
}
