import { beforeAll, describe, expect, it } from 'vitest';
import { Application } from '../../src/apps/application.entity.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { apiMatrix } from '../helpers/databases.js';
import { clientCredentialsToken, createTenant, tokenResponse, type TenantFixture, twoTenants } from '../helpers/fixtures.js';
import {
  ApplicationDocument,
  ApplicationsDocument,
  AssignApplicationDocument,
  CreateApplicationDocument,
  CreateGroupDocument,
  DeleteApplicationDocument,
  InviteUserDocument,
  UnassignApplicationDocument,
  UpdateApplicationDocument,
} from '../graphql/generated.js';

describe.each(apiMatrix())('applications (%s)', (_label, kind, transport) => {
  const s = twoTenants(kind, transport);

  const create = (f: TenantFixture, displayName = 'Portal', replyUrls = ['https://portal.fabrikam.example/cb']) =>
    f.admin.client.data(CreateApplicationDocument, { input: { displayName, replyUrls } }).then((r) => r.createApplication);

  it('creates an app that is an OIDC client, returning its secret once and storing it sealed', async () => {
    const created = await create(s.a, 'Expenses', ['https://expenses.example/cb', 'http://localhost:3000/cb']);
    expect(created.application).toMatchObject({ displayName: 'Expenses', assignmentRequired: true, roles: [] });
    expect(created.application.replyUrls).toEqual(['https://expenses.example/cb', 'http://localhost:3000/cb']);
    expect(created.clientSecret.length).toBeGreaterThanOrEqual(43);
    const row = await s.t.gateway.db.manager.findOneByOrFail(Application, { id: created.application.id });
    expect(JSON.stringify(row)).not.toContain(created.clientSecret);
    const token = await clientCredentialsToken(s.t, s.a.tenant.id, created.application.appId, created.clientSecret);
    expect(token.split('.')).toHaveLength(3);
    const read = await s.a.admin.client.run(ApplicationDocument, { id: created.application.id });
    expect(JSON.stringify(read)).not.toContain(created.clientSecret);
  });

  it.each([
    ['a relative URL', '/callback'],
    ['http on a public host', 'http://portal.example/cb'],
    ['a fragment', 'https://portal.example/cb#x'],
    ['credentials', 'https://user:pw@portal.example/cb'],
  ])('refuses a reply URL with %s', async (_label, url) => {
    expect(await s.a.admin.client.errorCode(CreateApplicationDocument, { input: { displayName: 'Bad', replyUrls: [url] } })).toBe(
      'INVALID_REPLY_URL',
    );
  });

  it('refuses an empty name', async () => {
    expect(await s.a.admin.client.errorCode(CreateApplicationDocument, { input: { displayName: '  ' } })).toBe('BAD_USER_INPUT');
  });

  it('updates only the given fields and the provider sees the change without a restart', async () => {
    const created = await create(s.a);
    const updated = await s.a.admin.client.data(UpdateApplicationDocument, {
      id: created.application.id,
      input: { displayName: 'Portal 2', assignmentRequired: false, homepageUrl: 'https://portal.fabrikam.example' },
    });
    expect(updated.updateApplication).toMatchObject({
      displayName: 'Portal 2',
      assignmentRequired: false,
      homepageUrl: 'https://portal.fabrikam.example/',
      replyUrls: ['https://portal.fabrikam.example/cb'],
    });
    const cleared = await s.a.admin.client.data(UpdateApplicationDocument, { id: created.application.id, input: { homepageUrl: null } });
    expect(cleared.updateApplication.homepageUrl).toBeNull();
    await s.a.admin.client.data(DeleteApplicationDocument, { id: created.application.id });
    const { status, body } = await tokenResponse(s.t, s.a.tenant.id, created.application.appId, created.clientSecret);
    expect(status).toBe(401);
    expect(body.error).toBe('invalid_client');
  });

  it('paginates applications in creation order', async () => {
    const fresh = await createTenant(s.t, transport);
    const ids = [fresh.admin.app.id];
    for (let i = 0; i < 4; i++) ids.push((await create(fresh, `App ${i}`)).application.id);
    const seen: string[] = [];
    let after: string | null | undefined;
    do {
      const page = (await fresh.admin.client.data(ApplicationsDocument, { first: 2, after })).applications;
      expect(page.totalCount).toBe(5);
      seen.push(...page.nodes.map((n) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(ids);
  });

  it('assigns and unassigns users and groups, idempotently', async () => {
    const app = (await create(s.a)).application;
    const guest = (await s.a.admin.client.data(InviteUserDocument, { input: { email: `assignee.${transport}@fabrikam.example` } }))
      .inviteUser.invitedUser!;
    const group = (await s.a.admin.client.data(CreateGroupDocument, { input: { displayName: 'Assignees' } })).createGroup;
    const first = await s.a.admin.client.data(AssignApplicationDocument, {
      applicationId: app.id,
      principal: { type: 'User', id: guest.id },
    });
    const again = await s.a.admin.client.data(AssignApplicationDocument, {
      applicationId: app.id,
      principal: { type: 'User', id: guest.id },
    });
    expect(again.assignApplication.id).toBe(first.assignApplication.id);
    await s.a.admin.client.data(AssignApplicationDocument, { applicationId: app.id, principal: { type: 'Group', id: group.id } });
    const read = await s.a.admin.client.data(ApplicationDocument, { id: app.id });
    expect(read.application.assignments.map((x) => [x.principalType, x.principalId])).toEqual([
      ['User', guest.id],
      ['Group', group.id],
    ]);
    const after = await s.a.admin.client.data(UnassignApplicationDocument, {
      applicationId: app.id,
      principal: { type: 'User', id: guest.id },
    });
    expect(after.unassignApplication.assignments.map((x) => x.principalId)).toEqual([group.id]);
    expect(
      await s.a.admin.client.errorCode(UnassignApplicationDocument, { applicationId: app.id, principal: { type: 'User', id: guest.id } }),
    ).toBe('NOT_FOUND');
  });

  it('an app cannot delete itself', async () => {
    expect(await s.a.admin.client.errorCode(DeleteApplicationDocument, { id: s.a.admin.app.id })).toBe('CANNOT_MODIFY_SELF');
  });

  it('only GlobalAdministrators manage apps; GuestInviters may read them', async () => {
    const inviter = await s.a.principal([DirectoryRole.GuestInviter]);
    const app = (await create(s.a)).application;
    expect(await inviter.client.errorCode(CreateApplicationDocument, { input: { displayName: 'X' } })).toBe('FORBIDDEN');
    expect(await inviter.client.errorCode(UpdateApplicationDocument, { id: app.id, input: { displayName: 'X' } })).toBe('FORBIDDEN');
    expect(await inviter.client.errorCode(DeleteApplicationDocument, { id: app.id })).toBe('FORBIDDEN');
    expect(
      await inviter.client.errorCode(AssignApplicationDocument, { applicationId: app.id, principal: { type: 'User', id: app.id } }),
    ).toBe('FORBIDDEN');
    expect(
      await inviter.client.errorCode(UnassignApplicationDocument, { applicationId: app.id, principal: { type: 'User', id: app.id } }),
    ).toBe('FORBIDDEN');
    expect((await inviter.client.data(ApplicationDocument, { id: app.id })).application.id).toBe(app.id);
  });

  describe('tenant isolation: every query and mutation on another tenant’s app is NOT_FOUND and changes nothing', () => {
    let theirs: { id: string; appId: string };
    let theirGroup: string;

    beforeAll(async () => {
      theirs = (await create(s.b, 'B app')).application;
      theirGroup = (await s.b.admin.client.data(CreateGroupDocument, { input: { displayName: 'B group' } })).createGroup.id;
    });

    it('application(id)', async () => {
      expect(await s.a.admin.client.errorCode(ApplicationDocument, { id: theirs.id })).toBe('NOT_FOUND');
    });
    it('applications', async () => {
      const ids = (await s.a.admin.client.data(ApplicationsDocument, { first: 200 })).applications.nodes.map((n) => n.id);
      expect(ids).not.toContain(theirs.id);
    });
    it('updateApplication', async () => {
      expect(await s.a.admin.client.errorCode(UpdateApplicationDocument, { id: theirs.id, input: { displayName: 'pwned' } })).toBe(
        'NOT_FOUND',
      );
      expect((await s.b.admin.client.data(ApplicationDocument, { id: theirs.id })).application.displayName).toBe('B app');
    });
    it('deleteApplication', async () => {
      expect(await s.a.admin.client.errorCode(DeleteApplicationDocument, { id: theirs.id })).toBe('NOT_FOUND');
      expect((await s.b.admin.client.data(ApplicationDocument, { id: theirs.id })).application.id).toBe(theirs.id);
    });
    it('assignApplication (their app, or their group to my app)', async () => {
      const mine = (await create(s.a)).application;
      expect(
        await s.a.admin.client.errorCode(AssignApplicationDocument, {
          applicationId: theirs.id,
          principal: { type: 'User', id: s.a.admin.app.id },
        }),
      ).toBe('NOT_FOUND');
      expect(
        await s.a.admin.client.errorCode(AssignApplicationDocument, {
          applicationId: mine.id,
          principal: { type: 'Group', id: theirGroup },
        }),
      ).toBe('NOT_FOUND');
      expect((await s.b.admin.client.data(ApplicationDocument, { id: theirs.id })).application.assignments).toEqual([]);
    });
    it('unassignApplication', async () => {
      await s.b.admin.client.data(AssignApplicationDocument, { applicationId: theirs.id, principal: { type: 'Group', id: theirGroup } });
      expect(
        await s.a.admin.client.errorCode(UnassignApplicationDocument, {
          applicationId: theirs.id,
          principal: { type: 'Group', id: theirGroup },
        }),
      ).toBe('NOT_FOUND');
      expect((await s.b.admin.client.data(ApplicationDocument, { id: theirs.id })).application.assignments).toHaveLength(1);
    });
  });
});
