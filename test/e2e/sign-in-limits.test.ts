import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { panelSignIns } from '../helpers/panel-sign-ins.js';

/**
 * Password guessing over real HTTP, through one trusted proxy hop (TRUST_PROXY=1): the proxy appends
 * the address it saw to whatever X-Forwarded-For the client wrote, so the client forges the left part.
 */
describe.each(testDatabases())('sign-in limits on %s', (kind) => {
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
  const { browserAt, spreadGuessing } = signIns;
  const member = async (password: string) => (await signIns.member(password)).mail;

  async function hashes(): Promise<number> {
    const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('gateway_password_hashes_total{') && l.includes('purpose="sign_in"'));
    return line ? Number(line.split(' ').at(-1)) : 0;
  }

  it('counts a client behind the proxy by the address the proxy saw: forged X-Forwarded-For entries still hit the per-IP limit', async () => {
    const target = await member('Velvet-Harbor-Nine-3');
    const attacker = await browserAt('203.0.113.10');
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) statuses.push(await attacker(target, `guess number ${i}`));
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(90).fill(429)); // that account, from that address
    // Address budget spent (100 per 15 minutes): any other account is refused too, whatever the forged header says.
    expect(await attacker(`nobody@${a.tenant.defaultDomain}`, 'another guess')).toBe(429);
    expect(await (await browserAt('203.0.113.11'))(`nobody@${a.tenant.defaultDomain}`, 'another guess')).toBe(401);
  });

  it('refuses an account whose budget is spent before computing any hash: per account and address, then per account', async () => {
    const target = await member('Amber-Falcon-Ledger-8');
    const stranger = await browserAt('203.0.113.20');
    const before = await hashes();
    for (let i = 0; i < 10; i++) expect(await stranger(target, `guess ${i}`)).toBe(401);
    expect(await hashes()).toBe(before + 10);
    for (let i = 0; i < 5; i++) expect(await stranger(target, `guess ${i}`)).toBe(429);
    expect(await hashes()).toBe(before + 10);

    // The account-wide budget (50 per 15 minutes) bounds guessing spread over many addresses.
    const others = await Promise.all([21, 22, 23, 24].map((last) => browserAt(`203.0.113.${last}`)));
    await Promise.all(
      others.map(async (other) => {
        for (let i = 0; i < 10; i++) expect(await other(target, `spread ${i}`)).toBe(401);
      }),
    );
    expect(await hashes()).toBe(before + 50);
    expect(await (await browserAt('203.0.113.25'))(target, 'one more guess')).toBe(429);
    expect(await hashes()).toBe(before + 50);
  }, 120_000);

  it('lets the owner sign in from their own address after a stranger spent the stranger’s budget for the account', async () => {
    const owner = await member('Cobalt-Prairie-Lantern-4');
    const stranger = await browserAt('203.0.113.30');
    for (let i = 0; i < 10; i++) expect(await stranger(owner, `guess ${i}`)).toBe(401);
    expect(await stranger(owner, 'Cobalt-Prairie-Lantern-4')).toBe(429);
    expect(await (await browserAt('203.0.113.31'))(owner, 'Cobalt-Prairie-Lantern-4')).toBe(303);
  });

  it('bounds password hashes in flight: a parallel flood is refused at once and another client still signs in', async () => {
    const owner = await member('Juniper-Signal-Orchard-2');
    const flood = await browserAt('203.0.113.40');
    const before = await hashes();
    const owners = await browserAt('203.0.113.41');
    const results = await Promise.all([
      ...Array.from({ length: 32 }, (_, i) => flood(`flood${i}@${a.tenant.defaultDomain}`, `guess ${i}`)),
      // Sent last, when the flood's posts are already in: the flood holds its own share of the slots only.
      owners(owner, 'Juniper-Signal-Orchard-2'),
    ]);
    const legit = results.pop();
    const statuses = results;
    expect(legit).toBe(303);
    expect(
      statuses.every((s) => s === 401 || s === 429),
      statuses.join(),
    ).toBe(true);
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused, statuses.join()).toBeGreaterThanOrEqual(16);
    // The refused ones cost no hash: one per 401, and the owner's.
    expect(await hashes()).toBe(before + (32 - refused) + 1);
  });

  it('keeps a browser the owner signed in from before out of the account-wide lockout, and only that browser', async () => {
    const password = 'Saffron-Meadow-Tunnel-6';
    const owner = await member(password);
    const own = await browserAt('203.0.113.60');
    expect(await own(owner, 'a typo')).toBe(401);
    expect(own.web.cookies().gw_familiar, 'a wrong password makes no browser familiar').toBeUndefined();
    expect(await own(owner, password)).toBe(303);
    const familiar = own.web.cookies().gw_familiar!;
    expect(familiar).toMatch(/^[\w-]{22}\.\d+\.[\w-]{43}$/);

    await spreadGuessing(owner, 61);
    expect(await (await browserAt('203.0.113.66'))(owner, password)).toBe(429);
    // The owner's address without the browser's cookie counts as anyone's; a forged token too.
    expect(await (await browserAt('203.0.113.60'))(owner, password)).toBe(429);
    const forged = familiar.slice(0, -2) + (familiar.endsWith('AA') ? 'BB' : 'AA');
    expect(await (await browserAt('203.0.113.67', forged))(owner, password)).toBe(429);
    // The familiar browser, from wherever it is now, still gets in.
    expect(await (await browserAt('203.0.113.68', familiar))(owner, password)).toBe(303);
  }, 120_000);

  it('gives a copied device token its own small budget, whatever the addresses it guesses from', async () => {
    const password = 'Thistle-Copper-Beacon-5';
    const owner = await member(password);
    const own = await browserAt('203.0.113.70');
    expect(await own(owner, password)).toBe(303);
    const copied = own.web.cookies().gw_familiar!;
    const thieves = await Promise.all([71, 72, 73, 74].map((last) => browserAt(`203.0.113.${last}`, copied)));
    for (const [i, thief] of thieves.slice(0, 3).entries()) {
      for (let j = 0; j < (i < 2 ? 4 : 2); j++) expect(await thief(owner, `stolen ${i} ${j}`)).toBe(401);
    }
    // Ten attempts in all for that device: the next is refused before any hash, the right password too.
    expect(await thieves[3]!(owner, password)).toBe(429);
    // Those guesses spent none of the account-wide budget: a stranger's own budget is whole.
    expect(await (await browserAt('203.0.113.75'))(owner, password)).toBe(303);
  });
});
