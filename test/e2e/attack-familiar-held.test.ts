import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { panelSignIns } from '../helpers/panel-sign-ins.js';

/**
 * What an outsider tried against familiar-device cookies that held, pinned over real HTTP through one
 * trusted proxy hop: no cookie a stranger can make stands in for the owner's token, none breaks the
 * form, and a real token leaves the per-IP budgets as they were.
 */
describe.each(testDatabases())('familiar-device cookies an outsider makes on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;

  const suite = useGatewaySuite(kind, { env: { TRUST_PROXY: '1' }, tenants: [{}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a],
      } = suite),
  );

  const signIns = panelSignIns(
    () => t,
    () => a,
  );
  const { browserAt } = signIns;
  const member = async (password: string) => (await signIns.member(password, 'target')).mail;

  async function tokenFor(mail: string, password: string, ip: string): Promise<string> {
    const browser = await browserAt(ip);
    expect(await browser(mail, password)).toBe(303);
    return browser.web.cookies().gw_familiar!;
  }

  it('counts no made-up, borrowed or mangled cookie as the owner’s browser once the account-wide budget is spent', async () => {
    const password = 'Quartz-Lagoon-Ferry-7';
    const victim = await member(password);
    const own = await tokenFor(victim, password, '203.0.113.1');
    const attackerMail = await member('Attacker-Own-Pass-8');
    const attackers = await tokenFor(attackerMail, 'Attacker-Own-Pass-8', '203.0.113.2');
    const [device, expires, mac] = own.split('.') as [string, string, string];
    const swapCase = (s: string) => [...s].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');

    for (let ip = 10; ip < 15; ip++) {
      const other = await browserAt(`203.0.113.${ip}`);
      for (let i = 0; i < 10; i++) expect(await other(victim, `spread ${i}`)).toBe(401);
    }
    const cookies = {
      'the attacker’s own valid token': attackers,
      'the attacker’s token with the owner’s device id': `${device}.${attackers.split('.').slice(1).join('.')}`,
      'the owner’s token, device id in other case': `${swapCase(device)}.${expires}.${mac}`,
      'the owner’s token, expiry with leading zeros and changed': `${device}.000${Number(expires) + 1}.${mac}`,
      'the owner’s token after five others': [...Array(5).fill(attackers.split('~')[0]), own].join('~'),
      'the owner’s token padded past the size limit': `${own}~${'x'.repeat(1100)}`,
      'a second cookie of the name after junk': `junk; gw_familiar=${own}`,
      'broken percent-encoding': `%E0%A4%A~${own.slice(0, 10)}%`,
      'a 16-digit expiry': `${device}.9999999999999999.${mac}`,
    };
    let ip = 20;
    for (const [what, cookie] of Object.entries(cookies)) {
      // The right password, even: refused before any hash, as from any unfamiliar browser.
      expect(await (await browserAt(`203.0.113.${ip++}`, cookie))(victim, password), what).toBe(429);
    }
    // The owner's own browser still gets in (the control: the budget it spends is its own).
    expect(await (await browserAt(`203.0.113.${ip}`, own))(victim, password)).toBe(303);
  }, 180_000);

  it('leaves the per-address budgets to a familiar browser: its token does not lift them', async () => {
    const password = 'Maple-Circuit-Harbor-9';
    const victim = await member(password);
    const own = await tokenFor(victim, password, '203.0.113.40');
    // A stranger at 203.0.113.41 spends that address's budget for the account (10 per 15 minutes)...
    const stranger = await browserAt('203.0.113.41');
    for (let i = 0; i < 10; i++) expect(await stranger(victim, `guess ${i}`)).toBe(401);
    // ...and a copy of the owner's token, sent from that address, is refused as well.
    expect(await (await browserAt('203.0.113.41', own))(victim, password)).toBe(429);
    expect(await (await browserAt('203.0.113.42', own))(victim, password)).toBe(303);
  });
});
