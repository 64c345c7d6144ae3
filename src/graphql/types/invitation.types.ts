import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from './connection.js';
import { InvitationStatus } from './enums.js';

@ObjectType('Invitation')
export class InvitationObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  email: string;

  @Field(() => String)
  displayName: string;

  @Field(() => String, {
    nullable: true,
    description: 'The redemption link. Returned only by inviteUser and resendInvitation: the ticket is stored hashed.',
  })
  inviteRedeemUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the guest lands after redeeming; null means the access panel.' })
  redirectUrl: string | null;

  @Field(() => String, { nullable: true })
  invitationText: string | null;

  @Field(() => String, { nullable: true })
  ccEmailAddress: string | null;

  @Field(() => String)
  language: string;

  @Field(() => Boolean)
  sendInvitationMessage: boolean;

  @Field(() => String)
  inviterDisplayName: string;

  @Field(() => Date, { nullable: true })
  expiresAt: Date | null;

  @Field(() => Date, { nullable: true })
  redeemedAt: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt: Date | null;

  @Field(() => ID, { nullable: true })
  batchId: string | null;

  @Field(() => Date, { nullable: true })
  accessExpiresAt: Date | null;

  @Field(() => Date)
  createdAt: Date;

  tenantId: string;
  status: InvitationStatus;
  invitedUserId: string | null;
  applicationIds: string[];
  groupIds: string[];
}

@ObjectType()
export class InvitationConnection extends Connection(InvitationObject, 'Invitation') {}

@InputType()
export class InviteUserInput {
  @Field(() => String)
  email: string;

  @Field(() => String, { nullable: true, description: 'Defaults to the email address.' })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'A reply URL of a granted app, or a URL on a host the tenant allows.' })
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
