import { describe, expect, it } from 'vitest';
import type { Application } from '../../src/apps/application.entity.js';
import { AssignmentPrincipalType } from '../../src/apps/app-assignment.entity.js';
import type { Actor } from '../../src/directory/actor.js';
import { ApiScope } from '../../src/directory/permissions.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import type { Tenant } from '../../src/directory/tenant.entity.js';
import { createLoaders } from '../../src/graphql/loaders.js';
import type { Services } from '../../src/services.js';
import { testDatabases } from '../helpers/databases.js';
import { unique, useServicesHarness } from '../helpers/services-harness.js';

/**
 * The per-request GraphQL loaders (src/graphql/loaders.ts): each reads only the caller's tenant (the
 * cross-tenant twin: the same keys of another tenant find nothing), and the rows of a page load in one call.
 */
describe.each(testDatabases())('GraphQL loaders on %s', (kind) => {
  const h = useServicesHarness(kind);

  /** A tenant with one invited guest in a group, assigned an app that has a secret, an API grant and a role. */
  async function populated(): Promise<{ t: Tenant; actor: Actor; guestId: string; invitationId: string; group: string; app: Application }> {
    const t = await h.tenant();
    const actor = h.admin(t.id);
    const { application: app } = await h.s.apps.createAsOperator(
      t.id,
      { displayName: `App ${unique()}`, replyUrls: ['https://app.partner.example/cb'] },
      [DirectoryRole.GuestInviter],
    );
    await h.s.appSecrets.add(actor, app.id, { displayName: 'ci' }); // a second one
    await h.s.apiAccess.grant(actor, app.id, [ApiScope.DirectoryReadAll]);
    const group = await h.s.groups.create(actor, { displayName: `Group ${unique()}` });
    const { invitation } = await h.s.invitations.invite(actor, {
      email: `guest${unique()}@partner.example`,
      displayName: 'Guest',
      groupIds: [group.id],
      applicationIds: [app.id],
      sendInvitationMessage: true,
    });
    await h.s.assignments.assign(actor, app.id, { type: AssignmentPrincipalType.Group, id: group.id });
    return { t, actor, guestId: invitation.invitedUserId!, invitationId: invitation.id, group: group.id, app };
  }

  /** Everything one tenant's loaders answer for these keys. */
  async function read(services: Services, actor: Actor, keys: Awaited<ReturnType<typeof populated>>) {
    const l = createLoaders(services, actor);
    return {
      user: (await l.users.load(keys.guestId))?.id ?? null,
      delivery: (await l.latestDelivery.load(keys.invitationId))?.invitationId ?? null,
      groups: (await l.userGroups.load(keys.guestId)).map((g) => g.id),
      apps: (await l.userApplications.load(keys.guestId)).map((a) => a.id),
      roles: await l.appRoles.load(keys.app.id),
      secrets: (await l.appSecrets.load(keys.app)).length,
      assignments: (await l.appAssignments.load(keys.app.id)).length,
      apiAccess: (await l.appApiAccess.load(keys.app.id))?.applicationId ?? null,
    };
  }

  it("answers its own tenant's rows", async () => {
    const mine = await populated();
    expect(await read(h.s, mine.actor, mine)).toEqual({
      user: mine.guestId,
      delivery: mine.invitationId,
      groups: [mine.group],
      apps: [mine.app.id],
      roles: [DirectoryRole.GuestInviter],
      secrets: 2,
      assignments: 2,
      apiAccess: mine.app.id,
    });
  });

  it("never returns another tenant's row for its keys", async () => {
    const mine = await populated();
    const theirs = await populated();
    expect(await read(h.s, mine.actor, theirs)).toEqual({
      user: null,
      delivery: null,
      groups: [],
      apps: [],
      roles: [],
      secrets: 0,
      assignments: 0,
      apiAccess: null,
    });
  });

  it('loads the rows of a page in one call, and refuses without a caller', async () => {
    const a = await populated();
    const b = await populated();
    const c = await populated();
    const users = h.s.users;
    const original = users.findInTenant.bind(users);
    let calls = 0;
    users.findInTenant = (tenantId, ids) => (calls++, original(tenantId, ids));
    try {
      const l = createLoaders(h.s, { ...a.actor, tenantId: a.t.id });
      const found = await Promise.all([a.guestId, b.guestId, c.guestId, a.guestId].map((id) => l.users.load(id)));
      expect(found.map((u) => u?.id ?? null)).toEqual([a.guestId, null, null, a.guestId]);
      expect(calls).toBe(1);
    } finally {
      users.findInTenant = original;
    }
    await expect(createLoaders(h.s, null).users.load(a.guestId)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
