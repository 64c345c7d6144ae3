import { Field, InputType } from 'type-graphql';

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
