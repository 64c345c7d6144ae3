import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';

export enum ApplicationProtocol {
  OIDC = 'oidc',
  SAML = 'saml',
}
registerEnumType(ApplicationProtocol, { name: 'ApplicationProtocol', description: 'How an app signs people in.' });

export enum SamlNameIdFormat {
  EMAIL = 'email',
  PERSISTENT = 'persistent',
  UNSPECIFIED = 'unspecified',
}
registerEnumType(SamlNameIdFormat, {
  name: 'SamlNameIdFormat',
  description: 'EMAIL: the address; PERSISTENT: an opaque id, stable per user and app, different in every app; UNSPECIFIED: the object id.',
});

@InputType({ description: 'A SAML service provider: its settings, or its metadata (fields given here win over the metadata).' })
export class SamlSettingsInput {
  @Field(() => String, { nullable: true, description: 'The SP entity id (Issuer of its requests, Audience of our assertions).' })
  entityId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Assertion consumer service URLs (HTTP-POST), the first is the default; https.' })
  acsUrls?: string[] | null;

  @Field(() => SamlNameIdFormat, { nullable: true, description: 'Default EMAIL.' })
  nameIdFormat?: SamlNameIdFormat | null;

  @Field(() => String, { nullable: true, description: 'The SP signing certificate (PEM or base64); when given, requests must be signed.' })
  signingCertificate?: string | null;

  @Field(() => String, { nullable: true, description: 'Where LogoutResponses go (HTTP-POST).' })
  logoutUrl?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Relay State: where the app sends people after an IdP-initiated sign-in (a path, a value the app understands, or an https URL; at most 1024 characters). A link may name another page only on the app's own origin.",
  })
  relayState?: string | null;

  @Field(() => String, { nullable: true, description: 'The SP metadata document (XML, at most 64 KiB, no DTD).' })
  metadataXml?: string | null;
}

@InputType({ description: "A SAML app's settings to change; omitted fields stay as they are." })
export class UpdateSamlSettingsInput {
  @Field(() => String, { nullable: true, description: 'Relay State (as SamlSettingsInput.relayState); null or empty clears it.' })
  relayState?: string | null;
}

@ObjectType('SamlSettings', { description: 'A SAML app: the SP as registered, and the tenant IdP addresses it uses.' })
export class SamlSettingsObject {
  @Field(() => String)
  entityId: string;

  @Field(() => [String])
  acsUrls: string[];

  @Field(() => SamlNameIdFormat)
  nameIdFormat: SamlNameIdFormat;

  @Field(() => Boolean, { description: 'The SP registered a signing certificate: unsigned requests are refused.' })
  requestsSigned: boolean;

  @Field(() => String, { nullable: true })
  logoutUrl: string | null;

  @Field(() => String, { nullable: true, description: 'The relay state of IdP-initiated sign-ins; null: none.' })
  relayState: string | null;

  @Field(() => String, { description: 'The IdP entity id (the Issuer of our responses).' })
  idpEntityId: string;

  @Field(() => String, { description: 'The IdP metadata URL.' })
  idpMetadataUrl: string;

  @Field(() => String, { description: 'The single sign-on URL (HTTP-Redirect and HTTP-POST).' })
  idpSsoUrl: string;

  @Field(() => String, { description: 'Opens the app with IdP-initiated sign-on (for links such as the access panel).' })
  idpInitiatedUrl: string;
}
