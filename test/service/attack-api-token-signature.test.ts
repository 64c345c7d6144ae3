import { createHmac, createPrivateKey, sign as rsaSign, verify as rsaVerify } from 'node:crypto';
import type { JWK } from 'jose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Application } from '../../src/apps/application.entity.js';
import type { Services } from '../../src/services.js';
import { testDatabases } from '../helpers/databases.js';
import { RESOURCE, useApiTokenHarness } from '../helpers/api-token-harness.js';
import { StatementCounter } from '../helpers/statement-counter.js';

// The RSA verifications the verifier runs (src/oidc/api-token.signature.ts), counted to bound a token's work.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, verify: vi.fn(actual.verify) };
});

/**
 * Attacks on the node:crypto RS256 check of API tokens (src/oidc/api-token.signature.ts) through the
 * whole verifier: raw header bytes, signature lengths, base64url forms, sizes, typ and times, other
 * token kinds, and keys after rotation. Complements test/unit/api-token-signature.test.ts.
 */
describe.each(testDatabases())('API token signature under attack on %s', (kind) => {
  const h = useApiTokenHarness(kind);
  const { issuer, reason } = h;
  let s: Services;
  let tenantId: string;
  let app: Application;
  let jwk: JWK;
  let statements: StatementCounter;
  beforeAll(async () => {
    ({ s, tenantId, app } = h);
    [jwk] = (await s.signingKeys.privateJwks(tenantId)) as [JWK];
    statements = new StatementCounter(h.db);
  });

  const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  const now = () => Math.floor(Date.now() / 1000);
  const claims = (extra: Record<string, unknown> = {}) => ({
    iss: issuer(),
    aud: RESOURCE,
    sub: app.appId,
    client_id: app.appId,
    iat: now(),
    exp: now() + 600,
    ...extra,
  });
  const rs256 = (input: string, key: JWK = jwk) =>
    rsaSign('sha256', Buffer.from(input), createPrivateKey({ key: key as never, format: 'jwk' }));
  /** A token over exactly these header and payload texts (raw JSON, so duplicates and odd keys survive), signed with the tenant's key. */
  const raw = (headerJson: string, payloadJson = JSON.stringify(claims()), key: JWK = jwk) => {
    const input = `${b64(headerJson)}.${b64(payloadJson)}`;
    return `${input}.${rs256(input, key).toString('base64url')}`;
  };
  const header = (extra = '') => `{"alg":"RS256","typ":"at+jwt","kid":"${jwk.kid}"${extra}}`;

  it('accepts a well-formed token (baseline)', async () => {
    expect(await reason(raw(header()))).toBe('accepted');
  });

  it('refuses duplicate header keys whose last value is another algorithm or an unsigned form', async () => {
    const input = `${b64(`{"alg":"RS256","typ":"at+jwt","kid":"${jwk.kid}","alg":"HS256"}`)}.${b64(claims())}`;
    const secret = JSON.stringify((await s.signingKeys.verificationJwks(tenantId))[0]);
    expect(await reason(`${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`)).toBe('invalid signature or token');
    const none = `${b64(`{"alg":"RS256","kid":"${jwk.kid}","typ":"at+jwt","alg":"none"}`)}.${b64(claims())}`;
    expect(await reason(`${none}.`)).toBe('invalid signature or token');
    // A duplicate kid naming no key of ours last: no key, even though the first one was ours.
    expect(await reason(raw(header(',"kid":"another"')))).toBe('invalid signature or token');
  });

  it('refuses header parameters in odd casing, even signed with the tenant’s key', async () => {
    for (const extra of [
      ',"ALG":"none"',
      ',"Kid":"x"',
      ',"TYP":"JWT"',
      ',"Jku":"https://evil.example/jwks"',
      ',"CRIT":["exp"]',
      ',"__proto__":{"alg":"none"}',
    ]) {
      expect(await reason(raw(header(extra))), extra).toBe('invalid signature or token');
    }
    // The header's own names in another casing, with the real ones missing.
    expect(await reason(raw(`{"ALG":"RS256","TYP":"at+jwt","KID":"${jwk.kid}"}`))).toBe('invalid signature or token');
  });

  it('refuses kids of odd types', async () => {
    for (const kid of ['null', '1', 'true', '{}', `["${jwk.kid}"]`, `{"toString":"${jwk.kid}"}`, '""']) {
      expect(await reason(raw(`{"alg":"RS256","typ":"at+jwt","kid":${kid}}`)), kid).toBe('invalid signature or token');
    }
  });

  it('refuses signatures of the wrong length: a leading zero byte, one byte short, trailing data', async () => {
    const good = raw(header());
    const [h64, p64, s64] = good.split('.') as [string, string, string];
    const signature = Buffer.from(s64, 'base64url');
    expect(signature.length).toBe(256);
    for (const forged of [
      Buffer.concat([Buffer.alloc(1), signature]),
      signature.subarray(1),
      signature.subarray(0, 255),
      Buffer.concat([signature, Buffer.from([0])]),
      Buffer.concat([signature, signature]),
      Buffer.alloc(256),
      Buffer.alloc(1),
    ]) {
      expect(await reason(`${h64}.${p64}.${forged.toString('base64url')}`)).toBe('invalid signature or token');
    }
  });

  it('refuses non-canonical base64url in every part: padding, + and /, whitespace, percent-encoding', async () => {
    const good = raw(header());
    const [h64, p64, s64] = good.split('.') as [string, string, string];
    const std = (part: string) => Buffer.from(part, 'base64url').toString('base64');
    for (const forged of [
      `${std(h64)}.${p64}.${s64}`,
      `${h64}.${std(p64)}.${s64}`,
      `${h64}.${p64}.${std(s64)}`,
      `${h64}=.${p64}.${s64}`,
      `${h64}.${p64}==.${s64}`,
      `${h64}.${p64}.${s64}==`,
      `${h64} .${p64}.${s64}`,
      `${h64}.${p64}.${s64.slice(0, 100)}\n${s64.slice(100)}`,
      `${h64}.${p64}.${s64.slice(0, 100)}%2D${s64.slice(101)}`,
      `${h64}.${p64}.${s64}.`,
      `.${h64}.${p64}.${s64}`,
    ].filter((forged) => forged !== good)) {
      expect(await reason(forged), forged.slice(0, 40)).not.toBe('accepted');
    }
  });

  it('refuses huge tokens without an internal error, their work bounded as a small one’s', async () => {
    // Not timed (a loaded host is slow at anything): what makes a token cheap to refuse is that none of
    // its bytes reach the database, and that it costs at most one RSA verification, none when no key of
    // ours is named.
    const big = 'A'.repeat(4_000_000);
    const verifications = vi.mocked(rsaVerify);
    const work = async (token: string) => {
      verifications.mockClear();
      let answer = '';
      const sent = await statements.recordWithParameters(async () => {
        answer = await reason(token);
      });
      const longest = Math.max(0, ...sent.flatMap((st) => st.parameters.map((p) => String(p).length)));
      return { answer, rsa: verifications.mock.calls.length, statements: sent.length, longest };
    };
    const refused = async (token: string, expected: { reason: string; rsa: number }) => {
      const { answer, rsa, longest } = await work(token);
      expect({ reason: answer, rsa }, token.slice(0, 60)).toEqual(expected);
      expect(longest, `a statement carried the token's bytes: ${token.slice(0, 60)}`).toBeLessThan(100);
    };
    const invalid = { reason: 'invalid signature or token', rsa: 1 };
    await refused(`${b64(header())}.${b64(claims({ pad: big }))}.${'A'.repeat(342)}`, invalid);
    await refused(`${b64(header())}.${b64(claims())}.${big}`, invalid);
    // An application's token (sub = client_id) whose client id no application can have: never bound unverified.
    await refused(`${b64(header())}.${b64(claims({ sub: big, client_id: big }))}.${'A'.repeat(342)}`, invalid);
    await refused(`${b64(`{"alg":"RS256","typ":"at+jwt","kid":"${big}"}`)}.${b64(claims())}.${'A'.repeat(342)}`, { ...invalid, rsa: 0 });
    await refused('.'.repeat(1_000_000), { reason: 'malformed token', rsa: 0 });
    // What is counted is seen: a well-formed token of ours is one RSA verification and reads the database.
    const baseline = await work(raw(header()));
    expect(baseline).toMatchObject({ answer: 'accepted', rsa: 1 });
    expect(baseline.statements).toBeGreaterThan(0);
  });

  it('refuses a signed payload that is not an object', async () => {
    for (const payload of ['null', '"x"', '42', '[]', `[${JSON.stringify(claims())}]`]) {
      expect(await reason(raw(header(), payload)), payload).toBe('malformed token');
    }
  });

  it('takes typ only as at+jwt, in the spellings jose normalizes', async () => {
    for (const typ of ['"AT+JWT"', '"application/at+jwt"', '"Application/AT+JWT"']) {
      expect(await reason(raw(`{"alg":"RS256","typ":${typ},"kid":"${jwk.kid}"}`)), typ).toBe('accepted');
    }
    for (const typ of [
      '"JWT"',
      '"at+jwt "',
      '" at+jwt"',
      '"at+JWT\\u0000"',
      '["at+jwt"]',
      '{"0":"at+jwt"}',
      'null',
      '"x/at+jwt"',
      '"application/application/at+jwt"',
    ]) {
      expect(await reason(raw(`{"alg":"RS256","typ":${typ},"kid":"${jwk.kid}"}`)), typ).toBe('invalid typ claim');
    }
  });

  it('checks exp and nbf at their edges', async () => {
    expect(await reason(raw(header(), JSON.stringify(claims({ exp: now() }))))).toBe('token expired');
    expect(await reason(raw(header(), JSON.stringify(claims({ exp: now() + 5 }))))).toBe('accepted');
    expect(await reason(raw(header(), JSON.stringify(claims({ exp: -1 }))))).toBe('token expired');
    expect(await reason(raw(header(), JSON.stringify(claims({ exp: null }))))).toBe('invalid exp claim');
    expect(await reason(raw(header(), JSON.stringify(claims({ exp: [now() + 600] }))))).toBe('invalid exp claim');
    expect(await reason(raw(header(), JSON.stringify(claims({ nbf: now() }))))).toBe('accepted');
    expect(await reason(raw(header(), JSON.stringify(claims({ nbf: now() + 5 }))))).toBe('invalid nbf claim');
    expect(await reason(raw(header(), JSON.stringify(claims({ nbf: '0' }))))).toBe('invalid nbf claim');
  });

  it('refuses an ID token and a refresh token presented as access tokens', async () => {
    // An ID token as the provider signs it: the same key, typ JWT, audience the client.
    const idToken = { iss: issuer(), sub: app.appId, aud: app.appId, client_id: app.appId, iat: now(), exp: now() + 600, nonce: 'n' };
    expect(await reason(raw(`{"alg":"RS256","typ":"JWT","kid":"${jwk.kid}"}`, JSON.stringify(idToken)))).toBe('invalid typ claim');
    expect(await reason(raw(`{"alg":"RS256","kid":"${jwk.kid}"}`, JSON.stringify(idToken)))).toBe('invalid typ claim');
    // Even retyped, its audience is not the API.
    expect(await reason(raw(header(), JSON.stringify(idToken)))).toBe('invalid aud claim');
    // Refresh tokens are opaque handles.
    expect(await reason('dGhpcyBpcyBub3QgYSBqd3Q_xQ3v9rM2kq8Yl0Zc1UuH5aW7oBbJ')).toBe('malformed token');
  });

  it('verifies with a retired key while it is published, never once it is removed', async () => {
    const retired = jwk;
    const token = raw(header(), JSON.stringify(claims({ exp: now() + 24 * 3600 })), retired);
    await s.signingKeys.rotate(h.admin, 0);
    expect((await s.signingKeys.privateJwks(tenantId))[0]!.kid).not.toBe(retired.kid);
    expect(await reason(token)).toBe('accepted');
    h.clock.offset = 3 * 3600 * 1000;
    try {
      expect((await s.signingKeys.verificationJwks(tenantId)).map((k) => k.kid)).not.toContain(retired.kid);
      expect(await reason(token)).toBe('invalid signature or token');
    } finally {
      h.clock.offset = 0;
    }
  });
});
