import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from './connection.js';
import { InvitationStatus } from './enums.js';

@ObjectType('Invitation', { simpleResolvers: true })
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
