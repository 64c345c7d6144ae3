import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DomainState } from '../../domains/domain.service.js';

registerEnumType(DomainState, { name: 'DomainState', description: 'Unverified until the TXT record was found in DNS.' });

@ObjectType('DnsRecord', { description: 'A DNS record to publish.' })
export class DnsRecordObject {
  @Field(() => String, { description: 'Always TXT.' })
  type: string;

  @Field(() => String, { description: 'Where: the domain itself.' })
  name: string;

  @Field(() => String, { description: '`b2b-gateway-verification=<token>`.' })
  value: string;
}

@ObjectType('Domain', { description: 'A domain of the tenant: its addresses belong to the tenant once verified.' })
export class DomainObject {
  @Field(() => String)
  name: string;

  @Field(() => DomainState)
  state: DomainState;

  @Field(() => Boolean, { description: 'The domain guest user principal names are built on.' })
  isDefault: boolean;

  @Field(() => DnsRecordObject, { nullable: true, description: 'The record that proves the domain; null once verified.' })
  verificationRecord: DnsRecordObject | null;

  @Field(() => Date)
  createdAt: Date;
}
