import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PartnerKind, RemovePartnerMode } from '../../partners/partner.service.js';
import { Connection } from './connection.js';

registerEnumType(PartnerKind, { name: 'PartnerKind' });
registerEnumType(RemovePartnerMode, { name: 'RemovePartnerMode' });

@ObjectType('Partner', { description: "A partner organization that this tenant's guests come from." })
export class PartnerObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => PartnerKind)
  kind: PartnerKind;

  @Field(() => [String])
  domains: string[];

  @Field(() => Int)
  guestCount: number;

  @Field(() => Date, { nullable: true, description: 'The latest sign-in of any of its guests.' })
  lastSignInAt: Date | null;
}

@ObjectType()
export class PartnerConnection extends Connection(PartnerObject, 'Partner') {}

export { PartnerKind, RemovePartnerMode };
