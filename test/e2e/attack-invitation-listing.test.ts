import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/directory/actor.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { MessageAudience, OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { newId } from '../../src/shared/ids.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

type Node = Record<string, unknown> & { id: string };
interface Listing {
  data?: { invitations: { nodes: Node[]; pageInfo: { endCursor: string | null; hasNextPage: boolean }; totalCount: number } };
  errors?: unknown[];
}

const ROW = `id email status expiresAt`;
const GUEST = `invitedUser { id accountEnabled accessExpiresAt mail }`;
const DELIVERY = `delivery { outboxMessageId status attempts }`;

/**
 * The invitations page read with its guests and deliveries in one statement must answer what the
 * page alone plus per-row reads answer: under filters and cursors (their placeholders before the
 * join's), with SQLite's 0/1 booleans and text dates, and never system mail as a delivery.
 */
describe.each(testDatabases())('attack: the joined invitations page on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  let actor: Actor;
  const ids: string[] = [];

  const graphql = async (query: string): Promise<Listing> => {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.admin.token}` },
      body: JSON.stringify({ query }),
    });
    return (await response.json()) as Listing;
  };
  const page = (args: string, fields: string) =>
    graphql(`query { invitations(${args}) { totalCount pageInfo { endCursor hasNextPage } nodes { ${fields} } } }`);

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
    for (let i = 0; i < 5; i++) {
      const { invitation } = await t.gateway.services.invitations.invite(actor, {
        email: `attack${i}@partner${i}.example`,
        displayName: `Attack ${i}`,
        sendInvitationMessage: i % 2 === 0,
      });
      ids.push(invitation.id);
    }
    // One revoked, one expired: the status filters have something to tell apart.
    await t.gateway.services.invitations.revoke(actor, ids[1]!);
    await t.gateway.db.manager.update(Invitation, { id: ids[3]! }, { expiresAt: new Date(Date.now() - 60_000) });
  });
  afterAll(() => t.stop());

  it('pages the same with and without the joins, under every filter and cursor', async () => {
    const filters = ['', 'filter: { status: PendingAcceptance }', 'filter: { status: Expired }', 'filter: { status: Revoked }'];
    filters.push(`filter: { email: "ATTACK2@partner2.example", status: PendingAcceptance }`);
    for (const filter of filters) {
      let after: string | null = null;
      for (let n = 0; n < 6; n++) {
        const args = [filter, 'first: 1', after ? `after: "${after}"` : ''].filter(Boolean).join(', ');
        const plain = await page(args, ROW);
        const joined = await page(args, `${ROW} ${GUEST} ${DELIVERY}`);
        expect(plain.errors, JSON.stringify(plain.errors)).toBeUndefined();
        expect(joined.errors, JSON.stringify(joined.errors)).toBeUndefined();
        const p = plain.data!.invitations;
        const j = joined.data!.invitations;
        expect(
          j.nodes.map((x) => x.id),
          `${args}`,
        ).toEqual(p.nodes.map((x) => x.id));
        expect(j.nodes.map((x) => x.status)).toEqual(p.nodes.map((x) => x.status));
        expect(j.totalCount).toBe(p.totalCount);
        expect(j.pageInfo).toEqual(p.pageInfo);
        for (const node of j.nodes) {
          const invitation = await t.gateway.db.manager.findOneByOrFail(Invitation, { id: node.id });
          expect((node.invitedUser as { id: string }).id).toBe(invitation.invitedUserId);
          const newest = await t.gateway.db.manager.findOne(OutboxMessage, {
            where: { invitationId: node.id, audience: MessageAudience.Tenant },
            order: { id: 'DESC' },
          });
          expect((node.delivery as { outboxMessageId: string } | null)?.outboxMessageId ?? null).toBe(newest?.id ?? null);
        }
        if (!p.pageInfo.hasNextPage) break;
        after = p.pageInfo.endCursor;
      }
    }
  });

  it("shows a guest's disabled account and access end as stored (SQLite 0/1 and text dates)", async () => {
    const invitation = await t.gateway.db.manager.findOneByOrFail(Invitation, { id: ids[4]! });
    const ends = new Date('2031-02-03T04:05:06.789Z');
    await t.gateway.db.manager.update(User, { id: invitation.invitedUserId! }, { accountEnabled: false, accessExpiresAt: ends });
    const joined = await page('first: 50', `${ROW} ${GUEST}`);
    const node = joined.data!.invitations.nodes.find((x) => x.id === ids[4])!;
    expect(node.invitedUser).toMatchObject({ accountEnabled: false, accessExpiresAt: ends.toISOString() });
    const enabled = joined.data!.invitations.nodes.find((x) => x.id === ids[2])!;
    expect(enabled.invitedUser).toMatchObject({ accountEnabled: true, accessExpiresAt: null });
  });

  it("never shows a newer system mail naming the invitation as its delivery, nor another tenant's", async () => {
    const b = await createTenant(t, 'http');
    const tenantMail = await t.gateway.db.manager.findOneOrFail(OutboxMessage, { where: { invitationId: ids[0]! }, order: { id: 'DESC' } });
    const system = newId();
    const foreign = newId();
    await t.gateway.db.manager.insert(OutboxMessage, [
      { ...tenantMail, id: system, messageId: `<${system}@x>`, audience: MessageAudience.System },
      { ...tenantMail, id: foreign, messageId: `<${foreign}@x>`, tenantId: b.tenant.id },
    ]);
    for (const fields of [`${ROW} ${DELIVERY}`, `${ROW} ${GUEST} ${DELIVERY}`]) {
      const node = (await page('first: 50', fields)).data!.invitations.nodes.find((x) => x.id === ids[0])!;
      expect((node.delivery as { outboxMessageId: string }).outboxMessageId).toBe(tenantMail.id);
    }
    // Tenant B lists nothing of A's, whatever its outbox names.
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${b.admin.token}` },
      body: JSON.stringify({ query: `query { invitations(first: 50) { nodes { ${ROW} ${GUEST} ${DELIVERY} } } }` }),
    });
    expect(((await response.json()) as Listing).data!.invitations.nodes).toEqual([]);
  });
});
