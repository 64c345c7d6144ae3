import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from './connection.js';
import { AssignmentPrincipalType } from './enums.js';

@ObjectType('Application', { description: 'A registered app; also an OpenID Connect client whose client_id is `appId`.' })
export class ApplicationObject {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'OAuth client_id.' })
  appId: string;

  @Field(() => String)
  displayName: string;

  @Field(() => [String], { description: 'Redirect URIs; invitation redirect URLs may point at them.' })
  replyUrls: string[];

  @Field(() => String, { nullable: true })
  homepageUrl: string | null;

  @Field(() => String, { nullable: true })
  logoUrl: string | null;

  @Field(() => Boolean, { description: 'Only assigned users (directly or through a group) may sign in.' })
  assignmentRequired: boolean;

  @Field(() => Date)
  createdAt: Date;

  tenantId: string;
}

@ObjectType()
export class ApplicationConnection extends Connection(ApplicationObject, 'Application') {}

@ObjectType('CreateApplicationPayload')
export class CreateApplicationPayload {
  @Field(() => ApplicationObject)
  application: ApplicationObject;

  @Field(() => String, { description: 'The client secret. Shown only here; store it now.' })
  clientSecret: string;
}

@ObjectType('ApplicationSecret', { description: 'A client secret of an app: metadata only, the value is shown once when added.' })
export class ApplicationSecretObject {
  @Field(() => ID)
  id: string;

  @Field(() => String)
  displayName: string;

  @Field(() => String, { description: 'The first characters of the secret (empty for a secret migrated from before hints).' })
  hint: string;

  @Field(() => Date, { nullable: true, description: 'After this instant the secret no longer authenticates the app; null: never expires.' })
  expiresAt: Date | null;

  @Field(() => Date)
  createdAt: Date;
}

@ObjectType('AddApplicationSecretPayload')
export class AddApplicationSecretPayload {
  @Field(() => ApplicationSecretObject)
  secret: ApplicationSecretObject;

  @Field(() => String, { description: 'The secret. Shown only here; store it now.' })
  secretText: string;
}

@ObjectType('AppAssignment')
export class AppAssignmentObject {
  @Field(() => ID)
  id: string;

  @Field(() => AssignmentPrincipalType)
  principalType: AssignmentPrincipalType;

  @Field(() => ID)
  principalId: string;

  @Field(() => [String], { description: "App roles of the app's exposed API this assignment gives (`roles` in tokens)." })
  appRoles: string[];

  @Field(() => Date)
  createdAt: Date;

  applicationId: string;
  tenantId: string;
}
