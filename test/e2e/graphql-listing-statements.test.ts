import { getNamedType, type GraphQLObjectType, isLeafType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGatewaySchema } from '../../src/graphql/schema.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { StatementCounter } from '../helpers/statement-counter.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

type Field = { name: string; selection: string };
type Row = Record<string, unknown> & { invitedUser?: Record<string, unknown>; delivery?: Record<string, unknown> };

/** The listing `npm run bench:graphql` measures (issue 16): a page with each invitation's guest and delivery. */
const NESTED = `query { invitations(first: 50) { nodes {
  id email status createdAt expiresAt applicationIds
  invitedUser { id mail userPrincipalName externalUserState }
  delivery { outboxMessageId status attempts sentAt }
} } }`;

/**
 * The SQL statements of one page of invitations with guests and deliveries over an application
 * token: one for the token (keys, app and roles together), one for the page, one per batched field.
 * Access is still read at every request: a role removed counts at the next one.
 */
describe.each(testDatabases())('invitations listing statements on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  let counter: StatementCounter;

  beforeAll(async () => {
    t = await startTestGateway(kind);
    a = await createTenant(t, 'http');
    for (let i = 0; i < 3; i++) {
      await t.gateway.services.invitations.invite(
        {
          tenantId: a.tenant.id,
          kind: PrincipalKind.Application,
          id: a.admin.app.id,
          displayName: 'ci',
          roles: [DirectoryRole.GlobalAdministrator],
          scopes: null,
        },
        { email: `guest${i}@partner${i}.example`, displayName: `Guest ${i}`, sendInvitationMessage: true },
      );
    }
    counter = new StatementCounter(t.gateway.db);
  });
  afterAll(() => t.stop());

  const actorA = () => ({
    tenantId: a.tenant.id,
    kind: PrincipalKind.Application,
    id: a.admin.app.id,
    displayName: 'ci',
    roles: [DirectoryRole.GlobalAdministrator],
    scopes: null,
  });
  const graphql = (token: string, query: string) =>
    fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
  const list = async (token: string) => {
    const response = await graphql(token, NESTED);
    return (await response.json()) as {
      data?: { invitations: { nodes: Record<string, unknown>[] } };
      errors?: { extensions: { code: string } }[];
    };
  };

  it('costs two statements: the token, and the page with its guests and deliveries', async () => {
    await list(a.admin.token); // warm-up
    let body: Awaited<ReturnType<typeof list>> = {};
    const statements = await counter.record(async () => (body = await list(a.admin.token)));
    expect(statements, statements.join('\n')).toHaveLength(2);
    const nodes = body.data!.invitations.nodes;
    expect(nodes.map((n) => n.email)).toEqual(['guest2@partner2.example', 'guest1@partner1.example', 'guest0@partner0.example']);
    expect(nodes[0]).toMatchObject({
      status: 'PendingAcceptance',
      applicationIds: [],
      invitedUser: { mail: 'guest2@partner2.example', externalUserState: 'PendingAcceptance' },
      delivery: { status: 'Queued', attempts: 0, sentAt: null },
    });
    expect(typeof nodes[0]!.createdAt).toBe('string');
    expect(new Date(nodes[0]!.expiresAt as string).getTime()).toBeGreaterThan(Date.now());
  });

  it('reads the same through fragments and edges, and nothing it does not select', async () => {
    const viaEdges = `query { invitations(first: 50) { edges { node { ...Row } } } }
      fragment Row on Invitation { id ... on Invitation { invitedUser { mail } delivery { status } } }`;
    const statements = await counter.record(() => graphql(a.admin.token, viaEdges));
    expect(statements, statements.join('\n')).toHaveLength(2);
    const plain = await counter.record(() => graphql(a.admin.token, 'query { invitations(first: 50) { nodes { id email } } }'));
    expect(plain.join('\n')).not.toMatch(/directory_user|outbox_message/);
  });

  it('answers each field alone as a single read does, reading only the columns it selects', async () => {
    // Every field of the three types, from the schema (a field added later is checked too), one at a
    // time: a field whose resolver reads a column it is not named after finds it read. An object
    // field of a guest is selected as `{ __typename }` (its resolver reads the guest's key columns).
    const schema = await buildGatewaySchema();
    const fieldsOf = (type: string) =>
      Object.values((schema.getType(type) as GraphQLObjectType).getFields()).map((f) => ({
        name: f.name,
        selection: isLeafType(getNamedType(f.type)) ? f.name : `${f.name} { __typename }`,
      }));
    const [invitation, user, delivery] = ['Invitation', 'User', 'Delivery'].map(fieldsOf) as [Field[], Field[], Field[]];
    const plain = invitation.filter((f) => f.name !== 'invitedUser' && f.name !== 'delivery');
    const all = `${plain.map((f) => f.selection).join(' ')} invitedUser { ${user.map((f) => f.selection).join(' ')} }
      delivery { ${delivery.map((f) => f.selection).join(' ')} }`;
    const read = async (query: string) => ((await (await graphql(a.admin.token, query)).json()) as { data: Record<string, unknown> }).data;
    const page = (await read('query { invitations(first: 50) { nodes { id } } }')) as { invitations: { nodes: { id: string }[] } };
    const single = new Map<string, Record<string, Record<string, unknown>>>();
    for (const { id } of page.invitations.nodes) {
      single.set(id, (await read(`query { invitation(id: "${id}") { ${all} } }`)).invitation as Record<string, Record<string, unknown>>);
    }
    const cases = [
      ...plain.map((f) => ({ ...f, wrap: (s: string) => s, pick: (row: Row) => row[f.name] })),
      ...user.map((f) => ({ ...f, wrap: (s: string) => `invitedUser { ${s} }`, pick: (row: Row) => row.invitedUser?.[f.name] })),
      ...delivery.map((f) => ({ ...f, wrap: (s: string) => `delivery { ${s} }`, pick: (row: Row) => row.delivery?.[f.name] })),
    ];
    for (const { name, selection, wrap, pick } of cases) {
      const listed = (await read(`query { invitations(first: 50) { nodes { id ${wrap(selection)} } } }`)) as {
        invitations: { nodes: (Row & { id: string })[] };
      };
      expect(listed.invitations.nodes).toHaveLength(3);
      for (const node of listed.invitations.nodes) expect(pick(node), `${wrap(name)}`).toEqual(pick(single.get(node.id)!));
    }
    const narrow = await counter.record(() =>
      graphql(a.admin.token, 'query { invitations(first: 50) { nodes { email invitedUser { mail } } } }'),
    );
    expect(narrow.join('\n')).not.toMatch(/invitationText|givenName/);
  });

  it("a page's narrow guest rows answer only its own rows", async () => {
    // Two pages in one query, the first selecting less of each guest: each row finds its own guest.
    const body = (await (
      await graphql(
        a.admin.token,
        'query { a: invitations(first: 50) { nodes { invitedUser { id } } } b: invitations(first: 50) { nodes { invitedUser { id mail displayName } } } }',
      )
    ).json()) as { data: { b: { nodes: { invitedUser: { mail: string; displayName: string } }[] } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data.b.nodes.map((n) => n.invitedUser.mail)).toEqual([
      'guest2@partner2.example',
      'guest1@partner1.example',
      'guest0@partner0.example',
    ]);
  });

  it("joins only the rows of the invitation's tenant, and its newest email", async () => {
    const b = await createTenant(t, 'http');
    const actorB = {
      tenantId: b.tenant.id,
      kind: PrincipalKind.Application,
      id: b.admin.app.id,
      displayName: 'ci',
      roles: [DirectoryRole.GlobalAdministrator],
      scopes: null,
    };
    const { invitation: other } = await t.gateway.services.invitations.invite(actorB, {
      email: 'other@partner.example',
      displayName: 'Other',
      sendInvitationMessage: true,
    });
    const mine = (await list(a.admin.token)).data!.invitations.nodes[0]!;
    // Rows no service would write: A's invitation naming B's guest, and B's newer email naming A's invitation.
    await t.gateway.db.manager.update(Invitation, { id: mine.id as string }, { invitedUserId: other.invitedUserId });
    await t.gateway.db.manager.update(OutboxMessage, { invitationId: other.id }, { invitationId: mine.id as string });
    const row = (await list(a.admin.token)).data!.invitations.nodes[0]!;
    expect(row).toMatchObject({ id: mine.id, invitedUser: null });
    expect((row.delivery as { outboxMessageId: string }).outboxMessageId).toBe(
      (mine.delivery as { outboxMessageId: string }).outboxMessageId,
    );
    // A resend queues a newer email: the listing shows it.
    await t.gateway.db.manager.update(
      OutboxMessage,
      { invitationId: mine.id as string, tenantId: b.tenant.id },
      { invitationId: other.id },
    );
    await t.gateway.services.invitations.resend(actorA(), mine.id as string);
    const resent = (await list(a.admin.token)).data!.invitations.nodes[0]!;
    const newest = await t.gateway.db.manager.findOne(OutboxMessage, { where: { invitationId: mine.id as string }, order: { id: 'DESC' } });
    expect((resent.delivery as { outboxMessageId: string }).outboxMessageId).toBe(newest!.id);
    expect(newest!.id).not.toBe((mine.delivery as { outboxMessageId: string }).outboxMessageId);
  });

  it("reads the application's roles at every request", async () => {
    const inviter = await a.principal([DirectoryRole.GuestInviter, DirectoryRole.UserAdministrator]);
    expect((await list(inviter.token)).data?.invitations.nodes.length).toBeGreaterThan(0);
    await t.gateway.db.transaction((em) => t.gateway.services.roles.revokeAll(em, a.tenant.id, PrincipalKind.Application, inviter.app.id));
    expect((await list(inviter.token)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
