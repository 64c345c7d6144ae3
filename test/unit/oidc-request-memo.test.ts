import Provider from 'oidc-provider';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientSecretStandIns } from '../../src/oidc/first-party-clients.js';
import { requestLookups } from '../../src/oidc/request-lookups.js';
import { stashForRequest, takeStashed } from '../../src/oidc/request-memo.js';

/** Stand-in services answering for whichever tenant asks, so a shared answer shows as the wrong tenant. */
const depsFor = (startedAt: Date) => ({
  appSecrets: {
    findClient: async (tenantId: string, appId: string) => ({ app: { tenantId, appId }, secrets: [] }),
    verifyAgainst: (client: { app: { tenantId: string } }, presented: string) => presented === `secret-of-${client.app.tenantId}`,
  },
  users: { findById: async (id: string) => ({ id }) },
  browser: { signedIn: async (_req: unknown, tenantId: string) => ({ userId: `home-in-${tenantId}`, startedAt }) },
});

afterEach(() => vi.restoreAllMocks());

describe('reads memoized once per provider request (src/oidc/request-memo.ts)', () => {
  it("never hand one tenant's app or session start to another, even inside one request context", async () => {
    vi.spyOn(Provider, 'ctx', 'get').mockReturnValue({} as never);
    const a = requestLookups(depsFor(new Date('2026-01-01T00:00:00Z')) as never, 'A');
    const b = requestLookups(depsFor(new Date('2026-12-01T00:00:00Z')) as never, 'B');
    await a.app('client-1');
    await a.sessionStartedAt({} as never);
    expect(await b.app('client-1')).toMatchObject({ tenantId: 'B' });
    expect(await a.clientSecretMatches('client-1', 'secret-of-A')).toBe(true);
    expect(await b.clientSecretMatches('client-1', 'secret-of-A')).toBe(false);
    expect(await b.signedInUserId({} as never)).toBe('home-in-B');
    expect((await b.sessionStartedAt({} as never))?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  it('read once within a request, afresh in the next one and outside any request', async () => {
    const ctx = vi.spyOn(Provider, 'ctx', 'get');
    const lookups = requestLookups(depsFor(new Date()) as never, 'A');
    ctx.mockReturnValue({} as never);
    const first = await lookups.app('c');
    expect(await lookups.app('c')).toBe(first);
    ctx.mockReturnValue({} as never);
    expect(await lookups.app('c')).not.toBe(first);
    ctx.mockReturnValue(undefined as never);
    expect(await lookups.app('c')).not.toBe(await lookups.app('c'));
  });

  it('hands a stashed fact to one take in the same request only, never outside a request', () => {
    const ctx = vi.spyOn(Provider, 'ctx', 'get');
    ctx.mockReturnValue({} as never);
    stashForRequest('A:Grant:g', { jti: 'g' });
    expect(takeStashed('A:Grant:g')).toEqual({ jti: 'g' });
    expect(takeStashed('A:Grant:g')).toBeUndefined();
    stashForRequest('A:Grant:g', null);
    ctx.mockReturnValue({} as never);
    expect(takeStashed('A:Grant:g')).toBeUndefined();
    ctx.mockReturnValue(undefined as never);
    stashForRequest('A:Grant:g', { jti: 'g' });
    expect(takeStashed('A:Grant:g')).toBeUndefined();
  });

  it("derives each tenant's client stand-in secrets apart", () => {
    const secret = 'gateway-secret-0123456789abcdef0123456789';
    expect(clientSecretStandIns(secret, 'A')('same-client-id')).not.toBe(clientSecretStandIns(secret, 'B')('same-client-id'));
    expect(clientSecretStandIns(secret, 'A')('same-client-id')).toBe(clientSecretStandIns(secret, 'A')('same-client-id'));
  });
});
