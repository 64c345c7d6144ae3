import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DeliveryStatus } from '../../mail/outbox-message.entity.js';
import { Connection } from './connection.js';

registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });

/**
 * What Delivery and OutboxMessage both say of one outbox message (no field returns it: not in the
 * schema). Inherited fields are built with this type's options: simple, as Delivery's (connection.ts).
 */
@ObjectType({ simpleResolvers: true })
abstract class DeliveryState {
  @Field(() => DeliveryStatus)
  status: DeliveryStatus;

  @Field(() => Int)
  attempts: number;

  @Field(() => String, { nullable: true, description: 'The last failure, e.g. the SMTP server’s answer.' })
  lastError: string | null;

  @Field(() => Date, { nullable: true })
  sentAt: Date | null;

  @Field(() => Date, { nullable: true, description: 'When a queued message is tried next.' })
  nextAttemptAt: Date | null;
}

@ObjectType('Delivery', { simpleResolvers: true, description: 'What became of the newest invitation email.' })
export class DeliveryObject extends DeliveryState {
  // The outbox message's own id, named for what it is here: the id retryOutboxMessage takes.
  @Field(() => ID, { name: 'outboxMessageId', simple: false, description: 'The outbox message (retryOutboxMessage takes this id).' })
  id: string;
}

/** Delivery's renamed field, read directly (resolveDirectly in schema.ts): type-graphql's wrapper costs an object per row. */
export const deliveryFields = {
  outboxMessageId: (delivery: Pick<DeliveryObject, 'id'>) => delivery.id,
};

@ObjectType('OutboxMessage')
export class OutboxMessageObject extends DeliveryState {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { nullable: true })
  invitationId: string | null;

  @Field(() => String)
  messageId: string;

  @Field(() => String)
  toAddress: string;

  @Field(() => String, { nullable: true })
  ccAddress: string | null;

  @Field(() => String)
  subject: string;

  @Field(() => String, { nullable: true })
  serverResponse: string | null;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType()
export class OutboxMessageConnection extends Connection(OutboxMessageObject, 'OutboxMessage') {}

export { DeliveryStatus };
