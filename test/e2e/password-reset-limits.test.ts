import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { createMember } from '../helpers/members.js';
import { TestClock } from '../helpers/password-reset.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { WebClient } from '../helpers/web-client.js';

/**
 * The budgets of "Forgot your password?" and "Send me a new link" over real HTTP, through one trusted
 * proxy hop (TRUST_PROXY=1): the code-check budget says nothing about whether an address has an
 * account, and a stranger's address cannot use up the budget of the owner's.
 */
describe.each(testDatabases())('password reset and activation budgets on %s', (kind) => {
  const clock = new TestClock();
  let t: TestGateway;
  let smtp: TestSmtpServer;
  let a: TenantFixture;
  let n = 0;

  const suite = useGatewaySuite(kind, { smtp: true, clock, env: { TRUST_PROXY: '1' }, tenants: [{}] });
  beforeAll(
    () =>
      void ({
        t,
        smtp,
        tenants: [a],
      } = suite),
  );

  async function owner(): Promise<string> {
    const mail = `owner${++n}@${a.tenant.defaultDomain}`;
    const user = await t.gateway.services.users.createMember(a.tenant.id, { displayName: 'Owner', mail });
    await t.gateway.services.accounts.setPassword(user.id, 'Juniper-Signal-Orchard-2');
    return mail;
  }

  /** Sends `form` (fields) to `path` from a browser at `ip`, as the proxy sees it; returns the status. */
  async function from(ip: string, page: string, path: string, fields: Record<string, string>): Promise<number> {
    const web = new WebClient(undefined, { 'x-forwarded-for': ip });
    return (await web.submit(await web.get(`${t.baseUrl}${page}`), path, fields)).status;
  }

  const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address)).length;
  async function mailArrives(address: string, before: number): Promise<boolean> {
    for (let i = 0; i < 50 && mailsTo(address) <= before; i++) {
      await t.gateway.outboxWorker.drain();
      await new Promise((r) => setTimeout(r, 100));
    }
    return mailsTo(address) > before;
  }

  it('spends the code-check budget once per try, whether or not the address has an account', async () => {
    const refusalsBefore429 = async (ip: string, email: string) => {
      for (let refused = 0; refused < 60; refused++) {
        const status = await from(ip, '/password/reset', '/password/reset', {
          email,
          code: '000000',
          password: 'a long enough passphrase',
        });
        if (status === 429) return refused;
        expect(status).toBe(400);
      }
      return Infinity;
    };
    const known = await refusalsBefore429('203.0.113.1', await owner());
    const unknown = await refusalsBefore429('203.0.113.2', `nobody@${a.tenant.defaultDomain}`);
    expect({ known, unknown }).toEqual({ known: 50, unknown: 50 });
    // 102 page round trips, each checking a code: over 30 s on a loaded two-core machine.
  }, 120_000);

  it("a stranger's address cannot use up the owner's reset budget; many addresses together can", async () => {
    const email = await owner();
    const forgot = (ip: string, address = email) => from(ip, '/password/forgot', '/password/forgot', { email: address });
    const stranger = [];
    for (let i = 0; i < 6; i++) stranger.push(await forgot('203.0.113.10'));
    expect(stranger).toEqual([200, 200, 200, 200, 200, 429]);
    clock.offsetMs += 2 * 60 * 1000; // past the one-code-a-minute wait of the stranger's first request
    const before = mailsTo(email);
    expect(await forgot('203.0.113.11'), 'the owner, from its own address').toBe(200);
    expect(await mailArrives(email, before), 'the owner’s code').toBe(true);

    const target = `flooded@${a.tenant.defaultDomain}`;
    for (let ip = 20; ip < 24; ip++) for (let i = 0; i < 5; i++) expect(await forgot(`203.0.113.${ip}`, target)).toBe(200);
    expect(await forgot('203.0.113.24', target), 'the address-wide budget').toBe(429);
  });

  it("a stranger's address cannot use up the owner's activation-link budget; many addresses together can", async () => {
    const { email } = await createMember(t, smtp, a, 'pending');
    const resend = (ip: string, address = email) => from(ip, '/activate/resend', '/activate/resend', { email: address });
    const stranger = [];
    for (let i = 0; i < 4; i++) stranger.push(await resend('203.0.113.30'));
    expect(stranger).toEqual([200, 200, 200, 429]);
    const before = mailsTo(email);
    expect(await resend('203.0.113.31'), 'the owner, from its own address').toBe(200);
    expect(await mailArrives(email, before), 'the owner’s new link').toBe(true);

    const target = `flooded-links@${a.tenant.defaultDomain}`;
    for (let ip = 40; ip < 44; ip++) for (let i = 0; i < 3; i++) expect(await resend(`203.0.113.${ip}`, target)).toBe(200);
    expect(await resend('203.0.113.44', target), 'the address-wide budget').toBe(429);
  });
});
