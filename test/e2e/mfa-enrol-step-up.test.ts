import { beforeAll, describe, expect, it } from 'vitest';
import { hasMfa, parseAmr } from '../../src/shared/amr.js';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { accountSignIn, memberWithPassword, totpCode } from '../helpers/mfa.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';
import { TestClock } from '../helpers/test-clock.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import type { WebClient } from '../helpers/web-client.js';

/**
 * Confirming an authenticator app is managing methods: once the account holds a method, it needs a
 * second factor in this browser, like starting one does. Otherwise a browser signed in with only the
 * password (before the owner added a passkey elsewhere) finishes an enrolment it began back then and
 * gains both a factor of its own and `mfa` in its session.
 */
describe.each(testDatabases())('confirming an authenticator app needs a step-up (%s)', (kind) => {
  const clock = new TestClock();
  const suite = useGatewaySuite(kind, { clock, tenants: [{ domains: [`stepup-${kind}.example`] }] });
  let t: TestGateway;
  beforeAll(() => {
    t = suite.t;
  });

  async function addPasskey(web: WebClient) {
    const csrf = /name="csrf" value="([^"]+)"/.exec((await web.get(`${t.baseUrl}/account`)).body)![1]!;
    const call = (path: string, body: unknown = {}) => web.postJson(`${t.baseUrl}${path}`, body, { 'x-csrf-token': csrf });
    const options = JSON.parse((await call('/mfa/passkey/registration/options')).body) as never;
    const done = await call('/mfa/passkey/registration', { response: new SoftAuthenticator(t.baseUrl).register(options), label: 'Laptop' });
    expect(done.status, done.body).toBe(200);
  }

  it('refuses an enrolment begun before the account had a method, from a password-only browser', async () => {
    const email = `owner@stepup-${kind}.example`;
    const member = await memberWithPassword(t, suite.tenants[0]!, email);
    // The intruder knows the password while the account has no second factor, and starts an enrolment.
    const intruder = (await accountSignIn(t, email)).web;
    const stale = await intruder.get(`${t.baseUrl}/mfa/enrol?return=/account`);
    const secret = /id="totp-secret">([A-Z2-7]+)</.exec(stale.body)![1]!;
    // The owner then adds a passkey in their own browser: from now on, managing methods needs it.
    await addPasskey((await accountSignIn(t, email)).web);

    const confirmed = await intruder.submit(stale, '/mfa/enrol', { code: totpCode(secret, clock.now()), label: 'Mine' });
    // As when starting one: a second factor first (which the intruder has not got).
    expect([confirmed.status, confirmed.location]).toEqual([303, `/mfa?return=${encodeURIComponent('/mfa/enrol?return=%2Faccount')}`]);
    expect((await t.gateway.services.mfa.list(member.id)).map((m) => m.label)).toEqual(['Laptop']);
    const session = (await t.gateway.services.sessions.find(intruder.cookies().gw_session))!.session;
    expect(hasMfa(parseAmr(session.amr))).toBe(false);
  });
});
