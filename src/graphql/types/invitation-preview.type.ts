import { Field, InputType, ObjectType } from 'type-graphql';
import { TenantSettingsInput } from './directory.input.js';
import { TenantObject } from './directory.type.js';

@InputType()
export class InvitationPreviewInput {
  @Field(() => TenantSettingsInput, { description: 'Draft settings; omitted fields are the saved ones. Nothing is saved.' })
  settings: TenantSettingsInput;

  @Field(() => String, { nullable: true, description: 'A sample personal message (plain text).' })
  invitationText?: string | null;

  @Field(() => String, { nullable: true, description: 'One of the 11 page languages; default en.' })
  language?: string | null;
}

@ObjectType({ description: 'The invitation email as the draft settings would send it (its accept link redeems nothing).' })
export class InvitationPreview {
  @Field(() => String)
  subject: string;

  @Field(() => String, { description: 'The plain-text part.' })
  text: string;

  @Field(() => String, { description: 'The HTML part, as mailed: show it only in a sandboxed frame.' })
  html: string;

  @Field(() => TenantObject, { description: 'The tenant as the draft settings would leave it (not saved).' })
  tenant: TenantObject;
}
