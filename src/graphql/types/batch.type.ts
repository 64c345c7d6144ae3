import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BatchStatus, type InvitationBatchRow, RowOutcome } from '../../invitations/batch/invitation-batch.entity.js';
import { Connection } from './connection.js';

registerEnumType(BatchStatus, { name: 'BatchStatus' });
registerEnumType(RowOutcome, { name: 'RowOutcome' });

@ObjectType('InvitationBatchRow', { description: 'The report line of one data row of an uploaded file.' })
export class InvitationBatchRowObject {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: '1-based among data rows.' })
  rowNumber: number;

  @Field(() => Int, { description: 'Line of the file where the row starts (the header is line 1).' })
  line: number;

  @Field(() => String, { nullable: true })
  email: string | null;

  @Field(() => RowOutcome)
  outcome: RowOutcome;

  @Field(() => String, { nullable: true, description: 'Error code from the catalog for failed and skipped rows.' })
  code: string | null;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field(() => ID, { nullable: true })
  invitationId: string | null;
}

@ObjectType()
export class InvitationBatchRowConnection extends Connection(InvitationBatchRowObject, 'InvitationBatchRow') {}

@ObjectType('InvitationBatch', { description: 'One CSV upload.' })
export class InvitationBatchObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  fileName: string;

  @Field(() => BatchStatus)
  status: BatchStatus;

  @Field(() => Boolean, { description: 'A dry run wrote nothing and is not stored: read its rows from this response.' })
  dryRun: boolean;

  @Field(() => Int)
  totalRows: number;

  @Field(() => Int)
  createdCount: number;

  @Field(() => Int)
  resentCount: number;

  @Field(() => Int)
  skippedCount: number;

  @Field(() => Int)
  failedCount: number;

  @Field(() => String)
  uploaderDisplayName: string;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => Date, { nullable: true })
  completedAt: Date | null;

  /** Report rows already in memory (the upload response); otherwise they are read from the database. */
  memoryRows?: InvitationBatchRow[];
}

@ObjectType()
export class InvitationBatchConnection extends Connection(InvitationBatchObject, 'InvitationBatch') {}
