import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite } from '../helpers/partner-flow.js';
import { derivePartners } from '../helpers/partner-oracle.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { AddDomainDocument, PartnersDocument, RemoveDomainDocument, VerifyDomainDocument } from '../graphql/generated.js';

/**
 * Partner rows follow a domain proven by DNS and then released (src/domains/domain.service.ts calls
 * the partner rows in the same transaction): a pending guest of another tenant at that domain comes
 * from the verifying tenant while it holds the domain, and from the bare domain again after.
 */
describe.each(testDatabases())('partners as a domain is verified and released on %s', (kind) => {
  let dns: TestDnsServer;
  let t: TestGateway;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => void (dns = await startDnsServer()));
  afterAll(() => dns.close());
  const suite = useGatewaySuite(kind, { env: () => ({ DNS_SERVERS: dns.address }), tenants: [{}, {}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a, b],
      } = suite),
  );

  const partnersOfB = async (search: string) => (await b.admin.client.data(PartnersDocument, { search })).partners.nodes;
  const shape = (p: { id: string; kind: string; guestCount: number }) => ({ id: p.id, kind: p.kind, guestCount: p.guestCount });
  const matchesDerivation = async () =>
    expect((await b.admin.client.data(PartnersDocument, { first: 50 })).partners.nodes.map(shape)).toEqual(
      (await derivePartners(t.gateway.db, b.tenant.id, new Date())).map(shape),
    );

  it('moves the pending guests of the domain to the verifying tenant, and back when it lets the domain go', async () => {
    const name = `people-${kind}.example`;
    await invite(b, `guest@${name}`, null, { sendInvitationMessage: false });
    expect((await partnersOfB(name)).map((p) => p.kind)).toEqual(['Domain']);

    const { addDomain } = await a.admin.client.data(AddDomainDocument, { name });
    dns.setTxt(name, [addDomain.verificationRecord!.value]);
    expect((await a.admin.client.data(VerifyDomainDocument, { name })).verifyDomain.state).toBe('Verified');
    expect((await partnersOfB(name)).map(shape)).toEqual([{ id: a.tenant.id, kind: 'GatewayTenant', guestCount: 1 }]);
    await matchesDerivation();

    await a.admin.client.data(RemoveDomainDocument, { name });
    expect((await partnersOfB(name)).map((p) => p.kind)).toEqual(['Domain']);
    await matchesDerivation();
  });
});
