import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { accountSignIn, memberWithPassword } from '../helpers/mfa.js';
import { SoftAuthenticator } from '../helpers/soft-authenticator.js';
import type { TestGateway } from '../helpers/test-gateway.js';

/** A WebAuthn signature counter is any 32-bit unsigned value: a high one is stored, never a 500. */
describe.each(testDatabases())('passkey counters up to 2^32 - 1 (%s)', (kind) => {
  const suite = useGatewaySuite(kind, { tenants: [{ domains: [`counter-${kind}.example`] }] });
  let t: TestGateway;
  beforeAll(() => {
    t = suite.t;
  });

  it('registers and signs in with a key whose counter is above 2^31', async () => {
    const email = `high@counter-${kind}.example`;
    await memberWithPassword(t, suite.tenants[0]!, email);
    const { web } = await accountSignIn(t, email);
    const csrf = /name="csrf" value="([^"]+)"/.exec((await web.get(`${t.baseUrl}/account`)).body)![1]!;
    const call = (path: string, body: unknown = {}) => web.postJson(`${t.baseUrl}${path}`, body, { 'x-csrf-token': csrf });
    const key = new SoftAuthenticator(t.baseUrl);
    key.counter = 3_000_000_000;
    const options = JSON.parse((await call('/mfa/passkey/registration/options')).body) as never;
    const done = await call('/mfa/passkey/registration', { response: key.register(options), label: 'Old key' });
    expect(done.status, done.body).toBe(200);

    // A later sign-in: the counter grew (accepted), then one that went back (refused as a copied key).
    const signInWith = async (counter: number) => {
      key.counter = counter;
      const { web: next, page } = await accountSignIn(t, email);
      const headers = { 'x-csrf-token': /data-csrf="([^"]+)"/.exec(page.body)![1]! };
      const asked = JSON.parse((await next.postJson(`${t.baseUrl}/mfa/passkey/authentication/options`, {}, headers)).body) as never;
      return next.postJson(`${t.baseUrl}/mfa/passkey/authentication`, { response: key.authenticate(asked) }, headers);
    };
    expect((await signInWith(4_000_000_000)).status).toBe(200);
    expect(JSON.parse((await signInWith(3_500_000_000)).body)).toMatchObject({ error: 'PASSKEY_FAILED' });
  });
});
