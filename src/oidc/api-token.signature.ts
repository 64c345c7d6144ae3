import { createPublicKey, type KeyObject, verify as verifySignature } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, type JWK, type JWTPayload, UnsecuredJWT } from 'jose';
import { SIGNING_ALG } from './signing-key.service.js';

/**
 * Header parameters an access token of ours may carry (the provider writes these three). Any other is
 * refused, not ignored: `crit` and `b64` change what is signed, `jku`, `x5u`, `jwk` and `x5c` point at
 * keys the sender chose; none of them is ever needed to verify our own tokens.
 */
const HEADER_PARAMETERS = new Set(['alg', 'kid', 'typ']);
/** Base64url as RFC 7515 writes it (no padding); Buffer's decoder would skip any other character. */
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** jose's floor for RS256 keys (ours are 2048 bits). */
const MIN_RSA_BITS = 2048;
const KEY_CACHE_MAX = 1000;

export interface ExpectedClaims {
  issuer: string;
  audience: string;
  typ: string;
}

/**
 * Verifies a compact RS256 JWS with node:crypto, then has jose validate its header `typ` and claims
 * exactly as `jwtVerify` does (iss, aud, exp, nbf, iat types; the payload a JSON object). WebCrypto,
 * which jose verifies with, costs about three times as much CPU per token on Node, paid by every API
 * request. The algorithm is ours (RS256), never the header's: a header naming another is refused, and
 * only a published key of ours with that algorithm, found by kid, verifies.
 */
export class Rs256Verifier {
  /** Public keys by JWK text, imported once per key material (which keys count is the caller's list). */
  private readonly imported = new Map<string, KeyObject>();

  /** @throws a jose error: JWSInvalid or JWSSignatureVerificationFailed for the token, JWTExpired or JWTClaimValidationFailed for its claims */
  verify(token: string, published: JWK[], expected: ExpectedClaims): JWTPayload {
    const parts = token.split('.');
    if (parts.length !== 3 || !parts.every((part) => BASE64URL.test(part))) throw new joseErrors.JWSInvalid('Invalid Compact JWS');
    const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch (cause) {
      throw new joseErrors.JWSInvalid('JWS Protected Header is invalid', { cause });
    }
    for (const name of Object.keys(header)) {
      if (!HEADER_PARAMETERS.has(name)) throw new joseErrors.JWSInvalid(`JWS header parameter "${name}" is not accepted`);
    }
    if (header.alg !== SIGNING_ALG) throw new joseErrors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
    const { kid } = header;
    const jwk = typeof kid === 'string' ? published.find((k) => k.kid === kid && k.alg === SIGNING_ALG && k.kty === 'RSA') : undefined;
    if (!jwk) throw new joseErrors.JWKSNoMatchingKey();
    const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`, 'latin1');
    if (!verifySignature('sha256', signed, this.keyOf(jwk), Buffer.from(encodedSignature, 'base64url'))) {
      throw new joseErrors.JWSSignatureVerificationFailed();
    }
    // The signature holds: jose reads and checks the claims as jwtVerify would. UnsecuredJWT is its
    // entry point for claims alone; it is handed the signed payload and the signed typ, nothing else.
    const claimsOnly = `${Buffer.from(JSON.stringify({ alg: 'none', typ: header.typ })).toString('base64url')}.${encodedPayload}.`;
    return UnsecuredJWT.decode(claimsOnly, { issuer: expected.issuer, audience: expected.audience, typ: expected.typ }).payload;
  }

  private keyOf(jwk: JWK): KeyObject {
    const cacheKey = JSON.stringify(jwk);
    let key = this.imported.get(cacheKey);
    if (!key) {
      key = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e }, format: 'jwk' });
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      if (key.asymmetricKeyType !== 'rsa' || bits < MIN_RSA_BITS)
        throw new joseErrors.JWKInvalid('RS256 needs an RSA key of 2048 bits or more');
      if (this.imported.size >= KEY_CACHE_MAX) this.imported.clear();
      this.imported.set(cacheKey, key);
    }
    return key;
  }
}
