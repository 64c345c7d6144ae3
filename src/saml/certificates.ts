import 'reflect-metadata'; // @peculiar/x509 (its tsyringe container) needs the polyfill loaded first
import { createHash, createPrivateKey, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { JWK } from 'jose';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const VALIDITY_YEARS = 10;

/** A tenant signing key as SAML needs it: the private key (PEM) and its certificate (base64 DER). */
export interface SamlSigningKey {
  kid: string;
  privateKeyPem: string;
  certificate: string;
}

const cache = new Map<string, Promise<string>>();

/**
 * A self-signed X.509 certificate for a tenant's RSA signing key (src/oidc signing keys): SAML
 * metadata publishes keys as certificates. Derived from the key alone, so every process (and every
 * restart) publishes the same bytes: the serial number is a hash of the key id, the validity starts
 * at the key's creation (whole seconds) and lasts ten years, and RSA PKCS#1 v1.5 signatures are
 * deterministic. SPs trust the key, not a chain: the certificate is only its envelope.
 */
export function certificateFor(tenantId: string, kid: string, createdAt: Date, privateJwk: JWK): Promise<string> {
  let pending = cache.get(kid);
  if (!pending) {
    pending = selfSigned(tenantId, kid, createdAt, privateJwk);
    pending.catch(() => cache.delete(kid));
    cache.set(kid, pending);
  }
  return pending;
}

async function selfSigned(tenantId: string, kid: string, createdAt: Date, jwk: JWK): Promise<string> {
  const { kty, n, e, d, p, q, dp, dq, qi } = jwk;
  const privateKey = await webcrypto.subtle.importKey('jwk', { kty, n, e, d, p, q, dp, dq, qi }, RSA_SHA256, true, ['sign']);
  const publicKey = await webcrypto.subtle.importKey('jwk', { kty, n, e }, RSA_SHA256, true, ['verify']);
  const notBefore = new Date(Math.floor(createdAt.getTime() / 1000) * 1000);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALIDITY_YEARS);
  // A positive serial: 16 bytes of the key id's hash with the top bit cleared.
  const serial = createHash('sha256').update(kid).digest().subarray(0, 16);
  serial[0] = serial[0]! & 0x7f;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial.toString('hex'),
    name: `CN=SAML signing ${tenantId}`,
    notBefore,
    notAfter,
    signingAlgorithm: RSA_SHA256,
    keys: { privateKey, publicKey },
  });
  return cert.toString('base64');
}

/** The private key in PEM (PKCS#8), as the SAML library signs with. */
export function privateKeyPem(jwk: JWK): string {
  return createPrivateKey({ key: jwk as Record<string, string>, format: 'jwk' })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
}
