import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application } from '../../src/apps/application.entity.js';
import { createManagedTenant } from '../../src/cli/create-tenant.js';
import { TenantDomain } from '../../src/directory/tenant-domain.entity.js';
import { Tenant } from '../../src/directory/tenant.entity.js';
import { DomainError } from '../../src/shared/errors.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { apiMatrix, testDatabases } from '../helpers/databases.js';
import { clientCredentialsToken, twoTenants } from '../helpers/fixtures.js';
import { GraphQLClient, startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { WebClient } from '../helpers/web-client.js';
import { PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { InviteUserDocument, TenantDocument, UpdateTenantSettingsDocument, ViewerDocument } from '../graphql/generated.js';

describe.each(testDatabases())('createManagedTenant: all or nothing (%s)', (kind) => {
  let t: TestGateway;
  beforeAll(async () => void (t = await startTestGateway(kind)));
  afterAll(() => t.stop());

  it('a refused first admin leaves no tenant, domain or automation app behind; the corrected re-run succeeds', async () => {
    const { services, db } = t.gateway;
    const refused = await createManagedTenant(services, t.baseUrl, 'Halfway', ['halfway.example'], {
      email: 'alex@halfway.example',
      displayName: 'x'.repeat(300),
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'displayName' } });
    expect(await db.manager.countBy(Tenant, { name: 'Halfway' })).toBe(0);
    expect(await db.manager.countBy(TenantDomain, { domain: 'halfway.example' })).toBe(0);
    expect(await db.manager.countBy(Application, { displayName: 'Halfway admin automation' })).toBe(0);

    const created = await createManagedTenant(services, t.baseUrl, 'Halfway', ['halfway.example'], {
      email: 'alex@halfway.example',
      displayName: 'Alex',
    });
    expect(created).toMatchObject({ adminClientSecret: expect.any(String), admin: { email: 'alex@halfway.example' } });
    expect(await services.tenants.domainOwner('halfway.example')).toBe(created.tenantId);
    // The admin automation app and the admin console (registered with the tenant, same transaction).
    expect(await db.manager.countBy(Application, { tenantId: created.tenantId })).toBe(2);
  });
});

describe.each(apiMatrix())('tenant settings (%s)', (_label, kind, transport) => {
  const s = twoTenants(kind, transport);

  it('updates links, branding, redirect hosts and the invitation lifetime, keeping omitted fields', async () => {
    const updated = (
      await s.a.admin.client.data(UpdateTenantSettingsDocument, {
        input: {
          name: 'Contoso Ltd',
          privacyUrl: 'https://contoso.example/privacy',
          brandColor: '#AA3300',
          allowedRedirectHosts: ['*.Apps.example', 'portal.example'],
          invitationTtlDays: 7,
        },
      })
    ).updateTenantSettings;
    expect(updated).toMatchObject({
      name: 'Contoso Ltd',
      privacyUrl: 'https://contoso.example/privacy',
      brandColor: '#aa3300',
      allowedRedirectHosts: ['*.apps.example', 'portal.example'],
      invitationTtlDays: 7,
      contactUrl: null,
    });
    const cleared = (await s.a.admin.client.data(UpdateTenantSettingsDocument, { input: { privacyUrl: null } })).updateTenantSettings;
    expect(cleared).toMatchObject({ name: 'Contoso Ltd', privacyUrl: null, brandColor: '#aa3300' });
    // Pages wear the colour through a stylesheet (the CSP allows no inline style); another tenant's is empty.
    const css = await fetch(`${s.t.baseUrl}/branding/${s.a.tenant.id}.css`);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await css.text()).toBe(':root { --brand: #aa3300; }\n');
    expect(await (await fetch(`${s.t.baseUrl}/branding/${s.b.tenant.id}.css`)).text()).toBe('');
    const { inviteUser } = await s.a.admin.client.data(InviteUserDocument, {
      input: { email: `ttl.${transport}@fabrikam.example`, redirectUrl: 'https://crm.apps.example/' },
    });
    const days = (new Date(inviteUser.expiresAt!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
  });

  it('refuses bad values and non-admins, and never touches another tenant', async () => {
    expect(await s.a.admin.client.errorCode(UpdateTenantSettingsDocument, { input: { brandColor: 'red' } })).toBe('BAD_USER_INPUT');
    expect(await s.a.admin.client.errorCode(UpdateTenantSettingsDocument, { input: { privacyUrl: 'javascript:alert(1)' } })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await s.a.admin.client.errorCode(UpdateTenantSettingsDocument, { input: { invitationTtlDays: -1 } })).toBe('BAD_USER_INPUT');
    expect(await s.a.admin.client.errorCode(UpdateTenantSettingsDocument, { input: { allowedRedirectHosts: ['not a host'] } })).toBe(
      'BAD_USER_INPUT',
    );
    const inviter = await s.a.principal([DirectoryRole.GuestInviter]);
    expect(await inviter.client.errorCode(UpdateTenantSettingsDocument, { input: { name: 'x' } })).toBe('FORBIDDEN');
    const before = (await s.b.admin.client.data(TenantDocument)).tenant;
    await s.a.admin.client.data(UpdateTenantSettingsDocument, { input: { name: 'Only mine' } });
    expect((await s.b.admin.client.data(TenantDocument)).tenant).toEqual(before);
  });
});

describe('npm run tenant:create', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(
    'creates a managed tenant with an admin app whose credentials get an API token, and a first human admin to activate',
    { timeout: 60_000 },
    async () => {
      const sqlite = path.join(dir, 'cli.sqlite');
      const { stdout } = await promisify(execFile)(
        'npx',
        [
          'tsx',
          'src/cli/create-tenant.ts',
          '--name',
          'Fabrikam',
          '--domain',
          'fabrikam.example',
          '--domain',
          'fabrikam.de',
          '--admin-email',
          'alex@fabrikam.de',
          '--admin-name',
          'Alex Wilber',
        ],
        {
          cwd: path.resolve(import.meta.dirname, '../..'),
          env: {
            ...process.env,
            SQLITE_PATH: sqlite,
            GATEWAY_SECRET: 'test-secret-test-secret-test-secret-0123',
            PUBLIC_URL: 'http://127.0.0.1:1',
          },
        },
      );
      const created = JSON.parse(stdout.slice(stdout.indexOf('{')));
      expect(created).toMatchObject({
        tenantId: expect.any(String),
        adminClientId: expect.any(String),
        adminClientSecret: expect.any(String),
        admin: {
          userId: expect.any(String),
          email: 'alex@fabrikam.de',
          activationUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:1\/activate\?token=[\w-]{43}$/),
        },
      });
      const t = await startTestGateway('sqlite', { SQLITE_PATH: sqlite });
      try {
        const token = await clientCredentialsToken(t, created.tenantId, created.adminClientId, created.adminClientSecret);
        const viewer = (await new GraphQLClient(t, token).data(ViewerDocument)).viewer;
        expect(viewer).toMatchObject({
          roles: ['GlobalAdministrator'],
          tenant: { name: 'Fabrikam', domains: ['fabrikam.de', 'fabrikam.example'], kind: 'Managed' },
        });
        // The printed link (on this deployment's public URL) activates the admin.
        const web = new WebClient();
        const form = await web.get(created.admin.activationUrl.replace('http://127.0.0.1:1', t.baseUrl));
        expect(form.status).toBe(200);
        expect((await web.submit(form, '/activate', { password: 'Tundra-Pylon-Mosaic-5' })).status).toBe(200);
        const admin = await t.gateway.services.accounts.signIn('alex@fabrikam.de', 'Tundra-Pylon-Mosaic-5', '127.0.0.1');
        expect(admin).toMatchObject({ id: created.admin.userId, displayName: 'Alex Wilber', activationPending: false });
        expect(await t.gateway.services.roles.rolesOf(created.tenantId, PrincipalKind.User, admin.id)).toEqual(['GlobalAdministrator']);
      } finally {
        await t.gateway.close();
      }
    },
  );

  it("refuses an admin address outside the tenant's domains before creating anything", { timeout: 60_000 }, async () => {
    const sqlite = path.join(dir, 'refused.sqlite');
    const failed = await promisify(execFile)(
      'npx',
      ['tsx', 'src/cli/create-tenant.ts', '--name', 'Litware', '--domain', 'litware.example', '--admin-email', 'boss@elsewhere.example'],
      {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: {
          ...process.env,
          SQLITE_PATH: sqlite,
          GATEWAY_SECRET: 'test-secret-test-secret-test-secret-0123',
          PUBLIC_URL: 'http://127.0.0.1:1',
        },
      },
    ).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('--admin-email must be an address on one of the tenant') });
    const t = await startTestGateway('sqlite', { SQLITE_PATH: sqlite });
    try {
      expect(await t.gateway.services.tenants.findByName('Litware')).toBeNull();
    } finally {
      await t.gateway.close();
    }
  });
});
