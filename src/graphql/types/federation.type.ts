import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('IdentityProvider', {
  description: "The tenant's own OpenID provider, where its people sign in when another tenant invites them.",
})
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
