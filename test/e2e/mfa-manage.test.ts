import { beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { BrowserSession } from '../../src/accounts/browser-session.entity.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { MfaMethod, RecoveryCode } from '../../src/mfa/mfa-method.entity.js';
import { AuditAction } from '../../src/shared/audit-actions.js';
import { ResetUserMfaDocument, ResetUserPasswordDocument } from '../graphql/generated.js';
import { testDatabases } from '../helpers/databases.js';
import { createPrincipal, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { accountSignIn, enrolTotp, memberWithPassword, stepsLater, totpCode } from '../helpers/mfa.js';
import { activate, linkIn } from '../helpers/members.js';
import { invite, latestMail } from '../helpers/partner-flow.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient, type WebResponse } from '../helpers/web-client.js';

/** Managing sign-in methods on the account page, and an admin's resetUserMfa (with its cross-tenant twin). */
describe.each(testDatabases())('managing second factors (%s)', (kind) => {
  const clock = new TestClock();
  const suite = useGatewaySuite(kind, {
    clock,
    smtp: true,
    tenants: [{ domains: [`manage-${kind}.example`] }, { domains: [`other-${kind}.example`] }],
  });
  let t: TestGateway;
  let home: TenantFixture;
  let other: TenantFixture;
  let n = 0;
  beforeAll(() => {
    t = suite.t;
    [home, other] = suite.tenants as [TenantFixture, TenantFixture];
  });

  async function enrolled(roles: DirectoryRole[] = []) {
    const email = `max${++n}@manage-${kind}.example`;
    const member = await memberWithPassword(t, home, email, roles);
    const { web } = await accountSignIn(t, email);
    const enrolment = await enrolTotp(t, web, clock.now());
    return { email, member, web, ...enrolment };
  }
  const methodIds = async (userId: string) => (await t.gateway.db.manager.findBy(MfaMethod, { userId })).map((m) => m.id);
  const csrfOf = (page: WebResponse) => /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const post = async (web: WebClient, path: string, fields: Record<string, string>) => {
    const page = await web.get(`${t.baseUrl}/account`);
    return web.post(`${t.baseUrl}${path}`, { csrf: csrfOf(page), ...fields });
  };

  /**
   * PostgreSQL: holds inserts into audit_event, so a removal stops inside its transaction after it
   * counted and deleted; released once `n` sessions wait on a lock (both removals overlap for sure).
   */
  async function holdAuditWrites() {
    const runner = t.gateway.db.manager.connection.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    await runner.query('LOCK TABLE audit_event IN EXCLUSIVE MODE');
    const waiting = `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    return {
      async releaseOnceWaiting(n: number) {
        for (let i = 0; i < 100 && (await t.gateway.db.manager.query(waiting))[0].n < n; i++) await new Promise((r) => setTimeout(r, 50));
        await runner.commitTransaction();
        await runner.release();
      },
    };
  }

  it('renames and removes with a second factor in this browser; each change is audited at home', async () => {
    const { member, web } = await enrolled();
    const [id] = await methodIds(member.id);
    const renamed = await post(web, '/account/mfa/rename', { methodId: id!, label: 'Work phone' });
    expect(renamed.location).toBe('/account?done=mfaRenamed');
    expect(text(await web.get(`${t.baseUrl}/account`))).toContain('Work phone');
    const removed = await post(web, '/account/mfa/remove', { methodId: id! });
    expect(removed.location).toBe('/account?done=mfaRemoved');
    expect(await methodIds(member.id)).toEqual([]);
    expect(await t.gateway.db.manager.countBy(RecoveryCode, { userId: member.id })).toBe(0);
    const actions = (await t.gateway.db.manager.findBy(AuditEvent, { actorId: member.id, tenantId: home.tenant.id })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([AuditAction.RegisterSecurityInfo, AuditAction.UpdateSecurityInfo, AuditAction.DeleteSecurityInfo]),
    );
  });

  it('a browser signed in with the password alone must step up before changing methods', async () => {
    const email = `step${++n}@manage-${kind}.example`;
    const member = await memberWithPassword(t, home, email);
    const { web: before } = await accountSignIn(t, email); // signed in before any method existed
    const { web } = await accountSignIn(t, email);
    await enrolTotp(t, web, clock.now());
    const [id] = await methodIds(member.id);
    const page = await before.get(`${t.baseUrl}/account`);
    expect(page.body).toContain('id="step-up"');
    expect(page.body).not.toContain('action="/account/mfa/remove"');
    const refused = await post(before, '/account/mfa/remove', { methodId: id! });
    expect(refused.status).toBe(303);
    expect(refused.location).toBe('/mfa?return=/account');
    expect(await methodIds(member.id)).toEqual([id]);
    const enrol = await before.get(`${t.baseUrl}/mfa/enrol?return=/account`);
    expect(enrol.location).toBe(`/mfa?return=${encodeURIComponent('/mfa/enrol?return=%2Faccount')}`);
  });

  it('keeps the last method while a policy requires MFA (an admin), removes one of two', async () => {
    const { member, web, secret } = await enrolled([DirectoryRole.UserAdministrator]);
    const [first] = await methodIds(member.id);
    expect((await post(web, '/account/mfa/remove', { methodId: first! })).status).toBe(409);
    expect(await methodIds(member.id)).toEqual([first]);
    // A second app: no new recovery codes, straight back to the page.
    const second = await enrolTotp(t, web, stepsLater(clock.now(), 1), 'Tablet');
    expect(second.confirmed.location).toBe('/account?done=mfaAdded');
    expect(second.recoveryCodes).toEqual([]);
    expect(secret).not.toBe(second.secret);
    expect((await post(web, '/account/mfa/remove', { methodId: first! })).location).toBe('/account?done=mfaRemoved');
    expect(await methodIds(member.id)).toHaveLength(1);
  });

  it('keeps one method when both of the last two are removed at once while MFA is required', async () => {
    const { member, web } = await enrolled([DirectoryRole.UserAdministrator]);
    await enrolTotp(t, web, stepsLater(clock.now(), 1), 'Tablet');
    const ids = await methodIds(member.id);
    const csrf = csrfOf(await web.get(`${t.baseUrl}/account`));
    const held = kind === 'postgres' ? await holdAuditWrites() : null;
    const removing = Promise.all(ids.map((methodId) => web.post(`${t.baseUrl}/account/mfa/remove`, { csrf, methodId })));
    if (held) await held.releaseOnceWaiting(2);
    expect((await removing).map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await methodIds(member.id)).toHaveLength(1);
  });

  it('new recovery codes replace the old ones, shown once', async () => {
    const { member, web, recoveryCodes } = await enrolled();
    const page = await post(web, '/account/mfa/recovery-codes', {});
    const fresh = [...page.body.matchAll(/<li><code>([a-z0-9-]{9})<\/code><\/li>/g)].map((m) => m[1]!);
    expect(fresh).toHaveLength(10);
    const mfa = t.gateway.services.mfa;
    await expect(mfa.useRecoveryCode(member.id, recoveryCodes[0]!, '203.0.113.9')).rejects.toMatchObject({ code: 'MFA_CODE_INVALID' });
    await expect(mfa.useRecoveryCode(member.id, fresh[0]!, '203.0.113.9')).resolves.toBeUndefined();
    expect(text(await web.get(`${t.baseUrl}/account`))).toContain('Recovery codes left: 9');
  });

  it('resetUserMfa deletes the methods and codes, signs the person out everywhere, audited; they sign in with the password again', async () => {
    const { email, member, web } = await enrolled();
    expect(await home.admin.client.data(ResetUserMfaDocument, { userId: member.id })).toEqual({ resetUserMfa: true });
    expect(await methodIds(member.id)).toEqual([]);
    expect(await t.gateway.db.manager.countBy(RecoveryCode, { userId: member.id })).toBe(0);
    expect(await t.gateway.db.manager.countBy(BrowserSession, { userId: member.id })).toBe(0);
    expect((await web.get(`${t.baseUrl}/account`)).body).toContain('action="/account/signin"');
    const events = await t.gateway.db.manager.findBy(AuditEvent, { action: AuditAction.ResetUserMfa, targetId: member.id });
    expect(events.map((e) => [e.tenantId, e.actorId, e.details])).toEqual([[home.tenant.id, home.admin.app.id, { methodsRemoved: 1 }]]);
    const again = await accountSignIn(t, email);
    expect(again.page.url).toBe(`${t.baseUrl}/account`);
    expect(again.page.body).toContain('id="add-totp"');
  });

  it("an admin's password reset keeps the methods: the new password's sign-in still asks for the second factor", async () => {
    const { email, member, secret } = await enrolled();
    await home.admin.client.data(ResetUserPasswordDocument, { userId: member.id });
    const web = new WebClient();
    const activated = await activate(web, linkIn((await latestMail(t, suite.smtp, email)).text), 'Second-Harbour-Lantern-8');
    expect(activated.status).toBe(303);
    expect(activated.location).toBe('/mfa?return=%2Faccount');
    const asked = await web.follow(activated);
    const done = await web.follow(await web.submit(asked, '/mfa/totp', { code: totpCode(secret, stepsLater(clock.now(), 1)) }));
    expect(done.url).toBe(`${t.baseUrl}/account`);
    expect(done.body).toContain('id="methods"');
  });

  it('resetUserMfa ends a sign-in half-way at the second step too', async () => {
    const { email, member, secret } = await enrolled();
    const { web, page } = await accountSignIn(t, email);
    expect(page.body).toContain('action="/mfa/totp"');
    await home.admin.client.data(ResetUserMfaDocument, { userId: member.id });
    const late = await web.submit(page, '/mfa/totp', { code: totpCode(secret, stepsLater(clock.now(), 1)) });
    expect(late.status).toBe(403); // the half-way session is gone: the form's token no longer matches
  });

  it("resetUserMfa: another tenant's admin cannot reach the member; a guest is reset at home; a UserAdministrator not on an admin", async () => {
    const { member } = await enrolled();
    expect(await other.admin.client.errorCode(ResetUserMfaDocument, { userId: member.id })).toBe('NOT_FOUND');
    expect(await methodIds(member.id)).toHaveLength(1);
    const guest = (await invite(other, `max${n}@manage-${kind}.example`, null)).invitedUser!;
    expect(await other.admin.client.errorCode(ResetUserMfaDocument, { userId: guest.id })).toBe('MFA_HOME_ACCOUNT_ELSEWHERE');
    const admin = await enrolled([DirectoryRole.GlobalAdministrator]);
    const userAdmin = await createPrincipal(t, home.tenant.id, [DirectoryRole.UserAdministrator], 'http');
    expect(await userAdmin.client.errorCode(ResetUserMfaDocument, { userId: admin.member.id })).toBe('FORBIDDEN');
    expect(await userAdmin.client.data(ResetUserMfaDocument, { userId: member.id })).toEqual({ resetUserMfa: true });
    expect(await methodIds(admin.member.id)).toHaveLength(1);
  });
});
