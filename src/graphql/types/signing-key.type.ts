import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType('SigningKey', { description: "A published key of the tenant's issuer (the JWKS)." })
export class SigningKeyObject {
  @Field(() => ID)
  kid: string;

  @Field(() => String)
  alg: string;

  @Field(() => String, {
    description: 'active (signs now), next (published, signs from activatesAt) or retired (still published for verifiers).',
  })
  status: string;

  @Field(() => Date, { nullable: true })
  activatesAt: Date | null;

  @Field(() => Date, { nullable: true })
  retiresAt: Date | null;

  @Field(() => Date)
  createdAt: Date;
}
