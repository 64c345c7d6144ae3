import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { SignInKind, SignInResult } from '../../sign-ins/sign-in-event.entity.js';
import { Connection } from './connection.js';

registerEnumType(SignInKind, {
  name: 'SignInKind',
  description: 'What was attempted.',
  valuesConfig: {
    Interactive: { description: "A password or federated sign-in: an app's sign-in page, the access panel, the account page." },
    Silent: { description: "An app sign-in that used the browser's existing gateway sign-in." },
    Redemption: { description: 'Redeeming an invitation.' },
    Refresh: { description: 'An app exchanging a refresh token for new tokens.' },
  },
});
registerEnumType(SignInResult, { name: 'SignInResult' });

@ObjectType('SignIn', { description: "An entry of the tenant's sign-in log. It never holds a password, code or token." })
export class SignInObject {
  @Field(() => ID)
  id: string;

  @Field(() => Date)
  createdAt: Date;

  @Field(() => SignInKind)
  kind: SignInKind;

  @Field(() => SignInResult)
  result: SignInResult;

  @Field(() => String, {
    nullable: true,
    description: 'Why it was refused: an error code (INVALID_CREDENTIALS, ACCESS_DENIED, …) or, for a refresh, the OIDC error.',
  })
  reasonCode: string | null;

  @Field(() => ID, { nullable: true, description: "The tenant's account (member or guest), when known." })
  userId: string | null;

  @Field(() => ID, { nullable: true, description: 'The home identity behind the account (the account itself for a member).' })
  homeUserId: string | null;

  @Field(() => String, { nullable: true, description: "The address signed in with: the account's, or the one typed when none matched." })
  signInAddress: string | null;

  @Field(() => String, { nullable: true, description: "The account's display name at the time." })
  userDisplayName: string | null;

  @Field(() => ID, { nullable: true })
  applicationId: string | null;

  @Field(() => String, { nullable: true, description: "The app's display name at the time." })
  appDisplayName: string | null;

  @Field(() => String, { nullable: true })
  ip: string | null;

  @Field(() => String, { nullable: true, description: 'The browser or client, truncated to 512 characters.' })
  userAgent: string | null;

  @Field(() => String, { nullable: true, description: "The home identity provider: a partner's issuer or a gateway tenant's." })
  homeIdp: string | null;
}

@ObjectType()
export class SignInConnection extends Connection(SignInObject, 'SignIn') {}

@InputType({ description: 'Narrows signIns; the fields combine with AND.' })
export class SignInFilterInput {
  @Field(() => ID, { nullable: true, description: "Sign-ins of this account of the tenant (a member's or a guest's id)." })
  userId?: string | null;

  @Field(() => ID, { nullable: true })
  applicationId?: string | null;

  @Field(() => SignInKind, { nullable: true })
  kind?: SignInKind | null;

  @Field(() => SignInResult, { nullable: true })
  result?: SignInResult | null;

  @Field(() => Date, { nullable: true, description: 'Sign-ins at or after this moment.' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Sign-ins at or before this moment; before `from` is INVALID_TIME_RANGE.' })
  to?: Date | null;
}
