import { expect } from 'vitest';
import type { TenantFixture } from './fixtures.js';
import type { TestGateway } from './test-gateway.js';
import { WebClient } from './web-client.js';

/** A browser on the access panel's sign-in form: `attempt(email, password)` answers the HTTP status. */
export type PanelBrowser = ((email: string, password: string) => Promise<number>) & { web: WebClient };

/**
 * Password sign-ins at a tenant's access panel over real HTTP, through one trusted proxy hop
 * (TRUST_PROXY=1): the proxy appends the address it saw to whatever X-Forwarded-For the client wrote,
 * so each browser forges a new left part every time and is still counted by `ip`. For the suites of
 * sign-in budgets and familiar browsers; `gateway` and `tenant` are read when called (after beforeAll).
 */
export function panelSignIns(gateway: () => TestGateway, tenant: () => TenantFixture) {
  let members = 0;
  let forged = 0;

  /** A member of the tenant with `password`; its address names `label`. */
  async function member(password: string, label = 'owner'): Promise<{ id: string; mail: string }> {
    const t = gateway();
    const mail = `${label}${++members}@${tenant().tenant.defaultDomain}`;
    const user = await t.gateway.services.users.createMember(tenant().tenant.id, { displayName: 'Owner', mail });
    await t.gateway.services.accounts.setPassword(user.id, password);
    return { id: user.id, mail };
  }

  /** A browser at `ip` (as the proxy sees it); `familiar`, when given, is its gw_familiar cookie, verbatim. */
  async function browserAt(ip: string, familiar?: string): Promise<PanelBrowser> {
    const t = gateway();
    const panel = `/${tenant().tenant.id}/myapps`;
    const headers: Record<string, string> = {};
    const web = new WebClient(undefined, headers);
    if (familiar !== undefined) web.plant(t.baseUrl, 'gw_familiar', familiar);
    const forge = () => (headers['x-forwarded-for'] = `198.18.${(++forged >> 8) & 255}.${forged & 255}, ${ip}`);
    forge();
    const page = await web.get(`${t.baseUrl}${panel}`);
    const attempt = async (email: string, password: string): Promise<number> => {
      forge();
      return (await web.submit(page, panel, { email, password })).status;
    };
    return Object.assign(attempt, { web });
  }

  /**
   * Ten wrong guesses from each of five addresses: the account-wide budget (50 per 15 minutes) is
   * spent. One address after another: five at once would exceed the hashes a process admits.
   */
  async function spreadGuessing(target: string, firstIp: number): Promise<void> {
    for (let ip = firstIp; ip < firstIp + 5; ip++) {
      const other = await browserAt(`203.0.113.${ip}`);
      for (let i = 0; i < 10; i++) expect(await other(target, `spread ${i}`)).toBe(401);
    }
  }

  return { member, browserAt, spreadGuessing };
}
