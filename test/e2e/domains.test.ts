import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { PendingDomain } from '../../src/domains/pending-domain.entity.js';
import { apiMatrix } from '../helpers/databases.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { startUpstreamIdp } from '../helpers/upstream-idp.js';
import { clientCredentialsToken, createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { GraphQLClient, startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import {
  AddDomainDocument,
  DomainsDocument,
  RegisterIdentityProviderDocument,
  RemoveDomainDocument,
  TenantDocument,
  VerifyDomainDocument,
} from '../graphql/generated.js';

describe.each(apiMatrix())('domains proven by DNS (%s)', (_label, kind, transport) => {
  let dns: TestDnsServer;
  let t: TestGateway;
  let a: TenantFixture;
  let b: TenantFixture;
  let n = 0;
  /** A fresh domain name per test, so tests do not share DNS records or rows. */
  const fresh = (label = 'corp') => `${label}${++n}-${transport}.example`;

  beforeAll(async () => void (dns = await startDnsServer()));
  afterAll(() => dns.close());
  const suite = useGatewaySuite(kind, { env: () => ({ DNS_SERVERS: dns.address }), transport, tenants: [{}, {}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a, b],
      } = suite),
  );

  const add = (f: TenantFixture, name: string) => f.admin.client.data(AddDomainDocument, { name }).then((d) => d.addDomain);
  const verify = (f: TenantFixture, name: string) => f.admin.client.run(VerifyDomainDocument, { name });
  const verifiedNames = async (f: TenantFixture) => (await f.admin.client.data(TenantDocument)).tenant.domains;

  it('adds a domain with a TXT record to publish, refuses to verify it until the record is in DNS, then verifies it', async () => {
    const name = fresh();
    const added = await add(a, `  ${name.toUpperCase()}. `);
    expect(added).toMatchObject({
      name,
      state: 'Unverified',
      isDefault: false,
      verificationRecord: { type: 'TXT', name, value: expect.stringMatching(/^b2b-gateway-verification=[\w-]{24}$/) },
    });
    expect(await add(a, name)).toEqual(added);

    // No record at all, then a wrong one (another tenant's token, a near miss), then DNS failing.
    const missing = await verify(a, name);
    expect(missing.errors?.[0]?.extensions).toMatchObject({
      code: 'DOMAIN_NOT_VERIFIED',
      details: { recordType: 'TXT', recordName: name, recordValue: added.verificationRecord!.value },
    });
    dns.setTxt(name, ['b2b-gateway-verification=someone-elses-token', `${added.verificationRecord!.value}x`, 'v=spf1 -all']);
    expect(await a.admin.client.errorCode(VerifyDomainDocument, { name })).toBe('DOMAIN_NOT_VERIFIED');
    dns.setTxt(name, [added.verificationRecord!.value]);
    dns.failing = true;
    try {
      expect(await a.admin.client.errorCode(VerifyDomainDocument, { name })).toBe('DOMAIN_NOT_VERIFIED');
    } finally {
      dns.failing = false;
    }
    expect(await verifiedNames(a)).not.toContain(name);
    expect(dns.queries.filter((q) => q === name).length).toBeGreaterThanOrEqual(3);

    dns.setTxt(name, ['v=spf1 -all', added.verificationRecord!.value]);
    const verified = (await verify(a, name)).data!.verifyDomain;
    expect(verified).toEqual({ name, state: 'Verified', isDefault: false, verificationRecord: null });
    expect(await verifiedNames(a)).toContain(name);
    expect(await t.gateway.db.manager.countBy(PendingDomain, { domain: name })).toBe(0);
    // Verifying or adding it again changes nothing and asks DNS nothing.
    const asked = dns.queries.length;
    expect((await verify(a, name)).data!.verifyDomain.state).toBe('Verified');
    expect((await add(a, name)).state).toBe('Verified');
    expect(dns.queries.length).toBe(asked);

    const listed = (await a.admin.client.data(DomainsDocument)).domains;
    expect(listed[0]).toMatchObject({ name: a.tenant.defaultDomain, state: 'Verified', isDefault: true });
    expect(listed).toContainEqual({ name, state: 'Verified', isDefault: false, verificationRecord: null });
    const actions = (await t.gateway.db.manager.findBy(AuditEvent, { tenantId: a.tenant.id, targetId: name })).map((e) => e.action).sort();
    expect(actions).toEqual(['Add unverified domain', 'Verify domain']);
  });

  it('cross-tenant twin: another tenant can neither verify, add, nor remove what this tenant holds', async () => {
    const name = fresh();
    const mine = await add(a, name);
    dns.setTxt(name, [mine.verificationRecord!.value]);
    // B never added it: nothing to verify, and DNS is not asked.
    const asked = dns.queries.length;
    expect(await b.admin.client.errorCode(VerifyDomainDocument, { name })).toBe('NOT_FOUND');
    expect(dns.queries.length).toBe(asked);
    // B may claim the same unverified name (with its own token), but A's record does not prove it for B.
    const theirs = await add(b, name);
    expect(theirs.verificationRecord!.value).not.toBe(mine.verificationRecord!.value);
    expect(await b.admin.client.errorCode(VerifyDomainDocument, { name })).toBe('DOMAIN_NOT_VERIFIED');
    expect(await b.admin.client.errorCode(RemoveDomainDocument, { name: a.tenant.defaultDomain })).toBe('NOT_FOUND');
    expect(await verifiedNames(a)).toContain(a.tenant.defaultDomain);

    expect((await verify(a, name)).data!.verifyDomain.state).toBe('Verified');
    // Now A, a managed tenant, holds it: B's claim cannot win even with B's own record published.
    dns.setTxt(name, [mine.verificationRecord!.value, theirs.verificationRecord!.value]);
    expect(await b.admin.client.errorCode(VerifyDomainDocument, { name })).toBe('CONFLICT');
    expect(await b.admin.client.errorCode(AddDomainDocument, { name: a.tenant.defaultDomain })).toBe('CONFLICT');
    expect(await verifiedNames(b)).not.toContain(name);
    // B's removeDomain removes only B's own claim; then there is nothing of B's to remove, and A keeps the domain.
    expect((await b.admin.client.data(RemoveDomainDocument, { name })).removeDomain).toBe(name);
    expect(await b.admin.client.errorCode(RemoveDomainDocument, { name })).toBe('NOT_FOUND');
    expect(await verifiedNames(a)).toContain(name);
  });

  it('removes unverified domains and unused verified ones; never the default domain nor one members use', async () => {
    const pending = fresh();
    await add(a, pending);
    expect((await a.admin.client.data(RemoveDomainDocument, { name: pending })).removeDomain).toBe(pending);
    expect(await a.admin.client.errorCode(VerifyDomainDocument, { name: pending })).toBe('NOT_FOUND');
    expect(await a.admin.client.errorCode(RemoveDomainDocument, { name: pending })).toBe('NOT_FOUND');

    expect(await a.admin.client.errorCode(RemoveDomainDocument, { name: a.tenant.defaultDomain })).toBe('CONFLICT');
    const used = fresh();
    const record = (await add(a, used)).verificationRecord!.value;
    dns.setTxt(used, [record]);
    await verify(a, used);
    await t.gateway.services.users.createMember(a.tenant.id, { displayName: 'Member', mail: `member@${used}` });
    expect(await a.admin.client.errorCode(RemoveDomainDocument, { name: used })).toBe('CONFLICT');

    // A domain an identity provider of the tenant answers for stays.
    const federated = fresh();
    dns.setTxt(federated, [(await add(a, federated)).verificationRecord!.value]);
    await verify(a, federated);
    const upstream = await startUpstreamIdp(`${t.baseUrl}/federation/callback`);
    try {
      await a.admin.client.data(RegisterIdentityProviderDocument, {
        input: { issuer: upstream.issuer, clientId: 'gateway', clientSecret: 'upstream-secret', domains: [federated] },
      });
      expect(await a.admin.client.errorCode(RemoveDomainDocument, { name: federated })).toBe('CONFLICT');
    } finally {
      await upstream.close();
    }

    const unused = fresh();
    dns.setTxt(unused, [(await add(a, unused)).verificationRecord!.value]);
    await verify(a, unused);
    expect((await a.admin.client.data(RemoveDomainDocument, { name: unused })).removeDomain).toBe(unused);
    expect(await verifiedNames(a)).not.toContain(unused);
    expect(await verifiedNames(a)).toEqual(expect.arrayContaining([used, federated]));
    const actions = (await t.gateway.db.manager.findBy(AuditEvent, { tenantId: a.tenant.id, targetId: unused }))
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(['Add unverified domain', 'Remove verified domain', 'Verify domain']);
  });

  it("lets an operator add verified domains without DNS, all or none, never another tenant's", async () => {
    const [x, y] = [fresh('operator'), fresh('operator')];
    await add(a, x);
    const asked = dns.queries.length;
    await expect(t.gateway.services.domains.addVerifiedAsOperator(a.tenant.id, [x, y, b.tenant.defaultDomain])).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await verifiedNames(a)).not.toContain(x);
    const added = await t.gateway.services.domains.addVerifiedAsOperator(a.tenant.id, [x, y.toUpperCase()]);
    expect(added.map((d) => [d.name, d.state])).toEqual([
      [x, 'Verified'],
      [y, 'Verified'],
    ]);
    expect(await verifiedNames(a)).toEqual(expect.arrayContaining([x, y]));
    expect(await t.gateway.db.manager.countBy(PendingDomain, { domain: x })).toBe(0);
    expect(dns.queries.length).toBe(asked);
    expect(await t.gateway.db.manager.findOneByOrFail(AuditEvent, { tenantId: a.tenant.id, targetId: y })).toMatchObject({
      action: 'Verify domain',
      details: { byOperator: true },
    });
    await expect(t.gateway.services.domains.addVerifiedAsOperator(b.tenant.id, [x])).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses bad names, non-administrators, and too many unverified domains', async () => {
    for (const name of ['not a domain', 'localhost', '-bad.example', `${'a'.repeat(64)}.example`, '']) {
      expect(await a.admin.client.errorCode(AddDomainDocument, { name })).toBe('BAD_USER_INPUT');
    }
    expect(await a.admin.client.errorCode(VerifyDomainDocument, { name: 'not a domain' })).toBe('BAD_USER_INPUT');
    expect(await a.admin.client.errorCode(RemoveDomainDocument, { name: 'not a domain' })).toBe('BAD_USER_INPUT');
    const inviter = await a.principal([DirectoryRole.GuestInviter]);
    const name = fresh();
    expect(await inviter.client.errorCode(AddDomainDocument, { name })).toBe('FORBIDDEN');
    await add(a, name);
    expect(await inviter.client.errorCode(VerifyDomainDocument, { name })).toBe('FORBIDDEN');
    expect(await inviter.client.errorCode(RemoveDomainDocument, { name })).toBe('FORBIDDEN');
    expect(await inviter.client.errorCode(DomainsDocument)).toBe('FORBIDDEN');

    const c = await createTenant(t, transport);
    for (let i = 0; i < 20; i++) await add(c, fresh('many'));
    expect(await c.admin.client.errorCode(AddDomainDocument, { name: fresh('many') })).toBe('BAD_USER_INPUT');
    expect((await c.admin.client.data(DomainsDocument)).domains.filter((d) => d.state === 'Unverified')).toHaveLength(20);
  });

  it('refuses IP literals and numeric top-level labels, naming the field, without asking DNS', async () => {
    const asked = dns.queries.length;
    for (const name of ['10.0.0.1', 'example.123']) {
      const { errors } = await a.admin.client.run(AddDomainDocument, { name });
      expect(errors?.[0]?.extensions, name).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'name' } });
      expect(await a.admin.client.errorCode(VerifyDomainDocument, { name })).toBe('BAD_USER_INPUT');
    }
    expect(dns.queries.length).toBe(asked);
    expect((await a.admin.client.data(DomainsDocument)).domains.map((d) => d.name)).not.toContain('10.0.0.1');
  });

  it('adds and verifies a long domain name (the audit log names it in full)', async () => {
    // 63-character labels: the audit target once held only 36 characters, a 500 on PostgreSQL.
    const name = `${'a'.repeat(63)}.${'b'.repeat(63)}.${fresh()}`;
    const added = await add(a, name);
    expect(added).toMatchObject({ name, state: 'Unverified' });
    dns.setTxt(name, [added.verificationRecord!.value]);
    expect((await verify(a, name)).data!.verifyDomain.state).toBe('Verified');
    const actions = (await t.gateway.db.manager.findBy(AuditEvent, { tenantId: a.tenant.id, targetId: name })).map((e) => e.action).sort();
    expect(actions).toEqual(['Add unverified domain', 'Verify domain']);
  });

  it('rate-limits DNS lookups per tenant', async () => {
    const c = await createTenant(t, transport);
    const name = fresh();
    await add(c, name);
    for (let i = 0; i < 30; i++) expect(await c.admin.client.errorCode(VerifyDomainDocument, { name })).toBe('DOMAIN_NOT_VERIFIED');
    const asked = dns.queries.length;
    expect(await c.admin.client.errorCode(VerifyDomainDocument, { name })).toBe('TOO_MANY_ATTEMPTS');
    expect(dns.queries.length).toBe(asked);
    // Another tenant's budget is its own.
    const other = fresh();
    await add(a, other);
    expect(await a.admin.client.errorCode(VerifyDomainDocument, { name: other })).toBe('DOMAIN_NOT_VERIFIED');
  });
});

