import 'reflect-metadata';
import { type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { invitationFields } from '../../src/graphql/resolvers/invitation.resolver.js';
import { buildGatewaySchema } from '../../src/graphql/schema.js';
import { deliveryFields } from '../../src/graphql/types/outbox.type.js';

/**
 * The types a listing returns read their plain fields with GraphQL's default resolver, without
 * type-graphql's per-field wrapper (see src/graphql/types/connection.ts); fields with resolvers of
 * their own, and a renamed field, keep theirs.
 */
describe('listing types resolve plain fields without a wrapper', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildGatewaySchema();
  });
  const resolverOf = (type: string, field: string) => (schema.getType(type) as GraphQLObjectType).getFields()[field]!.resolve;

  it.each([
    ['Invitation', 'email'],
    ['Invitation', 'createdAt'],
    ['User', 'mail'],
    ['Delivery', 'status'],
    ['PageInfo', 'hasNextPage'],
    ['InvitationConnection', 'nodes'],
    ['InvitationEdge', 'node'],
  ])('%s.%s has no resolver', (type, field) => {
    expect(resolverOf(type, field)).toBeUndefined();
  });

  it.each([
    ['Invitation', 'status'],
    ['Invitation', 'invitedUser'],
    ['User', 'homeOrganization'],
    ['Delivery', 'outboxMessageId'],
  ])('%s.%s keeps its resolver', (type, field) => {
    expect(resolverOf(type, field)).toBeTypeOf('function');
  });

  it.each(Object.entries(invitationFields))('Invitation.%s is resolved directly, without type-graphql’s wrapper', (field, resolve) => {
    expect(resolverOf('Invitation', field)).toBe(resolve);
  });

  it('Delivery.outboxMessageId reads the id directly', () => {
    expect(resolverOf('Delivery', 'outboxMessageId')).toBe(deliveryFields.outboxMessageId);
  });
});
