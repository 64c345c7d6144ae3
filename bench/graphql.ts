/**
 * npm run bench:graphql — seeds 100,000 invitations in one tenant, then measures
 * `invitations(first: 50)` over HTTP with keep-alive (first page and a deep cursor, with and without a
 * status filter): requests per second, p50 and p99. The baseline, in the same run, is a bare Apollo
 * Server on Express returning 50 in-memory objects of the same shape.
 */
import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { buildSchema } from 'graphql';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createGateway, type Gateway } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { DirectoryRole } from '../src/directory/role-assignment.entity.js';
import { Invitation, InvitationStatus } from '../src/invitations/invitation.entity.js';
import { createLogger } from '../src/logging/logger.js';
import { newId } from '../src/shared/ids.js';
import { seedInvitations } from './seed.js';
import { encodeCursor } from '../src/shared/pagination.js';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.js';
import { clientCredentialsToken } from '../test/helpers/fixtures.js';
import { type BenchLine, printTable } from './csv-import.js';

const ROWS = Number(process.env.BENCH_INVITATIONS ?? 100_000);
const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 3) * 1000;
const CONCURRENCY = 4;
const QUERY = `query List($first: Int, $after: String, $filter: InvitationFilterInput) {
  invitations(first: $first, after: $after, filter: $filter) {
    nodes { id email displayName status language createdAt expiresAt }
    pageInfo { hasNextPage endCursor }
  }
}`;

// The partner list as the console asks for it, with and without the count of pending invitations
// (read per page from the invitations; everything else is the partner rows kept on write).
const PARTNERS = (pending: boolean) => `query Partners($first: Int) {
  partners(first: $first) {
    nodes { id name kind domains guestCount ${pending ? 'pendingInvitations ' : ''}lastSignInAt }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Load {
  rps: number;
  p50: number;
  p99: number;
}

async function load(url: string, headers: Record<string, string>, variables: Record<string, unknown>, query = QUERY): Promise<Load> {
  const body = JSON.stringify({ query, variables });
  const once = async () => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const json = (await response.json()) as { data?: Record<string, { nodes: unknown[] }>; errors?: unknown };
    if (!json.data || Object.values(json.data)[0]!.nodes.length !== 50)
      throw new Error(`unexpected response ${JSON.stringify(json).slice(0, 300)}`);
  };
  for (let i = 0; i < 20; i++) await once(); // warm-up
  const latencies: number[] = [];
  const end = performance.now() + DURATION_MS;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await once();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return { rps: latencies.length / seconds, p50: pct(0.5), p99: pct(0.99) };
}

async function deepCursor(gateway: Gateway, tenantId: string, status: InvitationStatus | null): Promise<string> {
  const query = gateway.db.manager
    .getRepository(Invitation)
    .createQueryBuilder('i')
    .select('i.id', 'id')
    .where('i.tenantId = :tenantId', { tenantId });
  if (status) query.andWhere('i.status = :status', { status });
  const row = await query
    .orderBy('i.id', 'DESC')
    .offset(Math.floor((status ? ROWS / 4 : ROWS) * 0.9))
    .limit(1)
    .getRawOne<{ id: string }>();
  return encodeCursor(row!.id);
}

async function measureGateway(kind: DatabaseKind) {
  const db = await createTestDatabase(kind);
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  const config = loadConfig({
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    GATEWAY_SECRET: 'bench-secret-bench-secret-bench-secret-0',
    OUTBOX_WORKER: 'false',
    LOG_LEVEL: 'silent',
    ...(db.database.kind === 'postgres' ? { DATABASE_URL: db.database.url } : { SQLITE_PATH: db.database.path }),
  });
  const gateway = await createGateway(config, createLogger('silent'));
  await gateway.listen();
  try {
    const tenant = await gateway.services.tenants.create({ name: 'Bench', domains: ['bench.example'] });
    const { application, clientSecret } = await gateway.services.apps.createAsOperator(tenant.id, { displayName: 'bench admin' }, [
      DirectoryRole.GlobalAdministrator,
    ]);
    const t0 = performance.now();
    await seedInvitations(gateway, tenant.id, application.id);
    console.error(`seeded ${ROWS} invitations on ${kind} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const token = await clientCredentialsToken({ baseUrl: config.publicUrl } as never, tenant.id, application.appId, clientSecret);
    const headers = { authorization: `Bearer ${token}` };
    const url = `${config.publicUrl}/graphql`;
    return {
      first: await load(url, headers, { first: 50 }),
      deep: await load(url, headers, { first: 50, after: await deepCursor(gateway, tenant.id, null) }),
      statusFirst: await load(url, headers, { first: 50, filter: { status: 'Accepted' } }),
      statusDeep: await load(url, headers, {
        first: 50,
        filter: { status: 'Accepted' },
        after: await deepCursor(gateway, tenant.id, InvitationStatus.Accepted),
      }),
      // 100k guests from 50 partner domains: one page of partners, against the first page of invitations above.
      partners: await load(url, headers, { first: 50 }, PARTNERS(false)),
      partnersWithPending: await load(url, headers, { first: 50 }, PARTNERS(true)),
    };
  } finally {
    await gateway.close();
    await db.drop();
  }
}

/** The same HTTP stack (Express 5 + Apollo Server 5) answering from memory: what serving the shape costs. */
async function measureBaseline(): Promise<Load> {
  const schema = buildSchema(`
    type Invitation { id: ID! email: String! displayName: String! status: String! language: String! createdAt: String! expiresAt: String }
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
  try {
    return await load(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, {}, { first: 50 });
  } finally {
    await apollo.stop();
    server.close();
  }
}

export async function runGraphqlBench(): Promise<BenchLine[]> {
  const baseline = await measureBaseline();
  const kinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];
  const lines: BenchLine[] = [];
  for (const kind of kinds) {
    const { partners, partnersWithPending, ...project } = await measureGateway(kind);
    // Issue 16's goal: partners(first: 50) at 100k guests costs at most 2× invitations(first: 50).
    for (const [name, result] of Object.entries({ '': partners, ' with pendingInvitations': partnersWithPending })) {
      const label = `graphql partners(first: 50)${name} vs invitations(first: 50), ${kind}`;
      lines.push(
        { name: `${label}: p50 (goal ≤ 2×)`, project: result.p50, baseline: project.first.p50, unit: 'ms' },
        { name: `${label}: p99`, project: result.p99, baseline: project.first.p99, unit: 'ms' },
        { name: `${label}: rps`, project: result.rps, baseline: project.first.rps, unit: 'req/s' },
      );
    }
    for (const [name, result] of Object.entries(project)) {
      lines.push(
        { name: `graphql invitations(first: 50) ${name}, ${kind}: rps`, project: result.rps, baseline: baseline.rps, unit: 'req/s' },
        { name: `graphql invitations(first: 50) ${name}, ${kind}: p50`, project: result.p50, baseline: baseline.p50, unit: 'ms' },
        { name: `graphql invitations(first: 50) ${name}, ${kind}: p99`, project: result.p99, baseline: baseline.p99, unit: 'ms' },
      );
    }
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable(
    'bench/graphql',
    await runGraphqlBench(),
    `a bare Apollo Server on Express returning 50 in-memory objects, same run; ${ROWS} invitations seeded`,
  );
}
