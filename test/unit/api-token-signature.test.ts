import { createHmac, generateKeyPairSync, type KeyObject, sign as rsaSign } from 'node:crypto';
import { errors, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { Rs256Verifier } from '../../src/oidc/api-token.signature.js';

/** The RS256 check of API tokens (node:crypto) against forged tokens of every kind a JWT library has been fooled by. */
const ISSUER = 'https://gw.example/0190c0de-0000-7000-8000-000000000001/v2.0';
const AUDIENCE = 'https://gw.example/graphql';
const expected = { issuer: ISSUER, audience: AUDIENCE, typ: 'at+jwt' };

const pair = (bits = 2048) => generateKeyPairSync('rsa', { modulusLength: bits });
const ours = pair();
const attacker = pair();
const publicJwk = (key: KeyObject, kid: string, alg = 'RS256'): JWK => ({
  ...(key.export({ format: 'jwk' }) as JWK),
  kid,
  alg,
  use: 'sig',
});
const published = [publicJwk(ours.publicKey, 'k1')];

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: ISSUER,
  aud: AUDIENCE,
  sub: 'app',
  iat: now(),
  exp: now() + 600,
  ...extra,
});
/** A compact JWS over exactly this header and payload, RS256-signed with `key` (ours unless said). */
function token(header: Record<string, unknown>, payload: Record<string, unknown> = claims(), key: KeyObject = ours.privateKey): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${rsaSign('sha256', Buffer.from(input), key).toString('base64url')}`;
}
const header = (extra: Record<string, unknown> = {}) => ({ alg: 'RS256', typ: 'at+jwt', kid: 'k1', ...extra });

function refusal(jwt: string, keys: JWK[] = published): string {
  try {
    new Rs256Verifier().verify(jwt, keys, expected);
  } catch (error) {
    expect(error).toBeInstanceOf(errors.JOSEError);
    return (error as errors.JOSEError).code;
  }
  return 'accepted';
}

describe('RS256 API token signature', () => {
  it('accepts a token of ours and answers its claims', () => {
    const payload = claims({ client_id: 'app' });
    expect(new Rs256Verifier().verify(token(header(), payload), published, expected)).toEqual(payload);
  });

  it('refuses alg none, with or without a signature', () => {
    const unsigned = `${b64({ alg: 'none', typ: 'at+jwt', kid: 'k1' })}.${b64(claims())}`;
    expect(refusal(`${unsigned}.`)).toBe('ERR_JWS_INVALID');
    expect(refusal(token(header({ alg: 'none' })))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    expect(refusal(token(header({ alg: 'None' })))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    expect(refusal(token(header({ alg: undefined })))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
  });

  it('refuses HS256 signed with our public key as the secret (algorithm confusion)', () => {
    const input = `${b64(header({ alg: 'HS256' }))}.${b64(claims())}`;
    for (const secret of [JSON.stringify(published[0]), ours.publicKey.export({ format: 'pem', type: 'spki' })]) {
      expect(refusal(`${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`)).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    }
  });

  it('refuses other algorithms, even when our key could verify them', () => {
    expect(refusal(token(header({ alg: 'PS256' })))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    expect(refusal(token(header({ alg: 'RS512' })))).toBe('ERR_JOSE_ALG_NOT_ALLOWED');
    // The algorithm is pinned from our key: a published key of another algorithm verifies nothing.
    expect(refusal(token(header()), [publicJwk(ours.publicKey, 'k1', 'PS256')])).toBe('ERR_JWKS_NO_MATCHING_KEY');
  });

  it('refuses crit and b64: false, which change what is signed', () => {
    expect(refusal(token(header({ crit: ['b64'], b64: false })))).toBe('ERR_JWS_INVALID');
    expect(refusal(token(header({ crit: ['exp'] })))).toBe('ERR_JWS_INVALID');
    expect(refusal(token(header({ b64: false })))).toBe('ERR_JWS_INVALID');
    expect(refusal(token(header({ b64: true })))).toBe('ERR_JWS_INVALID');
  });

  it('refuses keys the token points at: jku, x5u, an embedded jwk, x5c', () => {
    const theirs = publicJwk(attacker.publicKey, 'k1');
    // Signed by the attacker with the key it names: never fetched, never used.
    expect(refusal(token(header({ jwk: theirs }), claims(), attacker.privateKey))).toBe('ERR_JWS_INVALID');
    expect(refusal(token(header({ jku: 'https://evil.example/jwks' }), claims(), attacker.privateKey))).toBe('ERR_JWS_INVALID');
    expect(refusal(token(header({ x5u: 'https://evil.example/cert.pem' }), claims(), attacker.privateKey))).toBe('ERR_JWS_INVALID');
    expect(refusal(token(header({ x5c: ['MIIB'] }), claims(), attacker.privateKey))).toBe('ERR_JWS_INVALID');
    // And refused even when signed by our own key: the parameters themselves are not accepted.
    expect(refusal(token(header({ jku: 'https://evil.example/jwks' })))).toBe('ERR_JWS_INVALID');
    expect(refusal(token(header({ jwk: published[0] })))).toBe('ERR_JWS_INVALID');
  });

  it('finds the key by kid among our published keys only', () => {
    expect(refusal(token(header(), claims(), attacker.privateKey))).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect(refusal(token(header({ kid: 'k2' })))).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(refusal(token(header({ kid: undefined })))).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(refusal(token(header({ kid: ['k1'] })))).toBe('ERR_JWKS_NO_MATCHING_KEY');
    expect(refusal(token(header()), [])).toBe('ERR_JWKS_NO_MATCHING_KEY');
    // A second published key of ours verifies what it signed.
    const next = pair();
    expect(refusal(token(header({ kid: 'k2' }), claims(), next.privateKey), [...published, publicJwk(next.publicKey, 'k2')])).toBe(
      'accepted',
    );
  });

  it('refuses a key under 2048 bits', () => {
    const small = pair(1024);
    expect(refusal(token(header(), claims(), small.privateKey), [publicJwk(small.publicKey, 'k1')])).toBe('ERR_JWK_INVALID');
  });

  it('refuses a payload or header changed after signing, and signatures not in base64url', () => {
    const [h, , s] = token(header()).split('.');
    expect(refusal(`${h}.${b64(claims({ sub: 'admin' }))}.${s}`)).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
    expect(refusal(`${b64(header({ typ: 'AT+JWT' }))}.${token(header()).split('.')[1]}.${s}`)).toBe(
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    );
    const good = token(header());
    expect(refusal(`${good}=`)).toBe('ERR_JWS_INVALID');
    expect(refusal(`${good.slice(0, -2)}+/`)).toBe('ERR_JWS_INVALID');
    expect(refusal(`${good}.`)).toBe('ERR_JWS_INVALID');
    expect(refusal(good.slice(0, good.lastIndexOf('.')))).toBe('ERR_JWS_INVALID');
    expect(refusal(`${b64('not json')}.${good.split('.')[1]}.${s}`)).toBe('ERR_JWS_INVALID');
  });

  it('checks exp, nbf, iat, iss, aud and typ as jose does', () => {
    expect(refusal(token(header(), claims({ exp: now() - 1 })))).toBe('ERR_JWT_EXPIRED');
    expect(refusal(token(header(), claims({ exp: String(now() + 600) })))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(refusal(token(header(), claims({ nbf: now() + 60 })))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(refusal(token(header(), claims({ nbf: now() - 60 })))).toBe('accepted');
    expect(refusal(token(header(), claims({ iat: 'yesterday' })))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(refusal(token(header(), claims({ iss: `${ISSUER}/x` })))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(refusal(token(header(), claims({ iss: undefined })))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(refusal(token(header(), claims({ aud: 'https://other.example' })))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(refusal(token(header(), claims({ aud: ['https://other.example', AUDIENCE] })))).toBe('accepted');
    expect(refusal(token(header({ typ: 'JWT' })))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(refusal(token(header({ typ: undefined })))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED');
    expect(refusal(token(header({ typ: 'application/at+jwt' })))).toBe('accepted');
  });

  it('refuses a payload that is not a JSON object', () => {
    const input = `${b64(header())}.${b64('[1]')}`;
    expect(refusal(`${input}.${rsaSign('sha256', Buffer.from(input), ours.privateKey).toString('base64url')}`)).toBe('ERR_JWT_INVALID');
  });
});
