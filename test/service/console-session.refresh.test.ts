import { beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/console-bff/console-session.entity.js';
import { ConsoleSessionService } from '../../src/console-bff/console-session.service.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { UpdateSecurityPolicyDocument } from '../graphql/generated.js';
import { ConsoleBrowser } from '../helpers/console.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';

const PASSWORD = 'Violet-Canyon-Radar-4';
/** User access tokens live 600 s; the backend refreshes 30 s before. */
const STALE_MS = 580_000;

/**
 * Two gateway processes refreshing one console session at the same moment: each is a
 * ConsoleSessionService of its own (its own in-process guard) over the one database and provider.
 * The refresh token is good once, so the one that loses must read the winner's tokens, not spend the
 * old token (which would revoke the grant and end the session).
 */
describe.each(testDatabases())('console session refresh by two processes on %s', (kind) => {
  let t: TestGateway;
  let contoso: TenantFixture;
  const clock = new TestClock();
  const suite = useGatewaySuite(kind, { clock, tenants: [{ name: 'Contoso', domains: ['contoso.example'] }] });
  let processes: [ConsoleSessionService, ConsoleSessionService];

  beforeAll(async () => {
    ({
      t,
      tenants: [contoso],
    } = suite);
    await contoso.admin.client.data(UpdateSecurityPolicyDocument, { input: { mfaForAdmins: false } });
    const ada = await t.gateway.services.users.createMember(contoso.tenant.id, {
      displayName: 'Ada',
      mail: 'ada@contoso.example',
      roles: [DirectoryRole.GlobalAdministrator],
    });
    await t.gateway.services.accounts.setPassword(ada.id, PASSWORD);
    const other = () =>
      new ConsoleSessionService(
        t.gateway.db,
        clock,
        new SecretBox(t.gateway.config.gatewaySecret),
        t.gateway.services.consoleApps,
        t.gateway.services.rateLimits,
        t.gateway.config,
      );
    processes = [other(), other()];
  });

  /** A fresh console sign-in; its cookie value. */
  async function signedIn(): Promise<string> {
    const browser = new ConsoleBrowser(t);
    await browser.signIn(`/admin/${contoso.tenant.id}/`, 'ada@contoso.example', PASSWORD);
    return browser.web.cookies().console_session!;
  }
  async function whileStale<T>(work: () => Promise<T>): Promise<T> {
    clock.advance(STALE_MS);
    try {
      return await work();
    } finally {
      clock.advance(-STALE_MS);
    }
  }
  const rows = () => t.gateway.db.manager.findBy(ConsoleSession, { tenantId: contoso.tenant.id });

  it('the process that read the session before the other refreshed it reads the new tokens', async () => {
    const value = await signedIn();
    const [a, b] = processes;
    const [openA, openB] = [await a.find(value), await b.find(value)];
    const before = (await rows()).find((r) => r.idHash === openA!.session.idHash)!.refreshTokenSealed;
    await whileStale(async () => {
      const winner = await a.accessToken(openA!);
      // B still holds the old refresh token in memory: it must not spend it.
      expect(await b.accessToken(openB!)).toBe(winner);
      // Both keep working with the new tokens, and the session is still there.
      expect(await b.accessToken((await b.find(value))!)).toBe(winner);
    });
    const row = (await rows()).find((r) => r.idHash === openA!.session.idHash);
    expect(row?.refreshTokenSealed).not.toBe(before);
    expect(row?.refreshClaimedUntil).toBeNull();
  });

  it('two refreshes at the same moment give one new token set and keep the session', async () => {
    const value = await signedIn();
    const [a, b] = processes;
    const [openA, openB] = [await a.find(value), await b.find(value)];
    const [tokenA, tokenB] = await whileStale(() => Promise.all([a.accessToken(openA!), b.accessToken(openB!)]));
    expect(tokenA).toBe(tokenB);
    // The session survives, and its stored refresh token still refreshes (the grant was not revoked).
    clock.advance(2 * STALE_MS);
    try {
      const next = await a.accessToken((await a.find(value))!);
      expect(next).not.toBe(tokenA);
    } finally {
      clock.advance(-2 * STALE_MS);
    }
  });
});
