import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/directory/actor.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

type Node = Record<string, unknown> & { id: string };
interface Answer {
  data?: Record<string, { nodes?: Node[]; edges?: { node: Node }[] } | Node | null>;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Everything a row can show that a narrowed page reads per field, nested objects included. */
const FULL = `id email status createdAt applicationIds groupIds
  invitedUser { id mail userType accountEnabled externalUserState createdAt
    homeOrganization { id domains pendingInvitations } roles groups { id } applications { id } }
  delivery { outboxMessageId status attempts }`;

/**
 * A listing reads only the columns its query selects, merged over every place a field is selected.
 * Whatever shape the query takes (aliases, fragments, @skip/@include with variables, one field twice
 * with different sub-selections, `edges { node }` beside `nodes`), each row must answer what a single
 * read of that invitation answers, and never an error.
 */
describe.each(testDatabases())('attack: query shapes over the narrowed invitations page on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  let actor: Actor;
  const single = new Map<string, Node>();

  const graphql = async (query: string, variables: Record<string, unknown> = {}): Promise<Answer> => {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.admin.token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Answer;
    expect(response.status, JSON.stringify(body.errors)).toBe(200);
    expect(body.errors).toBeUndefined();
    return body;
  };

  /** Each listed row, as the single read answers the same selection. */
  const expectLikeSingle = (rows: Node[], pick: (full: Node) => Node) => {
    expect(rows).toHaveLength(single.size);
    for (const row of rows) expect(row, row.id).toEqual(pick(single.get(row.id)!));
  };

  beforeAll(async () => {
    t = await startTestGateway(kind);
    a = await createTenant(t, 'http');
    actor = {
      tenantId: a.tenant.id,
      kind: PrincipalKind.Application,
      id: a.admin.app.id,
      displayName: 'ci',
      roles: [DirectoryRole.GlobalAdministrator],
      scopes: null,
    };
    for (let i = 0; i < 3; i++) {
      await t.gateway.services.invitations.invite(actor, {
        email: `shape${i}@shape${i % 2}.example`,
        displayName: `Shape ${i}`,
        sendInvitationMessage: i !== 1,
      });
    }
    const ids = (await graphql('query { invitations(first: 50) { nodes { id } } }')).data!.invitations as { nodes: Node[] };
    for (const { id } of ids.nodes!)
      single.set(id, (await graphql(`query { invitation(id: "${id}") { ${FULL} } }`)).data!.invitation as Node);
  });
  afterAll(() => t.stop());

  it('answers one field selected twice with different sub-selections, through nodes, edges and fragments', async () => {
    const body = await graphql(
      `
        query ($skip: Boolean!, $with: Boolean!) {
          invitations(first: 50) {
            nodes {
              id
              g: invitedUser {
                id
              }
              ...Guest
              status @skip(if: $skip)
            }
            edges {
              node {
                id
                ... on Invitation {
                  invitedUser {
                    homeOrganization {
                      id
                      domains
                      pendingInvitations
                    }
                  }
                }
                delivery @include(if: $with) {
                  status
                }
              }
            }
          }
        }
        fragment Guest on Invitation {
          invitedUser {
            mail
            userType
          }
          delivery {
            outboxMessageId
            attempts
          }
        }
      `,
      { skip: true, with: true },
    );
    const page = body.data!.invitations as { nodes: Node[]; edges: { node: Node }[] };
    const user = (full: Node) => full.invitedUser as Node;
    const delivery = (full: Node) => full.delivery as Node | null;
    expectLikeSingle(page.nodes, (full) => ({
      id: full.id,
      g: { id: user(full).id },
      invitedUser: { mail: user(full).mail, userType: user(full).userType },
      delivery: delivery(full) && { outboxMessageId: delivery(full)!.outboxMessageId, attempts: delivery(full)!.attempts },
    }));
    expectLikeSingle(
      page.edges.map((e) => e.node),
      (full) => ({
        id: full.id,
        invitedUser: { homeOrganization: user(full).homeOrganization },
        delivery: delivery(full) && { status: delivery(full)!.status },
      }),
    );
    expect(page.nodes.filter((n) => n.delivery === null)).toHaveLength(1);
    expect(page.edges.every((e) => (e.node.invitedUser as Node).homeOrganization !== null)).toBe(true);
  });

  it("answers a guest's per-row fields from its key columns alone, and the whole row as a single read", async () => {
    const keyOnly = await graphql(
      'query { invitations(first: 50) { nodes { id status invitedUser { homeOrganization { id } roles groups { id } applications { id } } } } }',
    );
    expectLikeSingle((keyOnly.data!.invitations as { nodes: Node[] }).nodes, (full) => {
      const { homeOrganization, roles, groups, applications } = full.invitedUser as Node;
      return {
        id: full.id,
        status: full.status,
        invitedUser: { homeOrganization: { id: (homeOrganization as Node).id }, roles, groups, applications },
      };
    });
    const whole = await graphql(`query { invitations(first: 50) { nodes { ${FULL} } } }`);
    expectLikeSingle((whole.data!.invitations as { nodes: Node[] }).nodes, (full) => full);
  });
});
