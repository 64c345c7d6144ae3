/**
 * npx tsx bench/explain-overview.ts — the query plans of every statement the console's Overview
 * (ConsoleOverview) issues, on a tenant with 100,000 invitations and their guests, on SQLite and (with
 * TEST_DATABASE_URL) PostgreSQL. It runs the operation once through the GraphQL API, records each
 * SELECT, then prints EXPLAIN QUERY PLAN (SQLite) or EXPLAIN ANALYZE (PostgreSQL) for it: a full
 * scan of a large table here is what makes the overview slow at scale.
 */
import 'reflect-metadata';
import { print } from 'graphql';
import pg from 'pg';
import { ConsoleOverviewDocument } from '../src/console/gql/graphql.js';
import { DirectoryRole } from '../src/directory/role-assignment.entity.js';
import { AuditAction } from '../src/shared/audit-actions.js';
import { createTestDatabase, type DatabaseKind } from '../test/helpers/databases.js';
import { clientCredentialsToken } from '../test/helpers/fixtures.js';
import { startBenchGateway } from './gateway.js';
import { seedInvitations } from './seed.js';

const ROWS = Number(process.env.BENCH_INVITATIONS ?? 100_000);
const VARIABLES = {
  invitations: true,
  outbox: true,
  directory: true,
  audit: true,
  signIns: true,
  recent: 5,
  redeemed: [AuditAction.RedeemExternalUserInvite],
};

async function explain(kind: DatabaseKind): Promise<void> {
  const db = await createTestDatabase(kind);
  const { gateway, config } = await startBenchGateway(db);
  try {
    const tenant = await gateway.services.tenants.create({ name: 'Explain', domains: ['explain.example'] });
    const { application, clientSecret } = await gateway.services.apps.createAsOperator(tenant.id, { displayName: 'explain' }, [
      DirectoryRole.GlobalAdministrator,
    ]);
    await seedInvitations(gateway, tenant.id, application.id, ROWS);
    const token = await clientCredentialsToken({ baseUrl: config.publicUrl } as never, tenant.id, application.appId, clientSecret);

    // Record the statements the operation issues (parameters included), then explain each.
    const seen: { sql: string; params: unknown[] }[] = [];
    const runner = gateway.db.dataSource.createQueryRunner();
    const original = Object.getPrototypeOf(runner).query as (sql: string, params?: unknown[], ...rest: unknown[]) => Promise<unknown>;
    await runner.release();
    Object.getPrototypeOf(runner).query = function (this: unknown, sql: string, params?: unknown[], ...rest: unknown[]) {
      if (/^\s*SELECT/i.test(sql)) seen.push({ sql, params: params ?? [] });
      return original.call(this, sql, params, ...rest);
    };
    const response = await fetch(`${config.publicUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: print(ConsoleOverviewDocument), variables: VARIABLES }),
    });
    const body = (await response.json()) as { data?: unknown; errors?: unknown };
    Object.getPrototypeOf(runner).query = original;
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    console.log(`\n## ${kind}, ${ROWS} invitations: ${JSON.stringify(body.data)}`);
    for (const { sql, params } of seen) {
      console.log(`\n${sql}`);
      if (kind === 'sqlite') {
        const plan = (await gateway.db.dataSource.query(`EXPLAIN QUERY PLAN ${sql}`, params)) as { detail: string }[];
        for (const row of plan) console.log(`  ${row.detail}`);
      } else {
        const client = new pg.Client({ connectionString: db.database.kind === 'postgres' ? db.database.url : '' });
        await client.connect();
        try {
          const values = params.map((p) => (p instanceof Date ? p.toISOString() : p));
          const plan = await client.query(`EXPLAIN ANALYZE ${sql}`, values as unknown[]);
          for (const row of plan.rows as { 'QUERY PLAN': string }[]) console.log(`  ${row['QUERY PLAN']}`);
        } finally {
          await client.end();
        }
      }
    }
  } finally {
    await gateway.close();
    await db.drop();
  }
}

for (const kind of (process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite']) as DatabaseKind[]) await explain(kind);
