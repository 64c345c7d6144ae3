import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { DateTimeISO } from './date-time.js';
import { ApiAccessResolver } from './resolvers/api-access.resolver.js';
import { ExposedApiResolver } from './resolvers/exposed-api.resolver.js';
import { ApplicationResolver } from './resolvers/application.resolver.js';
import { AuditResolver } from './resolvers/audit.resolver.js';
import { BatchResolver } from './resolvers/batch.resolver.js';
import { DomainResolver } from './resolvers/domain.resolver.js';
import { FederationResolver } from './resolvers/federation.resolver.js';
import { GroupResolver } from './resolvers/group.resolver.js';
import { PartnerResolver } from './resolvers/partner.resolver.js';
import { InvitationResolver, invitationFields } from './resolvers/invitation.resolver.js';
import { resolveDirectly } from './resolve-directly.js';
import { deliveryFields } from './types/outbox.type.js';
import { InvitationPreviewResolver } from './resolvers/invitation-preview.resolver.js';
import { OutboxResolver } from './resolvers/outbox.resolver.js';
import { RoleResolver } from './resolvers/role.resolver.js';
import { SignInResolver } from './resolvers/sign-in.resolver.js';
import { SigningKeyResolver } from './resolvers/signing-key.resolver.js';
import { UserResolver } from './resolvers/user.resolver.js';
import { MemberResolver } from './resolvers/member.resolver.js';
import { TenantResolver } from './resolvers/tenant.resolver.js';
import { ViewerResolver } from './resolvers/viewer.resolver.js';
import { SecurityPolicyResolver } from './resolvers/security-policy.resolver.js';
import { TermsAcceptanceResolver } from './resolvers/terms-acceptance.resolver.js';
import { SamlResolver } from './resolvers/saml.resolver.js';

export const RESOLVERS = [
  ViewerResolver,
  TenantResolver,
  UserResolver,
  GroupResolver,
  ApplicationResolver,
  ApiAccessResolver,
  ExposedApiResolver,
  InvitationResolver,
  InvitationPreviewResolver,
  AuditResolver,
  OutboxResolver,
  BatchResolver,
  SigningKeyResolver,
  FederationResolver,
  PartnerResolver,
  RoleResolver,
  DomainResolver,
  MemberResolver,
  SignInResolver,
  SecurityPolicyResolver,
  TermsAcceptanceResolver,
  SamlResolver,
] as const;

export async function buildGatewaySchema(): Promise<GraphQLSchema> {
  // Validation happens in the domain services (the OIDC and CSV paths do not pass through GraphQL).
  // Dates as type-graphql's default DateTimeISO, serialized more cheaply (see date-time.ts).
  const schema = await buildSchema({ resolvers: RESOLVERS, validate: false, scalarsMap: [{ type: Date, scalar: DateTimeISO }] });
  resolveDirectly(schema, 'Invitation', invitationFields);
  resolveDirectly(schema, 'Delivery', deliveryFields);
  return schema;
}

/** The committed contract: `schema.graphql`, sorted so that diffs show only real changes. */
export function printContract(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
