import { createCipheriv, createDecipheriv, createSecretKey, hash, hkdfSync, type KeyObject } from 'node:crypto';
import { pooledRandomBytes } from './random-pool.js';

/** 32 random bytes, base64url: redemption tickets, client secrets. */
export function randomToken(bytes = 32): string {
  return pooledRandomBytes(bytes).toString('base64url');
}

/** One-shot `crypto.hash`: about half the cost of a Hash object per call (a ticket hash per CSV row). */
export function sha256Hex(value: string): string {
  return hash('sha256', value, 'hex');
}

/** Derives a purpose-bound key from the gateway's master secret (HKDF-SHA256). */
export function deriveKey(masterSecret: string, purpose: string, length = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', masterSecret, 'b2b-gateway', purpose, length));
}

/**
 * Authenticated encryption (AES-256-GCM) of small secrets stored in the database:
 * client secrets (the OIDC provider must compare them in plain) and private signing keys.
 * Format: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export class SecretBox {
  // A KeyObject: a Buffer key is checked and copied again by every createCipheriv (2000 seals per upload).
  private readonly key: KeyObject;

  constructor(masterSecret: string) {
    this.key = createSecretKey(deriveKey(masterSecret, 'secret-box'));
  }

  seal(plain: string): string {
    const iv = pooledRandomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    // GCM is a stream mode: update returns every byte and final only completes the tag.
    const data = cipher.update(plain, 'utf8');
    const rest = cipher.final();
    const body = rest.length ? Buffer.concat([data, rest]) : data;
    return `v1.${iv.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}.${body.toString('base64url')}`;
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new TypeError('Unrecognised sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
