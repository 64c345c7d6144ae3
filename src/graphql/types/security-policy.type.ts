import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { TermsAudience } from '../../policies/security-policy.entity.js';
import { Connection } from './connection.js';

registerEnumType(TermsAudience, {
  name: 'TermsAudience',
  description: 'Who must accept the terms of use before the first token.',
  valuesConfig: {
    None: { description: 'Nobody.' },
    Guests: { description: 'Guests only.' },
    Everyone: { description: 'Members and guests.' },
  },
});

@ObjectType('TermsDocument', { description: 'The terms of use in one language.' })
@InputType('TermsDocumentInput')
export class TermsDocumentObject {
  @Field(() => String, { description: 'One of the 11 page languages (en, de, …, zh-HANT).' })
  language: string;

  @Field(() => String, { description: 'https URL of the document in that language.' })
  url: string;
}

@ObjectType('SecurityPolicy', { description: "The tenant's security policy. A tenant that never changed it has the defaults." })
export class SecurityPolicyObject {
  @Field(() => Boolean, { description: 'Holders of a directory role complete a second factor (default true).' })
  mfaForAdmins: boolean;

  @Field(() => Boolean, { description: 'Members complete a second factor.' })
  mfaForMembers: boolean;

  @Field(() => Boolean, { description: 'Guests complete a second factor.' })
  mfaForGuests: boolean;

  @Field(() => Boolean, {
    description:
      "A guest's MFA done elsewhere counts: at a federated partner whose ID token showed it, or in the gateway for another tenant's sign-in.",
  })
  trustPartnerMfa: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'Minutes after a sign-in before people sign in again (and refresh tokens stop); null: no limit.',
  })
  signInFrequencyMinutes: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Minutes a session lasts at most from the sign-in that began it, whatever happens in between (re-authentication does not extend it): then the browser signs in anew and refresh tokens stop; null: no limit beyond the gateway default.',
  })
  sessionLifetimeMinutes: number | null;

  @Field(() => TermsAudience)
  termsAudience: TermsAudience;

  @Field(() => String, { nullable: true, description: 'The terms-of-use document (default language).' })
  termsUrl: string | null;

  @Field(() => String, { nullable: true, description: 'A new version is asked again of everyone who accepted an earlier one.' })
  termsVersion: string | null;

  @Field(() => [TermsDocumentObject], { description: 'The document per language, where given.' })
  termsDocuments: TermsDocumentObject[];
}

@InputType({ description: 'Omitted fields stay; null clears an optional one.' })
export class UpdateSecurityPolicyInput {
  @Field(() => Boolean, { nullable: true })
  mfaForAdmins?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  mfaForMembers?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  mfaForGuests?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  trustPartnerMfa?: boolean | null;

  @Field(() => Int, { nullable: true, description: '5 to 525600, or null for no limit.' })
  signInFrequencyMinutes?: number | null;

  @Field(() => Int, { nullable: true, description: '5 to 525600, or null for no limit.' })
  sessionLifetimeMinutes?: number | null;

  @Field(() => TermsAudience, { nullable: true })
  termsAudience?: TermsAudience | null;

  @Field(() => String, { nullable: true })
  termsUrl?: string | null;

  @Field(() => String, { nullable: true })
  termsVersion?: string | null;

  @Field(() => [TermsDocumentObject], { nullable: true, description: 'Replaces the per-language documents; null or [] clears them.' })
  termsDocuments?: TermsDocumentObject[] | null;
}

@ObjectType('TermsAcceptance', { description: "A person's acceptance of one version of the tenant's terms of use." })
export class TermsAcceptanceObject {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: "The tenant's account (member or guest) that accepted." })
  userId: string;

  @Field(() => String)
  version: string;

  @Field(() => String, { description: 'The page language the terms were accepted in.' })
  language: string;

  @Field(() => Date)
  acceptedAt: Date;
}

@InputType()
export class TermsAcceptanceFilterInput {
  @Field(() => ID, { nullable: true })
  userId?: string | null;

  @Field(() => String, { nullable: true })
  version?: string | null;
}

export const TermsAcceptanceConnection = Connection(TermsAcceptanceObject, 'TermsAcceptance');
