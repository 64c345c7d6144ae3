import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { buildSchema } from 'graphql';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { newId } from '../src/shared/ids.js';

export interface Target {
  url: string;
  headers: Record<string, string>;
}

/** The same HTTP stack (Express 5 + Apollo Server 5) answering from memory: what serving the shape costs. */
export async function startBaseline(): Promise<Target & { close: () => Promise<void> }> {
  const schema = buildSchema(`
    type User { id: ID! displayName: String! mail: String! userPrincipalName: String! externalUserState: String }
    type Delivery { outboxMessageId: ID! status: String! attempts: Int! sentAt: String }
    type Invitation {
      id: ID! email: String! displayName: String! status: String! language: String! createdAt: String! expiresAt: String
      invitedUser: User delivery: Delivery
    }
    type PageInfo { hasNextPage: Boolean! endCursor: String }
    type InvitationConnection { nodes: [Invitation!]! pageInfo: PageInfo! }
    input InvitationFilterInput { status: String }
    type Query { invitations(first: Int, after: String, filter: InvitationFilterInput): InvitationConnection! }
  `);
  const now = new Date().toISOString();
  const nodes = Array.from({ length: 50 }, (_, i) => ({
    id: newId(),
    email: `guest${i}@partner${i}.example`,
    displayName: `Guest ${i}`,
    status: 'PendingAcceptance',
    language: 'en',
    createdAt: now,
    expiresAt: now,
    invitedUser: {
      id: newId(),
      displayName: `Guest ${i}`,
      mail: `guest${i}@partner${i}.example`,
      userPrincipalName: `guest${i}_partner${i}.example#EXT#@bench.example`,
      externalUserState: 'PendingAcceptance',
    },
    delivery: { outboxMessageId: newId(), status: 'Sent', attempts: 1, sentAt: now },
  }));
  const apollo = new ApolloServer({
    schema,
    rootValue: { invitations: () => ({ nodes, pageInfo: { hasNextPage: true, endCursor: 'x' } }) },
  });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    headers: {},
    close: async () => {
      await apollo.stop();
      server.close();
    },
  };
}
