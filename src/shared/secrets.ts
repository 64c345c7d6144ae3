import { createCipheriv, createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import { pooledRandomBytes } from './random-pool.js';

/** 32 random bytes, base64url: redemption tickets, client secrets. */
export function randomToken(bytes = 32): string {
  return pooledRandomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
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
  private readonly key: Buffer;

  constructor(masterSecret: string) {
    this.key = deriveKey(masterSecret, 'secret-box');
  }

  seal(plain: string): string {
    const iv = pooledRandomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new TypeError('Unrecognised sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
