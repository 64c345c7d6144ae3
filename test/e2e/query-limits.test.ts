import type { DataSource, Logger as TypeOrmLogger } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as operations from '../graphql/generated.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { print, type DocumentNode } from 'graphql';

const LIMIT_CODES = ['QUERY_TOO_LARGE', 'QUERY_TOO_DEEP', 'TOO_MANY_ALIASES', 'TOO_MANY_DIRECTIVES', 'QUERY_TOO_COMPLEX'];

/** Counts the SQL statements the gateway sends while `run` runs (TypeORM reports each to its logger). */
async function countQueries(dataSource: DataSource, run: () => Promise<unknown>): Promise<number> {
  const original = dataSource.logger;
  let count = 0;
  const counting: TypeOrmLogger = Object.assign(Object.create(original) as TypeOrmLogger, {
    logQuery: (...args: Parameters<TypeOrmLogger['logQuery']>) => {
      count += 1;
      return original.logQuery(...args);
    },
  });
  Object.assign(dataSource, { logger: counting });
  try {
    await run();
  } finally {
    Object.assign(dataSource, { logger: original });
  }
  return count;
}

describe.each(testDatabases())('GraphQL query limits on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;

  async function post(query: string, options: { token?: boolean; variables?: Record<string, unknown> } = {}) {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.token === false ? {} : { authorization: `Bearer ${a.admin.token}` }) },
      body: JSON.stringify({ query, variables: options.variables }),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
  }
  const codes = (body: { errors?: any[] }) => (body.errors ?? []).map((e) => e.extensions.code as string);
  const aliased = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

  const suite = useGatewaySuite(kind, { tenants: [{}] });
  beforeAll(async () => {
    ({
      t,
      tenants: [a],
    } = suite);
    // Twenty guests from twenty partner domains, each with a queued invitation email.
    for (let i = 0; i < 20; i += 1) {
      await a.admin.client.data(operations.InviteUserDocument, { input: { email: `guest${i}@partner${i}.example` } });
    }
  });

  it('refuses 100 aliased partner lists before running any of them', async () => {
    // Small enough to pass the token limit: each alias still derives every partner from every guest.
    const attack = aliased(100, 'partners { totalCount nodes { guestCount } }');
    const statements = await countQueries(t.gateway.db.dataSource, async () => {
      const { status, body } = await post(attack);
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(codes(body)).toContain('TOO_MANY_ALIASES');
      const error = body.errors!.find((e) => e.extensions.code === 'TOO_MANY_ALIASES');
      expect(error.extensions).toMatchObject({ category: 'BAD_USER_INPUT', requestId: expect.any(String) });
      expect(error.message).toMatch(/Aliases limit of 15 exceeded, found 100/);
    });
    // Only the caller's token was checked: no partner was derived.
    expect(statements).toBeLessThan(10);
  });

  it('refuses 30 aliased invitation pages with their delivery, guest and roles', async () => {
    const { status, body } = await post(
      aliased(30, 'invitations(first: 200) { nodes { id delivery { status } invitedUser { id roles } } }'),
    );
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(codes(body)).toContain('TOO_MANY_ALIASES');
  });

  it('refuses a query nested deeper than the limit', async () => {
    const deep = `{ __type(name: "User") { fields { type ${'{ ofType '.repeat(10)}{ name }${' }'.repeat(10)} } } }`;
    const { status, body } = await post(deep);
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['QUERY_TOO_DEEP']);
    // The same shape within the limit is answered.
    const shallow = await post(`{ __type(name: "User") { fields { type { ofType { ofType { name } } } } } }`);
    expect(shallow.body.errors).toBeUndefined();
  });

  it('refuses nested 200-row pages as too costly', async () => {
    const { status, body } = await post('{ partners(first: 200) { nodes { guests(first: 200) { nodes { id mail displayName } } } } }');
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('refuses too many directives', async () => {
    const { status, body } = await post(`{ viewer { id ${'@include(if: true) '.repeat(25)} } }`);
    expect(status).toBe(400);
    expect(codes(body)).toContain('TOO_MANY_DIRECTIVES');
  });

  it('refuses a 0.75 MB document without a token at the token limit, before parsing it all', async () => {
    const fragments = Array.from({ length: 9000 }, (_, i) => `fragment F${i} on User { id mail }`).join('\n');
    const unusedFragments = `query { viewer { id } }\n${fragments}`;
    expect(unusedFragments.length).toBeGreaterThan(300_000);
    const variables = Array.from({ length: 60_000 }, (_, i) => `$v${i}: Int`).join(' ');
    const unusedVariables = `query Q(${variables}) { viewer { id } }`;
    expect(unusedVariables.length).toBeGreaterThan(750_000);
    for (const query of [unusedFragments, unusedVariables]) {
      const { status, body } = await post(query, { token: false });
      expect(status).toBe(400);
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0].extensions).toMatchObject({
        code: 'QUERY_TOO_LARGE',
        category: 'BAD_USER_INPUT',
        details: { maxTokens: 2000 },
      });
    }
  });

  it('refuses a short document with more tokens than the limit', async () => {
    const query = `query { viewer { id } }\n${Array.from({ length: 400 }, (_, i) => `fragment F${i} on User { id }`).join('\n')}`;
    expect(query.length).toBeLessThan(20_000);
    const { status, body } = await post(query, { token: false });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['QUERY_TOO_LARGE']);
  });

  it('refuses a document longer than the limit even with few tokens', async () => {
    const { status, body } = await post(`# ${'x'.repeat(200_000)}\n{ viewer { id } }`, { token: false });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['QUERY_TOO_LARGE']);
  });

  it('answers a body over 1 MB or not JSON as a client error, not a 500', async () => {
    const send = async (body: string) => {
      const response = await fetch(`${t.baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return { status: response.status, body: (await response.json()) as { errors: any[] } };
    };
    const huge = await send(JSON.stringify({ query: '{ viewer { id } }', variables: { padding: 'x'.repeat(1_100_000) } }));
    expect(huge.status).toBe(413);
    expect(huge.body.errors[0].extensions).toMatchObject({
      code: 'QUERY_TOO_LARGE',
      category: 'BAD_USER_INPUT',
      requestId: expect.any(String),
    });
    const malformed = await send('{"query": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors[0].extensions).toMatchObject({ code: 'BAD_REQUEST', requestId: expect.any(String) });
  });

  it('lets every test operation through the limits', async () => {
    const documents = Object.entries(operations).filter(([name]) => name.endsWith('Document')) as [string, DocumentNode][];
    expect(documents.length).toBeGreaterThan(40);
    for (const [name, document] of documents) {
      // Without a token and variables nothing runs: the answer is a missing variable or UNAUTHENTICATED.
      const { body } = await post(print(document), { token: false });
      expect({ name, codes: codes(body).filter((c) => LIMIT_CODES.includes(c)) }).toEqual({ name, codes: [] });
      expect(
        codes(body).every((c) => c === 'BAD_USER_INPUT' || c === 'UNAUTHENTICATED'),
        name,
      ).toBe(true);
    }
  });

  it('answers a console dashboard and a full page of invitations with their delivery, guest and roles', async () => {
    const dashboard = await post(`{
      viewer { id displayName roles tenant { id name domains } }
      pending: invitations(filter: { status: PendingAcceptance }, first: 10) { totalCount nodes { id email status } }
      guests: users(filter: { userType: Guest }, first: 10) { totalCount nodes { id mail roles } }
      members: users(filter: { userType: Member }, first: 10) { totalCount nodes { id mail } }
      partners(first: 10) { totalCount nodes { id name guestCount } }
      applications(first: 10) { nodes { id roles } }
    }`);
    expect(dashboard.body.errors).toBeUndefined();
    expect(dashboard.body.data.pending.totalCount).toBe(20);
    expect(dashboard.body.data.applications.nodes.find((app: any) => app.id === a.admin.app.id).roles).toEqual(['GlobalAdministrator']);

    const page = `query($first: Int) { invitations(first: $first) { nodes { email delivery { status } invitedUser { id mail roles } } } }`;
    const first = (await post(page, { variables: { first: 1 } })).body.data.invitations.nodes[0];
    await a.admin.client.data(operations.AssignDirectoryRoleDocument, {
      principal: { type: 'User', id: first.invitedUser.id },
      role: 'GuestInviter',
    });

    const { body } = await post(page, { variables: { first: 200 } });
    expect(body.errors).toBeUndefined();
    const nodes = body.data.invitations.nodes;
    expect(nodes).toHaveLength(20);
    for (const node of nodes) {
      expect(node.delivery).toEqual({ status: 'Queued' });
      expect(node.invitedUser.mail).toBe(node.email);
      expect(node.invitedUser.roles).toEqual(node.invitedUser.id === first.invitedUser.id ? ['GuestInviter'] : []);
    }
  });

  it('reads per-row fields in batches: 20 rows cost the queries 2 rows do', async () => {
    const page = `query($first: Int) { invitations(first: $first) { nodes { delivery { status } invitedUser { id roles } } } }`;
    const two = await countQueries(t.gateway.db.dataSource, () => post(page, { variables: { first: 2 } }));
    const twenty = await countQueries(t.gateway.db.dataSource, () => post(page, { variables: { first: 20 } }));
    expect(twenty).toBe(two);
    expect(twenty).toBeLessThan(15);
  });

  it('reads a page of partners in a few queries whatever its size (rows kept on write), each alias in as many', async () => {
    const fields = 'partners(first: 200) { totalCount nodes { id name kind domains guestCount pendingInvitations lastSignInAt } }';
    const once = await countQueries(t.gateway.db.dataSource, () => post(aliased(1, fields)));
    const fifteen = await countQueries(t.gateway.db.dataSource, async () => {
      const { body } = await post(aliased(15, fields));
      expect(body.errors).toBeUndefined();
      expect(body.data.a14.totalCount).toBe(20);
      expect(body.data.a14.nodes.every((p: any) => p.guestCount === 1)).toBe(true);
    });
    // 20 partners, yet a handful of statements: the page, the count, names and kinds, pending counts.
    expect(once).toBeLessThanOrEqual(12);
    expect(fifteen).toBeLessThanOrEqual(15 * once);
  });
});
