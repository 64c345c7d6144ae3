import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/directory/user.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, login, type PartnerApp, REPLY_URL } from '../helpers/partner-flow.js';
import { browser, latestSignIn, metricValue, scrapeMetrics, signIns, storedSignIns, USER_AGENT } from '../helpers/sign-in-log.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text } from '../helpers/web-client.js';
import { SignInsDocument } from '../graphql/generated.js';

const BOB_PASSWORD = 'Quartz-Meadow-Falcon-42';
const CAROL_PASSWORD = 'Copper-Harbor-Violet-17';
const DAY = 86_400_000;

/**
 * The sign-in log over HTTP: contoso invites bob (a member of northwind, with a password) to its app;
 * every sign-in decision about him lands in contoso's log, his own account page in northwind's.
 */
describe.each(testDatabases())('the sign-in log on %s', (kind) => {
  const clock = new TestClock();
  const suite = useGatewaySuite(kind, {
    smtp: true,
    clock,
    tenants: [{ domains: ['contoso.example'] }, { domains: ['northwind.example'] }],
    app: true,
  });
  let t: TestGateway;
  let contoso: TenantFixture;
  let northwind: TenantFixture;
  let app: PartnerApp;
  const bob = { mail: 'bob@northwind.example', id: '', guestId: '', web: browser(), refresh: '' };
  /** Every secret the flows handle: none may appear in the log. */
  const secrets: string[] = [BOB_PASSWORD, CAROL_PASSWORD];

  beforeAll(async () => {
    ({ t, app } = suite);
    [contoso, northwind] = suite.tenants as [TenantFixture, TenantFixture];
    secrets.push(app.clientSecret);
    const member = await t.gateway.services.users.createMember(northwind.tenant.id, { displayName: 'Bob', mail: bob.mail, roles: [] });
    await t.gateway.services.accounts.setPassword(member.id, BOB_PASSWORD);
    bob.id = member.id;
  });

  it('a redemption: the refused password, then the redemption, in the inviting tenant’s log', async () => {
    const invitation = await invite(contoso, bob.mail, app);
    bob.guestId = invitation.invitedUser!.id;
    secrets.push(new URL(invitation.inviteRedeemUrl!).searchParams.get('ticket')!);
    const signInPage = await bob.web.submit(await bob.web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
    const refused = await bob.web.submit(signInPage, '/redeem/signin', { password: 'Wrong-Guess-Password-1' });
    expect(refused.status, text(refused)).toBe(401);
    const redeemed = await bob.web.submit(refused, '/redeem/signin', { password: BOB_PASSWORD });
    expect(redeemed.location).toBe(REPLY_URL);

    const [success, failure] = await signIns(contoso, { kind: 'Redemption' });
    const who = { userId: bob.guestId, signInAddress: bob.mail, kind: 'Redemption', userAgent: USER_AGENT };
    expect(success).toMatchObject({
      ...who,
      result: 'Success',
      reasonCode: null,
      homeUserId: bob.id,
      homeIdp: `${t.baseUrl}/${northwind.tenant.id}/v2.0`,
      authMethods: ['pwd'],
    });
    expect(success!.ip).toMatch(/127\.0\.0\.1|::1/);
    expect(failure).toMatchObject({ ...who, result: 'Failure', reasonCode: 'INVALID_CREDENTIALS', authMethods: [] });
  });

  it('a silent sign-in to the app, then a refresh, name the guest, the app and how he signed in', async () => {
    const { tokens } = await login(bob.web, app, { prompt: null });
    expect(tokens).not.toBeNull();
    const silent = await latestSignIn(contoso);
    const named = { userId: bob.guestId, homeUserId: bob.id, applicationId: app.id, appDisplayName: 'Partner Expenses', result: 'Success' };
    expect(silent).toMatchObject({ ...named, kind: 'Silent', authMethods: ['pwd'], userAgent: USER_AGENT });
    const refreshed = await oidc.refreshTokenGrant(app.config, tokens!.refresh_token!);
    bob.refresh = refreshed.refresh_token!;
    secrets.push(tokens!.access_token, tokens!.refresh_token!, tokens!.id_token!, refreshed.access_token, bob.refresh);
    expect(await latestSignIn(contoso)).toMatchObject({ ...named, kind: 'Refresh', reasonCode: null, authMethods: ['pwd'] });
  });

  it('password sign-ins at the app: a success, and refusals with their reasons, counted in /metrics', async () => {
    const carol = await t.gateway.services.users.createMember(contoso.tenant.id, {
      displayName: 'Carol',
      mail: 'carol@contoso.example',
      roles: [],
    });
    await t.gateway.services.accounts.setPassword(carol.id, CAROL_PASSWORD);
    const before = await scrapeMetrics(t);
    const attempt = async (email: string, password: string) => {
      await login(browser(), app, { prompt: null, credentials: { email, password } });
      return latestSignIn(contoso);
    };
    const refused = { kind: 'Interactive', result: 'Failure', applicationId: app.id, authMethods: [] };
    const wrong = await attempt(bob.mail, 'Not-Bobs-Password-9');
    expect(wrong).toMatchObject({ ...refused, reasonCode: 'INVALID_CREDENTIALS', userId: bob.guestId, signInAddress: bob.mail });
    const stranger = await attempt('Nobody@Nowhere.example', 'Whatever-Password-3');
    expect(stranger).toMatchObject({
      ...refused,
      reasonCode: 'INVALID_CREDENTIALS',
      userId: null,
      signInAddress: 'nobody@nowhere.example',
    });
    // A password typed into the address field is not an address: it is not kept.
    const typo = await attempt(CAROL_PASSWORD, CAROL_PASSWORD);
    expect(typo).toMatchObject({ ...refused, reasonCode: 'INVALID_CREDENTIALS', userId: null, signInAddress: null });
    const unassigned = await attempt('carol@contoso.example', CAROL_PASSWORD);
    expect(unassigned).toMatchObject({
      kind: 'Interactive',
      result: 'Failure',
      reasonCode: 'ACCESS_DENIED',
      userId: carol.id,
      homeUserId: carol.id,
      homeIdp: `${t.baseUrl}/${contoso.tenant.id}/v2.0`,
      authMethods: ['pwd'],
    });
    const success = await attempt(bob.mail, BOB_PASSWORD);
    expect(success).toMatchObject({ kind: 'Interactive', result: 'Success', reasonCode: null, userId: bob.guestId, applicationId: app.id });

    const after = await scrapeMetrics(t);
    const delta = (labels: Record<string, string>) =>
      metricValue(after, 'gateway_sign_ins_total', labels) - metricValue(before, 'gateway_sign_ins_total', labels);
    expect(delta({ kind: 'interactive', result: 'failure', reason: 'INVALID_CREDENTIALS' })).toBe(3);
    expect(delta({ kind: 'interactive', result: 'failure', reason: 'ACCESS_DENIED' })).toBe(1);
    expect(delta({ kind: 'interactive', result: 'success', reason: '' })).toBe(1);
  });

  it('a refresh is refused once the guest is disabled, naming the guest and invalid_grant', async () => {
    // Written directly: disabling through the directory also deletes the guest's refresh tokens, and a
    // deleted token names nobody; here only the provider's account check refuses the stored token.
    await t.gateway.db.manager.update(User, { id: bob.guestId }, { accountEnabled: false });
    await expect(oidc.refreshTokenGrant(app.config, bob.refresh)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The provider's error event writes the entry as the answer leaves: wait for it rather than race it.
    await expect
      .poll(() => latestSignIn(contoso))
      .toMatchObject({
        kind: 'Refresh',
        result: 'Failure',
        reasonCode: 'invalid_grant',
        userId: bob.guestId,
        applicationId: app.id,
      });
    await t.gateway.db.manager.update(User, { id: bob.guestId }, { accountEnabled: true }); // as the test found it
  });

  it('filters by user, app, kind, result and time; pages newest first; a reversed range is INVALID_TIME_RANGE', async () => {
    const all = await signIns(contoso);
    expect(all.map((e) => e.createdAt)).toEqual([...all.map((e) => e.createdAt)].sort().reverse());
    const bobs = await signIns(contoso, { userId: bob.guestId });
    expect(bobs.length).toBeGreaterThanOrEqual(6);
    expect(bobs.every((e) => e.userId === bob.guestId)).toBe(true);
    const refusedAtApp = await signIns(contoso, { applicationId: app.id, result: 'Failure', kind: 'Interactive' });
    expect(refusedAtApp.map((e) => e.reasonCode).sort()).toEqual(['ACCESS_DENIED', ...Array(3).fill('INVALID_CREDENTIALS')]);
    expect(await signIns(contoso, { from: new Date(clock.now().getTime() + DAY).toISOString() })).toEqual([]);
    expect(await signIns(contoso, { to: all.at(-1)!.createdAt })).toEqual([all.at(-1)]);
    const code = await contoso.admin.client.errorCode(SignInsDocument, {
      filter: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' },
    });
    expect(code).toBe('INVALID_TIME_RANGE');
    expect(await contoso.admin.client.errorCode(SignInsDocument, { filter: { userId: '' } })).toBe('BAD_USER_INPUT');

    const first = (await contoso.admin.client.data(SignInsDocument, { first: 2 })).signIns;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (await contoso.admin.client.data(SignInsDocument, { first: 200, after: first.pageInfo.endCursor })).signIns;
    expect([...first.nodes, ...next.nodes].map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(first.totalCount).toBe(all.length);
  });

  it('the cross-tenant twin: northwind never sees contoso’s sign-ins, by listing or by filter', async () => {
    const web = browser();
    const signInPage = await web.get(`${t.baseUrl}/account`);
    expect((await web.submit(signInPage, '/account/signin', { email: bob.mail, password: BOB_PASSWORD })).status).toBe(303);
    const own = await signIns(northwind);
    expect(own).toEqual([expect.objectContaining({ kind: 'Interactive', result: 'Success', userId: bob.id, applicationId: null })]);
    const contosos = new Set((await signIns(contoso)).map((e) => e.id));
    expect(contosos.has(own[0]!.id)).toBe(false);
    expect(await signIns(northwind, { userId: bob.guestId })).toEqual([]);
    expect(await signIns(northwind, { applicationId: app.id })).toEqual([]);
    expect(await signIns(contoso, { userId: bob.id })).toEqual([]);
  });

  it('keeps no password, ticket, token, secret or cookie: in the table or over GraphQL', async () => {
    const listed = JSON.stringify(await signIns(contoso)) + JSON.stringify(await signIns(northwind));
    const stored = await storedSignIns(t);
    secrets.push(...Object.values(bob.web.cookies()).filter((v) => v.length >= 16));
    for (const secret of secrets) {
      expect(stored, 'stored').not.toContain(secret);
      expect(listed, 'listed').not.toContain(secret);
    }
  });

  it('a sweep deletes entries past SIGN_IN_LOG_RETENTION_DAYS (30) and keeps the rest', async () => {
    const before = (await signIns(contoso)).length;
    clock.advance(29 * DAY);
    expect(await t.gateway.services.signIns.sweep()).toBe(0);
    clock.advance(2 * DAY);
    const panel = browser();
    const page = await panel.get(`${t.baseUrl}/${contoso.tenant.id}/myapps`);
    expect((await panel.submit(page, `/${contoso.tenant.id}/myapps`, { email: bob.mail, password: BOB_PASSWORD })).status).toBe(303);
    expect(await t.gateway.services.signIns.sweep()).toBeGreaterThanOrEqual(before);
    expect(await signIns(contoso)).toEqual([
      expect.objectContaining({ kind: 'Interactive', result: 'Success', userId: bob.guestId, applicationId: null }),
    ]);
  });
});
