import { describe, expect, it } from 'vitest';
import { apiMatrix } from '../helpers/databases.js';
import { twoTenants } from '../helpers/fixtures.js';
import {
  ApplicationApisDocument,
  AssignApplicationDocument,
  AuditEventsDocument,
  CreateApplicationDocument,
  CreateGroupDocument,
  ExposeApiDocument,
  GrantApiPermissionsDocument,
  RemoveExposedApiDocument,
  RevokeApiPermissionsDocument,
} from '../graphql/generated.js';

/**
 * Administering exposed APIs through GraphQL: what an API may define, what may be granted on it,
 * which app roles an assignment may carry, and the cross-tenant twin of every operation.
 */
describe.each(apiMatrix())('exposing an API (%s)', (_label, kind, transport) => {
  const s = twoTenants(kind, transport);
  let n = 0;

  async function app(tenant = s.a) {
    n += 1;
    const { createApplication } = await tenant.admin.client.data(CreateApplicationDocument, { input: { displayName: `App ${n}` } });
    return createApplication.application;
  }
  const definition = (identifierUri: string) => ({
    identifierUri,
    scopes: [{ value: 'Files.Read', adminConsentDescription: 'Read files' }],
    appRoles: [
      { value: 'Approver', displayName: 'Approvers', allowedMemberTypes: ['User' as const] },
      { value: 'Sync', displayName: 'Sync', allowedMemberTypes: ['Application' as const] },
    ],
  });

  it('takes api://<appId> or an https URL, unique in the tenant, and never the gateway API', async () => {
    const api = await app();
    const other = await app();
    const expose = (applicationId: string, identifierUri: string) =>
      s.a.admin.client.errorCode(ExposeApiDocument, { applicationId, input: definition(identifierUri) });
    expect(await expose(api.id, 'http://api.contoso.example')).toBe('BAD_USER_INPUT');
    expect(await expose(api.id, `api://${other.appId}`)).toBe('BAD_USER_INPUT');
    expect(await expose(api.id, 'https://api.contoso.example/files?x=1')).toBe('BAD_USER_INPUT');
    expect(await expose(api.id, `${s.t.baseUrl}/graphql`)).toBe('BAD_USER_INPUT');
    const { exposeApi } = await s.a.admin.client.data(ExposeApiDocument, {
      applicationId: api.id,
      input: definition('https://api.contoso.example/files'),
    });
    expect(exposeApi.scopes).toEqual([{ value: 'Files.Read', adminConsentDescription: 'Read files', enabled: true }]);
    expect(await expose(other.id, 'https://api.contoso.example/files')).toBe('CONFLICT');
    // Another tenant may use the same identifier: tokens name their issuer.
    const theirs = await app(s.b);
    await s.b.admin.client.data(ExposeApiDocument, { applicationId: theirs.id, input: definition('https://api.contoso.example/files') });
    expect(
      await s.a.admin.client.errorCode(ExposeApiDocument, {
        applicationId: api.id,
        input: { ...definition(`api://${api.appId}`), scopes: [{ value: 'openid', adminConsentDescription: 'no' }] },
      }),
    ).toBe('BAD_USER_INPUT');
    expect(
      await s.a.admin.client.errorCode(ExposeApiDocument, {
        applicationId: api.id,
        input: { ...definition(`api://${api.appId}`), appRoles: [{ value: 'R', displayName: 'R', allowedMemberTypes: [] }] },
      }),
    ).toBe('BAD_USER_INPUT');
  });

  it('grants only enabled scopes it defines and app roles meant for applications, recording who consented', async () => {
    const api = await app();
    const client = await app();
    await s.a.admin.client.data(ExposeApiDocument, { applicationId: api.id, input: definition(`api://${api.appId}`) });
    const grant = (permissions: { scopes?: string[]; appRoles?: string[] }) =>
      s.a.admin.client.errorCode(GrantApiPermissionsDocument, { applicationId: client.id, resourceApplicationId: api.id, permissions });
    expect(await grant({ scopes: ['Files.Write'] })).toBe('BAD_USER_INPUT');
    expect(await grant({ appRoles: ['Approver'] })).toBe('BAD_USER_INPUT');
    expect(await grant({})).toBe('BAD_USER_INPUT');
    const noApi = await app();
    expect(
      await s.a.admin.client.errorCode(GrantApiPermissionsDocument, {
        applicationId: client.id,
        resourceApplicationId: noApi.id,
        permissions: { scopes: ['Files.Read'] },
      }),
    ).toBe('NOT_FOUND');
    await s.a.admin.client.data(GrantApiPermissionsDocument, {
      applicationId: client.id,
      resourceApplicationId: api.id,
      permissions: { scopes: ['Files.Read'], appRoles: ['Sync'] },
    });
    const { application } = await s.a.admin.client.data(ApplicationApisDocument, { id: client.id });
    expect(application.apiPermissions).toEqual([
      expect.objectContaining({
        resourceApplicationId: api.id,
        identifierUri: `api://${api.appId}`,
        scopes: ['Files.Read'],
        appRoles: ['Sync'],
        grantedByKind: 'Application',
        grantedById: s.a.admin.app.id,
      }),
    ]);
    const { auditEvents } = await s.a.admin.client.data(AuditEventsDocument, {});
    const actions = auditEvents.nodes.map((e) => e.action);
    expect(actions).toContain('Add delegated permission grant');
    expect(actions).toContain('Add app role assignment to service principal');

    // Removing the API removes every grant for it.
    await s.a.admin.client.data(RemoveExposedApiDocument, { applicationId: api.id });
    expect((await s.a.admin.client.data(ApplicationApisDocument, { id: client.id })).application.apiPermissions).toEqual([]);
  });

  it('assigns a user or group with an app role for users only', async () => {
    const api = await app();
    await s.a.admin.client.data(ExposeApiDocument, { applicationId: api.id, input: definition(`api://${api.appId}`) });
    const { createGroup } = await s.a.admin.client.data(CreateGroupDocument, { input: { displayName: `Approvers ${n}` } });
    const principal = { type: 'Group' as const, id: createGroup.id };
    expect(await s.a.admin.client.errorCode(AssignApplicationDocument, { applicationId: api.id, principal, appRole: 'Sync' })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await s.a.admin.client.errorCode(AssignApplicationDocument, { applicationId: api.id, principal, appRole: 'Nope' })).toBe(
      'BAD_USER_INPUT',
    );
    const { assignApplication } = await s.a.admin.client.data(AssignApplicationDocument, {
      applicationId: api.id,
      principal,
      appRole: 'Approver',
    });
    expect(assignApplication.appRoles).toEqual(['Approver']);
  });

  it('acts on another tenant’s apps nowhere (every operation’s cross-tenant twin)', async () => {
    const mine = await app();
    const client = await app();
    await s.a.admin.client.data(ExposeApiDocument, { applicationId: mine.id, input: definition(`api://${mine.appId}`) });
    await s.a.admin.client.data(GrantApiPermissionsDocument, {
      applicationId: client.id,
      resourceApplicationId: mine.id,
      permissions: { scopes: ['Files.Read'] },
    });
    const theirs = await app(s.b);
    const b = s.b.admin.client;
    expect(await b.errorCode(ExposeApiDocument, { applicationId: mine.id, input: definition(`api://${mine.appId}`) })).toBe('NOT_FOUND');
    expect(await b.errorCode(RemoveExposedApiDocument, { applicationId: mine.id })).toBe('NOT_FOUND');
    expect(
      await b.errorCode(GrantApiPermissionsDocument, {
        applicationId: theirs.id,
        resourceApplicationId: mine.id,
        permissions: { scopes: ['Files.Read'] },
      }),
    ).toBe('NOT_FOUND');
    expect(
      await b.errorCode(GrantApiPermissionsDocument, {
        applicationId: client.id,
        resourceApplicationId: mine.id,
        permissions: { scopes: ['Files.Read'] },
      }),
    ).toBe('NOT_FOUND');
    expect(await b.errorCode(RevokeApiPermissionsDocument, { applicationId: client.id, resourceApplicationId: mine.id })).toBe('NOT_FOUND');
    expect(await b.errorCode(ApplicationApisDocument, { id: client.id })).toBe('NOT_FOUND');
    const { createGroup } = await b.data(CreateGroupDocument, { input: { displayName: `Theirs ${n}` } });
    expect(
      await b.errorCode(AssignApplicationDocument, {
        applicationId: mine.id,
        principal: { type: 'Group', id: createGroup.id },
        appRole: 'Approver',
      }),
    ).toBe('NOT_FOUND');
    // An app of A cannot hold a grant on B's API either, even named by A's own admin.
    await b.data(ExposeApiDocument, { applicationId: theirs.id, input: definition(`api://${theirs.appId}`) });
    expect(
      await s.a.admin.client.errorCode(GrantApiPermissionsDocument, {
        applicationId: client.id,
        resourceApplicationId: theirs.id,
        permissions: { scopes: ['Files.Read'] },
      }),
    ).toBe('NOT_FOUND');
    // Nothing changed in A.
    const { application } = await s.a.admin.client.data(ApplicationApisDocument, { id: mine.id });
    expect(application.exposedApi?.identifierUri).toBe(`api://${mine.appId}`);
    expect((await s.a.admin.client.data(ApplicationApisDocument, { id: client.id })).application.apiPermissions).toHaveLength(1);
  });
});
