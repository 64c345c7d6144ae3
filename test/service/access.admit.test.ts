import { describe, expect, it } from 'vitest';
import { AssignmentPrincipalType } from '../../src/apps/app-assignment.entity.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { SignInEvent, SignInKind, SignInResult } from '../../src/sign-ins/sign-in-event.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { useAccessHarness } from '../helpers/access-harness.js';

const SIGN_IN = { kind: SignInKind.Interactive, context: { ip: '192.0.2.7', userAgent: 'vitest' }, authMethods: ['pwd'] };

/** AccessService.admit: the account a person signs in with at an app, or a refusal written to that tenant's sign-in log. */
describe.each(testDatabases())('AccessService.admit on %s', (kind) => {
  const h = useAccessHarness(kind);
  const { tenant, member, guest, app, assign } = h;
  const logOf = (tenantId: string) => h.db.manager.find(SignInEvent, { where: { tenantId } });

  async function refusal(work: Promise<unknown>): Promise<string> {
    const error = await work.then(
      () => null,
      (e: unknown) => e as { code?: string },
    );
    expect(error).not.toBeNull();
    return String(error!.code);
  }

  it('admits the home account in its own tenant and its redeemed guest elsewhere, logging nothing yet', async () => {
    const home = await tenant();
    const resource = await tenant();
    const me = await member(home.id);
    const myGuest = await guest(resource.id, me);
    const open = await app(resource.id, 'Open app', false);
    expect((await h.access.admit(home.id, me, (await app(home.id, 'Home app', false)).appId, SIGN_IN)).id).toBe(me.id);
    expect((await h.access.admit(resource.id, me, open.appId, SIGN_IN)).id).toBe(myGuest.id);
    // A success is logged when the sign-in completes (recordSignIn), not here.
    expect(await logOf(resource.id)).toEqual([]);
  });

  it('refuses a person with no account in the tenant, and logs the refusal there with the home user', async () => {
    const home = await tenant();
    const stranger = await tenant();
    const me = await member(home.id);
    const target = await app(stranger.id, 'Their app', false);
    expect(await refusal(h.access.admit(stranger.id, me, target.appId, SIGN_IN))).toBe(ErrorCode.ACCESS_DENIED);
    expect(await logOf(stranger.id)).toMatchObject([
      { result: SignInResult.Failure, reasonCode: ErrorCode.ACCESS_DENIED, userId: null, homeUserId: me.id, ip: '192.0.2.7' },
    ]);
    expect(await logOf(home.id)).toEqual([]);
  });

  it("checks the tenant's own app by client id: assignment required refuses an unassigned account, assigned passes", async () => {
    // Another tenant's strict app, made first: only this tenant's client id may be looked up.
    const other = await tenant();
    await app(other.id, 'Foreign strict app');
    const t = await tenant();
    const me = await member(t.id);
    const open = await app(t.id, 'Open app', false);
    expect((await h.access.admit(t.id, me, open.appId, SIGN_IN)).id).toBe(me.id);
    const strict = await app(t.id, 'Strict app');
    expect(await refusal(h.access.admit(t.id, me, strict.appId, SIGN_IN))).toBe(ErrorCode.ACCESS_DENIED);
    expect(await logOf(t.id)).toMatchObject([{ result: SignInResult.Failure, userId: me.id, reasonCode: ErrorCode.ACCESS_DENIED }]);
    await assign(t.id, strict, AssignmentPrincipalType.User, me.id);
    expect((await h.access.admit(t.id, me, strict.appId, SIGN_IN)).id).toBe(me.id);
  });

  it('refuses a disabled account, and logs the refusal once', async () => {
    const t = await tenant();
    const me = await member(t.id, { accountEnabled: false });
    const open = await app(t.id, 'Open app', false);
    expect(await refusal(h.access.admit(t.id, me, open.appId, SIGN_IN))).toBe(ErrorCode.ACCESS_DENIED);
    expect(await logOf(t.id)).toHaveLength(1);
  });
});
