import { Field, ID, InputType, ObjectType } from 'type-graphql';

@ObjectType('IdentityProvider', { description: "The tenant's own OpenID provider, where its people sign in when another tenant invites them." })
export class IdentityProviderObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  issuer: string;

  @Field(() => String)
  clientId: string;

  @Field(() => [String], { description: 'Verified domains of this tenant whose addresses sign in there.' })
  domains: string[];

  @Field(() => Date)
  createdAt: Date;
}

@InputType()
export class RegisterIdentityProviderInput {
  @Field(() => String, { description: 'Issuer URL (https); discovery must work.' })
  issuer: string;

  @Field(() => String, { description: "The gateway's client id at that provider." })
  clientId: string;

  @Field(() => String, { description: 'Stored encrypted; never returned.' })
  clientSecret: string;

  @Field(() => [String])
  domains: string[];
}