describe('the add-domain operator command', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-cli-domain-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('adds verified domains to an existing tenant', { timeout: 60_000 }, async () => {
    const sqlite = path.join(dir, 'cli.sqlite');
    const env = {
      ...process.env,
      SQLITE_PATH: sqlite,
      GATEWAY_SECRET: 'test-secret-test-secret-test-secret-0123',
      PUBLIC_URL: 'http://127.0.0.1:1',
    };
    const cwd = path.resolve(import.meta.dirname, '../..');
    const run = async (args: string[]) => {
      const { stdout } = await promisify(execFile)('npx', ['tsx', ...args], { cwd, env });
      return JSON.parse(stdout.slice(stdout.indexOf('{')));
    };
    const created = await run(['src/cli/create-tenant.ts', '--name', 'Fabrikam', '--domain', 'fabrikam.example']);
    expect(
      await run(['src/cli/add-domain.ts', '--tenant', created.tenantId, '--domain', 'Fabrikam.DE', '--domain', 'fabrikam.fr']),
    ).toEqual({
      tenantId: created.tenantId,
      verified: ['fabrikam.de', 'fabrikam.fr'],
    });
    const t = await startTestGateway('sqlite', { SQLITE_PATH: sqlite });
    try {
      const token = await clientCredentialsToken(t, created.tenantId, created.adminClientId, created.adminClientSecret);
      const { domains } = await new GraphQLClient(t, token).data(DomainsDocument);
      expect(domains.map((d) => [d.name, d.state, d.isDefault])).toEqual([
        ['fabrikam.example', 'Verified', true],
        ['fabrikam.de', 'Verified', false],
        ['fabrikam.fr', 'Verified', false],
      ]);
    } finally {
      await t.gateway.close();
    }
  });
});
