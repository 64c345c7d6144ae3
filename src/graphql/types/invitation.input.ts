import { Field, ID, InputType } from 'type-graphql';
import { InvitationStatus } from './enums.js';

@InputType()
export class InviteUserInput {
  @Field(() => String)
  email: string;

  @Field(() => String, { nullable: true, description: 'Defaults to the email address.' })
  displayName?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'A reply URL or the homepage of a granted app, or an https URL on a host the tenant allows.',
  })
  redirectUrl?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Applications assigned to the guest now.' })
  applicationIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Groups the guest joins now.' })
  groupIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Plain text for the invitation message (never HTML).' })
  invitationText?: string | null;

  @Field(() => String, { nullable: true, description: 'One address that gets a copy.' })
  ccEmailAddress?: string | null;

  @Field(() => String, { nullable: true, description: 'en de es fr it ja ko pt-BR ru zh-HANS zh-HANT; default en.' })
  language?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true. False queues no email; hand over inviteRedeemUrl yourself.' })
  sendInvitationMessage?: boolean | null;

  @Field(() => Date, { nullable: true, description: "When the guest's access ends: it is then disabled and signed out." })
  accessExpiresAt?: Date | null;
}

@InputType()
export class InvitationFilterInput {
  @Field(() => InvitationStatus, { nullable: true })
  status?: InvitationStatus | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => ID, { nullable: true })
  batchId?: string | null;
}
