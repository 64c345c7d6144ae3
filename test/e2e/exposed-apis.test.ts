import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { appToken, claimsOf, refreshFor, signInFor, verifiedClaims } from '../helpers/exposed-api-flow.js';
import { invite, latestMail, type PartnerApp, redeemBySignUp, registerApp } from '../helpers/partner-flow.js';
import { GraphQLClient, type TestGateway } from '../helpers/test-gateway.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import { WebClient } from '../helpers/web-client.js';
import {
  AssignApplicationDocument,
  ExposeApiDocument,
  GrantApiPermissionsDocument,
  RevokeApiPermissionsDocument,
  UnassignApplicationDocument,
  ViewerDocument,
} from '../graphql/generated.js';

const PASSWORD = 'Quartz-Meadow-Lantern-7';

/**
 * An app exposes an API (scopes, app roles); another app, granted some of it by an administrator,
 * gets JWT access tokens for that API from the tenant, with openid-client as the relying party: a
 * user's token carries only the scopes granted and requested, an app's token the app roles granted;
 * the same sign-in rules hold for the API's app; unknown APIs, unconsented apps and unassigned users
 * are refused; a revoked grant stops new tokens.
 */
describe.each(testDatabases())('APIs that apps expose, on %s', (kind) => {
  let t: TestGateway;
  let smtp: TestSmtpServer;
  let contoso: TenantFixture;
  let frontend: PartnerApp;
  let backend: PartnerApp;
  let daemon: PartnerApp;
  let identifier: string;
  let userId: string;

  const suite = useGatewaySuite(kind, { smtp: true, tenants: [{ domains: ['contoso.example'] }, {}] });
  beforeAll(async () => {
    ({
      t,
      smtp,
      tenants: [contoso],
    } = suite);
    frontend = await registerApp(t, contoso, { assignmentRequired: false });
    // The API's own app requires assignment: a user needs it to get tokens for the API too.
    backend = await registerApp(t, contoso, { assignmentRequired: true });
    daemon = await registerApp(t, contoso, { assignmentRequired: true });
    identifier = `api://${backend.clientId}`;
    const exposed = await contoso.admin.client.data(ExposeApiDocument, {
      applicationId: backend.id,
      input: {
        identifierUri: identifier,
        scopes: [
          { value: 'Files.Read', adminConsentDescription: 'Read your files' },
          { value: 'Files.Write', adminConsentDescription: 'Change your files' },
          { value: 'Files.Purge', adminConsentDescription: 'Purge files', enabled: false },
        ],
        appRoles: [
          { value: 'Expenses.Approve', displayName: 'Approvers', allowedMemberTypes: ['User'] },
          { value: 'Sync.All', displayName: 'Synchronisation', allowedMemberTypes: ['Application'] },
          { value: 'Reports.Read', displayName: 'Report readers', allowedMemberTypes: ['User', 'Application'] },
        ],
      },
    });
    expect(exposed.exposeApi.identifierUri).toBe(identifier);
    const user = await t.gateway.services.users.createMember(contoso.tenant.id, { displayName: 'Uma User', mail: 'uma@contoso.example' });
    await t.gateway.services.accounts.setPassword(user.id, PASSWORD);
    userId = user.id;
  });

  const uma = { email: 'uma@contoso.example', password: PASSWORD };
  const grant = (app: PartnerApp, permissions: { scopes?: string[]; appRoles?: string[] }) =>
    contoso.admin.client.data(GrantApiPermissionsDocument, { applicationId: app.id, resourceApplicationId: backend.id, permissions });
  const assign = (appRole?: string) =>
    contoso.admin.client.data(AssignApplicationDocument, { applicationId: backend.id, principal: { type: 'User', id: userId }, appRole });

  it('refuses an app without admin consent, and an API the tenant does not know', async () => {
    expect((await signInFor(frontend, { scope: 'openid Files.Read', resource: identifier, credentials: uma })).error).toBe(
      'invalid_target',
    );
    expect((await signInFor(frontend, { scope: 'openid', resource: 'api://nobody-here', credentials: uma })).error).toBe('invalid_target');
    expect((await appToken(daemon, { resource: identifier })).error).toBe('invalid_target');
  });

  it('refuses a user not assigned to the API’s app, then issues a JWT with only the granted scopes that were asked for', async () => {
    const granted = await grant(frontend, { scopes: ['Files.Read'] });
    expect(granted.grantApiPermissions).toMatchObject({
      identifierUri: identifier,
      scopes: ['Files.Read'],
      appRoles: [],
      grantedByKind: 'Application',
      grantedById: contoso.admin.app.id,
    });
    const refused = await signInFor(frontend, { scope: 'openid Files.Read Files.Write', resource: identifier, credentials: uma });
    expect(refused.access).toBeUndefined();
    expect(refused.error).toBe('invalid_grant');

    await assign('Expenses.Approve');
    const { access } = await signInFor(frontend, { scope: 'openid Files.Read Files.Write', resource: identifier, credentials: uma });
    const claims = await verifiedClaims(frontend, access!, identifier);
    expect(claims).toMatchObject({
      aud: identifier,
      iss: `${t.baseUrl}/${contoso.tenant.id}/v2.0`,
      tid: contoso.tenant.id,
      oid: userId,
      sub: userId,
      acct: 0,
      scp: 'Files.Read',
      azp: frontend.clientId,
      appid: frontend.clientId,
      ver: '2.0',
      roles: ['Expenses.Approve'],
    });
    // The gateway's own API is another audience: this token is no key to it.
    expect(await new GraphQLClient(t, access!).errorCode(ViewerDocument)).toBe('UNAUTHENTICATED');
  });

  it('reads the API from a scope that names it, and never issues a disabled or ungranted scope', async () => {
    await grant(frontend, { scopes: ['Files.Read', 'Files.Write'] });
    const { access } = await signInFor(frontend, { scope: `openid ${identifier}/Files.Write ${identifier}/Files.Purge`, credentials: uma });
    expect(claimsOf(access!)).toMatchObject({ aud: identifier, scp: 'Files.Write' });

    // Disabling a granted scope takes it out of new tokens at once.
    await contoso.admin.client.data(ExposeApiDocument, {
      applicationId: backend.id,
      input: {
        identifierUri: identifier,
        scopes: [
          { value: 'Files.Read', adminConsentDescription: 'Read your files' },
          { value: 'Files.Write', adminConsentDescription: 'Change your files', enabled: false },
        ],
        appRoles: [
          { value: 'Expenses.Approve', displayName: 'Approvers', allowedMemberTypes: ['User'] },
          { value: 'Sync.All', displayName: 'Synchronisation', allowedMemberTypes: ['Application'] },
          { value: 'Reports.Read', displayName: 'Report readers', allowedMemberTypes: ['User', 'Application'] },
        ],
      },
    });
    const after = await signInFor(frontend, { scope: 'openid Files.Read Files.Write', resource: identifier, credentials: uma });
    expect(claimsOf(after.access!).scp).toBe('Files.Read');
  });

  it('puts the user’s app roles in the ID token of the app itself', async () => {
    const { id } = await signInFor(backend, { scope: 'openid', credentials: uma });
    expect(claimsOf(id!).roles).toEqual(['Expenses.Approve']);
    // Unassigned, the user no longer gets tokens for the API.
    await contoso.admin.client.data(UnassignApplicationDocument, { applicationId: backend.id, principal: { type: 'User', id: userId } });
    expect((await signInFor(frontend, { scope: 'openid Files.Read', resource: identifier, credentials: uma })).error).toBe('invalid_grant');
    await assign('Expenses.Approve');
  });

  it('refreshes a token for the API only while the user is assigned to the API’s app and the grant holds', async () => {
    const first = await signInFor(frontend, { scope: 'openid offline_access Files.Read', resource: identifier, credentials: uma });
    expect(first.refresh).toBeTruthy();
    const renewed = await refreshFor(frontend, first.refresh!, identifier);
    expect(claimsOf(renewed.access!)).toMatchObject({ aud: identifier, scp: 'Files.Read' });
    // Unassigned from the API's app (the client app's refresh token stays stored): refused at refresh.
    await contoso.admin.client.data(UnassignApplicationDocument, { applicationId: backend.id, principal: { type: 'User', id: userId } });
    expect((await refreshFor(frontend, renewed.refresh!, identifier)).error).toBe('invalid_grant');
    await assign('Expenses.Approve');
    const again = await signInFor(frontend, { scope: 'openid offline_access Files.Read', resource: identifier, credentials: uma });
    await contoso.admin.client.data(RevokeApiPermissionsDocument, { applicationId: frontend.id, resourceApplicationId: backend.id });
    expect((await refreshFor(frontend, again.refresh!, identifier)).error).toBe('invalid_target');
    await grant(frontend, { scopes: ['Files.Read'] });
  });

  it('gives an app its granted app roles by client credentials, as `roles`', async () => {
    // Delegated scopes alone are no application permission.
    await grant(daemon, { scopes: ['Files.Read'] });
    expect((await appToken(daemon, { resource: identifier })).error).toBe('invalid_target');

    await grant(daemon, { appRoles: ['Sync.All', 'Reports.Read'] });
    const { access } = await appToken(daemon, { resource: identifier });
    expect(await verifiedClaims(daemon, access!, identifier)).toMatchObject({
      aud: identifier,
      tid: contoso.tenant.id,
      sub: daemon.clientId,
      oid: daemon.id,
      azp: daemon.clientId,
      appid: daemon.clientId,
      roles: ['Reports.Read', 'Sync.All'],
      idtyp: 'app',
      ver: '2.0',
    });
    expect(claimsOf(access!).scp).toBeUndefined();
    // A granted role the API disables leaves new tokens at once.
    await contoso.admin.client.data(ExposeApiDocument, {
      applicationId: backend.id,
      input: {
        identifierUri: identifier,
        scopes: [{ value: 'Files.Read', adminConsentDescription: 'Read your files' }],
        appRoles: [
          { value: 'Expenses.Approve', displayName: 'Approvers', allowedMemberTypes: ['User'] },
          { value: 'Sync.All', displayName: 'Synchronisation', allowedMemberTypes: ['Application'], enabled: false },
          { value: 'Reports.Read', displayName: 'Report readers', allowedMemberTypes: ['User', 'Application'] },
        ],
      },
    });
    expect(claimsOf((await appToken(daemon, { resource: identifier })).access!).roles).toEqual(['Reports.Read']);
    // Entra's `<identifier>/.default` names the API without `resource`.
    expect(claimsOf((await appToken(daemon, { scope: `${identifier}/.default` })).access!).aud).toBe(identifier);
  });

  it('stops new tokens once a grant is revoked', async () => {
    await contoso.admin.client.data(RevokeApiPermissionsDocument, { applicationId: daemon.id, resourceApplicationId: backend.id });
    expect((await appToken(daemon, { resource: identifier })).error).toBe('invalid_target');
    await contoso.admin.client.data(RevokeApiPermissionsDocument, { applicationId: frontend.id, resourceApplicationId: backend.id });
    expect((await signInFor(frontend, { scope: 'openid Files.Read', resource: identifier, credentials: uma })).error).toBe(
      'invalid_target',
    );
  });

  it('gives a guest’s token its home identity (idp, altsecid, acct)', async () => {
    await grant(frontend, { scopes: ['Files.Read'] });
    const email = 'gus@fabrikam-guest.example';
    const sent = await invite(contoso, email, null);
    await contoso.admin.client.data(AssignApplicationDocument, {
      applicationId: backend.id,
      principal: { type: 'User', id: sent.invitedUser!.id },
      appRole: 'Reports.Read',
    });
    const web = new WebClient();
    await latestMail(t, smtp, email);
    await redeemBySignUp(t, smtp, web, sent.inviteRedeemUrl!, email);
    const { access } = await signInFor(frontend, { scope: 'openid Files.Read', resource: identifier, web });
    expect(claimsOf(access!)).toMatchObject({
      oid: sent.invitedUser!.id,
      acct: 1,
      idp: expect.stringMatching(/^http/),
      altsecid: expect.any(String),
      scp: 'Files.Read',
      roles: ['Reports.Read'],
    });
  });
});
