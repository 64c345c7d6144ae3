import { beforeAll, describe, expect, it } from 'vitest';
import { parseAmr } from '../../src/shared/amr.js';
import { ErrorCode } from '../../src/shared/errors.js';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { managedTenantWithMember } from '../helpers/partner-flow.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { WebClient, type WebResponse } from '../helpers/web-client.js';

const PASSWORD = 'Quartz-Lantern-2026!';
const REGISTER = '/mfa/passkey/registration';
const AUTHENTICATE = '/mfa/passkey/authentication';

const json = (r: WebResponse) => JSON.parse(r.body) as Record<string, unknown> & { challenge: string; rp: { id: string } };

/** The passkey routes over real HTTP: CSRF, JSON refusals (never a 500), the scripts, a step-up that records hwk. */
describe.each(testDatabases())('passkey routes (%s)', (kind) => {
  const suite = useGatewaySuite(kind);
  let t: TestGateway;
  let n = 0;
  beforeAll(() => {
    t = suite.t;
  });

  /** A member signed in on the account page, with the page's CSRF token. */
  async function signedIn() {
    const email = `member${++n}@contoso-passkeys${n}-${kind}.example`;
    await managedTenantWithMember(t, `contoso-passkeys${n}-${kind}.example`, email, PASSWORD);
    const web = new WebClient();
    await web.follow(await web.submit(await web.get(`${t.baseUrl}/account`), '/account/signin', { email, password: PASSWORD }));
    const csrf = /name="csrf" value="([^"]+)"/.exec((await web.get(`${t.baseUrl}/account`)).body)![1]!;
    const call = (path: string, body: unknown = {}, headers: Record<string, string> = { 'x-csrf-token': csrf }) =>
      web.postJson(`${t.baseUrl}${path}`, body, headers);
    const session = () => t.gateway.services.sessions.find(web.cookies().gw_session);
    return { web, email, csrf, call, session };
  }

  async function enrol(call: Awaited<ReturnType<typeof signedIn>>['call'], key = new SoftAuthenticator(t.baseUrl)) {
    const options = json(await call(`${REGISTER}/options`));
    const done = await call(REGISTER, { response: key.register(options), label: 'Laptop', return: '/account?done=passkey' });
    expect(done.status, done.body).toBe(200);
    return { key, done: json(done) };
  }

  it('serves the WebAuthn browser library and passkey.js from the gateway, under the CSP', async () => {
    const vendor = await fetch(`${t.baseUrl}/static/vendor/simplewebauthn-browser.umd.min.js`);
    expect(vendor.status).toBe(200);
    expect(vendor.headers.get('content-type')).toMatch(/javascript/);
    expect(await vendor.text()).toContain('SimpleWebAuthnBrowser');
    const ours = await fetch(`${t.baseUrl}/static/passkey.js`);
    expect(ours.status).toBe(200);
    expect(await ours.text()).toContain('data-passkey');
    const page = await fetch(`${t.baseUrl}/account`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // Nothing turns WebAuthn off for the page (a Permissions-Policy without publickey-credentials would).
    expect(page.headers.get('permissions-policy') ?? '').not.toMatch(/publickey-credentials-(create|get)=\(\)/);
  });

  it("refuses every POST without the session's CSRF token, in JSON", async () => {
    const { call, csrf } = await signedIn();
    for (const path of [`${REGISTER}/options`, REGISTER, `${AUTHENTICATE}/options`, AUTHENTICATE]) {
      for (const headers of [{}, { 'x-csrf-token': `${csrf}x` }] as Record<string, string>[]) {
        const refused = await call(path, {}, headers);
        expect(refused.status).toBe(403);
        expect(json(refused)).toMatchObject({ error: ErrorCode.CSRF_TOKEN_INVALID });
      }
    }
    // A stranger's request (no session at all) is refused the same way.
    const stranger = await new WebClient().postJson(`${t.baseUrl}${REGISTER}/options`, {}, { 'x-csrf-token': csrf });
    expect(stranger.status).toBe(403);
    // The token in the body works as in a form.
    expect((await call(`${REGISTER}/options`, { csrf }, {})).status).toBe(200);
  });

  it('answers malformed, oversized or wrong answers with a JSON refusal, never a 500', async () => {
    const { call, csrf } = await signedIn();
    const malformed = await call(`${REGISTER}/options`, '{"csrf": ');
    expect([malformed.status, json(malformed).error]).toEqual([400, ErrorCode.BAD_USER_INPUT]);
    const large = await call(REGISTER, { response: 'x'.repeat(70_000) });
    expect([large.status, json(large).error]).toEqual([413, ErrorCode.BAD_USER_INPUT]);
    await call(`${REGISTER}/options`);
    for (const response of [null, 'junk', { id: 'x', response: { clientDataJSON: '!!' } }]) {
      const refused = await call(REGISTER, { response });
      expect([refused.status, json(refused).error]).toEqual([400, ErrorCode.PASSKEY_FAILED]);
    }
    const german = await call(AUTHENTICATE, { response: {} }, { 'x-csrf-token': csrf, 'accept-language': 'de' });
    expect(json(german)).toEqual({
      error: ErrorCode.PASSKEY_FAILED,
      message: 'Der Passkey konnte nicht verwendet werden. Versuchen Sie es erneut.',
    });
  });

  it('enrols a first passkey (its recovery codes once), then a password sign-in is completed with it: hwk and mfa', async () => {
    const { call, session, email } = await signedIn();
    const { key, done } = await enrol(call);
    expect(done.redirect).toBe('/account?done=passkey');
    expect(done.recoveryCodes).toHaveLength(10);
    // Adding it proved the key: a second factor in this browser, under a new session id.
    expect(parseAmr((await session())!.session.amr)).toEqual(['pwd', 'hwk', 'mfa']);

    // Next sign-in: the password leaves the browser pending, the passkey signs it in.
    const next = new WebClient();
    const asked = await next.submit(await next.get(`${t.baseUrl}/account`), '/account/signin', { email, password: PASSWORD });
    const mfaPage = await next.follow(asked);
    expect(mfaPage.url).toContain('/mfa');
    const csrf = /data-csrf="([^"]+)"/.exec(mfaPage.body)![1]!;
    expect(mfaPage.body).toContain('data-passkey="authenticate"');
    const pending = (await t.gateway.services.sessions.find(next.cookies().gw_session))!.session;
    expect([pending.userId, pending.pendingUserId]).toEqual([null, expect.any(String)]);
    const options = json(await next.postJson(`${t.baseUrl}${AUTHENTICATE}/options`, {}, { 'x-csrf-token': csrf }));
    expect(options.rpId).toBe(new URL(t.baseUrl).hostname);
    const signed = await next.postJson(
      `${t.baseUrl}${AUTHENTICATE}`,
      { response: key.authenticate(options), return: '//evil.example/steal' },
      { 'x-csrf-token': csrf },
    );
    expect(signed.status, signed.body).toBe(200);
    // Only a path on the gateway: anything else goes to the account page.
    expect(json(signed)).toEqual({ redirect: '/account' });
    const row = (await t.gateway.services.sessions.find(next.cookies().gw_session))!.session;
    expect([row.userId, row.pendingUserId, parseAmr(row.amr)]).toEqual([pending.pendingUserId, null, ['pwd', 'hwk', 'mfa']]);
    expect(row.mfaAt).not.toBeNull();

    // The old CSRF token went with the old session id; with the new one, the answer is still not replayable.
    expect((await next.postJson(`${t.baseUrl}${AUTHENTICATE}/options`, {}, { 'x-csrf-token': csrf })).status).toBe(403);
    const fresh = /name="csrf" value="([^"]+)"/.exec((await next.get(`${t.baseUrl}/account`)).body)![1]!;
    const again = await next.postJson(`${t.baseUrl}${AUTHENTICATE}`, { response: key.authenticate(options) }, { 'x-csrf-token': fresh });
    expect([again.status, json(again).error]).toEqual([400, ErrorCode.PASSKEY_FAILED]);
  });
});
