import { beforeAll, describe, expect, it } from 'vitest';
import { RemoveUserDocument, RevokeSignInSessionsDocument } from '../graphql/generated.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { panelSignIns } from '../helpers/panel-sign-ins.js';

/**
 * Someone who once held an account's password (a leak, a phished one stopped by the second factor)
 * signs in from as many fresh browsers as they like, each minting a familiar-device token with a
 * device id of its own. Once the owner changes the password, or an administrator ends the account's
 * sign-ins, those tokens must stop counting: else each still buys ten guesses per window outside the
 * account-wide budget, and together they undo it. Over real HTTP, through one trusted proxy hop.
 */
describe.each(testDatabases())('familiar tokens after the password they proved on %s', (kind) => {
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
  const member = (password: string) => signIns.member(password, 'holder');

  /** Signs in with the known password from fresh browsers: one device token each. */
  async function mint(mail: string, password: string, firstIp: number, count: number): Promise<string[]> {
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      const fresh = await browserAt(`203.0.113.${firstIp + i}`);
      expect(await fresh(mail, password)).toBe(303);
      tokens.push(fresh.web.cookies().gw_familiar!);
    }
    expect(new Set(tokens.map((token) => token.split('.')[0])).size, 'a device id per fresh browser').toBe(count);
    return tokens;
  }

  it('stops counting the tokens minted with a password once it is changed', async () => {
    const holder = await member('Old-Leaked-Password-1');
    const minted = await mint(holder.mail, 'Old-Leaked-Password-1', 10, 2);
    await t.gateway.services.accounts.setPassword(holder.id, 'Fresh-Owner-Password-2');
    const owner = await browserAt('203.0.113.15');
    expect(await owner(holder.mail, 'Fresh-Owner-Password-2')).toBe(303);
    const renewed = owner.web.cookies().gw_familiar!;

    await spreadGuessing(holder.mail, 20);
    expect(await (await browserAt('203.0.113.25'))(holder.mail, 'a guess')).toBe(429);
    // Each minted token, from an address with budget left, is refused before any hash like anyone's.
    for (const [i, token] of minted.entries())
      expect(await (await browserAt(`203.0.113.${30 + i}`, token))(holder.mail, 'a guess')).toBe(429);
    // The browser that proved the new password is familiar still.
    expect(await (await browserAt('203.0.113.35', renewed))(holder.mail, 'Fresh-Owner-Password-2')).toBe(303);
  }, 120_000);

  it('stops counting them once an administrator ends the account’s sign-ins', async () => {
    const password = 'Still-Same-Password-3';
    const holder = await member(password);
    const [minted] = await mint(holder.mail, password, 40, 1);
    await a.admin.client.data(RevokeSignInSessionsDocument, { userId: holder.id });

    await spreadGuessing(holder.mail, 50);
    expect(await (await browserAt('203.0.113.55', minted))(holder.mail, 'a guess')).toBe(429);
  }, 120_000);

  it('stops counting them for a new account that took the address of a removed one', async () => {
    const previous = await member('Departed-Owner-Pass-4');
    const [minted] = await mint(previous.mail, 'Departed-Owner-Pass-4', 60, 1);
    await a.admin.client.data(RemoveUserDocument, { id: previous.id });
    const next = await t.gateway.services.users.createMember(a.tenant.id, { displayName: 'Successor', mail: previous.mail });
    await t.gateway.services.accounts.setPassword(next.id, 'Successor-Password-5');

    await spreadGuessing(previous.mail, 70);
    expect(await (await browserAt('203.0.113.75', minted))(previous.mail, 'a guess')).toBe(429);
  }, 120_000);
});
