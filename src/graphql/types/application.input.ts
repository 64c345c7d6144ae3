import { Field, ID, InputType } from 'type-graphql';
import { AssignmentPrincipalType } from './enums.js';
import { ApplicationProtocol, SamlSettingsInput, UpdateSamlSettingsInput } from './saml.type.js';

@InputType()
export class AddApplicationSecretInput {
  @Field(() => String, { nullable: true, description: 'Default "Client secret".' })
  displayName?: string | null;

  @Field(() => Date, { nullable: true, description: 'Default 180 days from now; at most two years away.' })
  expiresAt?: Date | null;
}

@InputType()
export class CreateApplicationInput {
  @Field(() => String)
  displayName: string;

  @Field(() => [String], { nullable: true })
  replyUrls?: string[] | null;

  @Field(() => String, { nullable: true })
  homepageUrl?: string | null;

  @Field(() => String, { nullable: true })
  logoUrl?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  assignmentRequired?: boolean | null;

  @Field(() => ApplicationProtocol, { nullable: true, description: 'Default OIDC. SAML needs `saml` (replyUrls are then ignored).' })
  protocol?: ApplicationProtocol | null;

  @Field(() => SamlSettingsInput, { nullable: true, description: 'The SAML service provider, for protocol SAML.' })
  saml?: SamlSettingsInput | null;
}

@InputType({ description: 'Fields to change; omitted fields stay as they are, null clears an optional URL.' })
export class UpdateApplicationInput {
  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => [String], { nullable: true })
  replyUrls?: string[] | null;

  @Field(() => String, { nullable: true })
  homepageUrl?: string | null;

  @Field(() => String, { nullable: true })
  logoUrl?: string | null;

  @Field(() => Boolean, { nullable: true })
  assignmentRequired?: boolean | null;

  @Field(() => UpdateSamlSettingsInput, { nullable: true, description: 'SAML settings to change (a SAML app only).' })
  saml?: UpdateSamlSettingsInput | null;
}

/** A user or a group assigned to an app. */
@InputType()
export class PrincipalInput {
  @Field(() => AssignmentPrincipalType)
  type: AssignmentPrincipalType;

  @Field(() => ID)
  id: string;
}
