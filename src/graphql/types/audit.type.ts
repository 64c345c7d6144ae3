import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from './connection.js';

@ObjectType('AuditEvent')
export class AuditEventObject {
  @Field(() => ID)
  id: string;

  @Field(() => String, { description: 'For B2B events, the documented names (e.g. "Invite external user.").' })
  action: string;

  @Field(() => String)
  actorKind: string;

  @Field(() => ID, { nullable: true })
  actorId: string | null;

  @Field(() => String)
  actorDisplayName: string;

  @Field(() => String, { nullable: true })
  targetType: string | null;

  @Field(() => ID, { nullable: true })
  targetId: string | null;

  @Field(() => GraphQLJSONObject)
  details: Record<string, unknown>;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEventObject, 'AuditEvent') {}
