import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Narrows auditEvents; the fields combine with AND.' })
export class AuditFilterInput {
  @Field(() => [String], {
    nullable: true,
    description: 'Any of these actions (e.g. "Viral user creation."); 1 to 50 of them. Else BAD_USER_INPUT.',
  })
  actions?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Events about this object (a user, tenant, application, group, or a domain name).' })
  targetId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Events made by this principal.' })
  actorId?: string | null;

  @Field(() => Date, { nullable: true, description: 'Events at or after this moment.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Events at or before this moment; before `from` is INVALID_TIME_RANGE.' })
  to?: Date | null;
}
