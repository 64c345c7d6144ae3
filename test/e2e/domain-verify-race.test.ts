import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { raceAgainstHeldRow } from '../helpers/held-row.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { AddDomainDocument, TenantDocument, VerifyDomainDocument } from '../graphql/generated.js';

/**
 * Two tenants verifying one domain at once (DomainService.addVerified): the loser's insert meets the
 * winner's row at the unique key, and must answer CONFLICT, never a server error. PostgreSQL only:
 * there the winner's row is held in an open transaction until the loser's insert waits on it, so the
 * race is certain; on SQLite transactions are queued and the loser sees the owner first (domains.test.ts).
 */
describe.runIf(testDatabases().includes('postgres'))('a domain verified by two tenants at once', () => {
  let dns: TestDnsServer;
  beforeAll(async () => void (dns = await startDnsServer()));
  afterAll(() => dns.close());
  const suite = useGatewaySuite('postgres', { env: () => ({ DNS_SERVERS: dns.address }), tenants: [{}, {}] });

  it('is CONFLICT for the tenant whose insert came second', async () => {
    const { t, tenants } = suite;
    const [a, b] = tenants;
    const verifiedNames = async (f: typeof a) => (await f!.admin.client.data(TenantDocument)).tenant.domains;
    const name = 'race.example';
    const added = (await b!.admin.client.data(AddDomainDocument, { name })).addDomain;
    dns.setTxt(name, [added.verificationRecord!.value]);

    const racing = await raceAgainstHeldRow(
      t.gateway.db,
      (em) => em.query('INSERT INTO "tenant_domain" ("domain", "tenantId", "createdAt") VALUES ($1, $2, now())', [name, a!.tenant.id]),
      () => b!.admin.client.errorCode(VerifyDomainDocument, { name }),
    );
    expect(racing).toEqual({ status: 'fulfilled', value: 'CONFLICT' });
    expect(await verifiedNames(a)).toContain(name);
    expect(await verifiedNames(b)).not.toContain(name);
  });
});
