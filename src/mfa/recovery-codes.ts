import { createHmac, randomInt } from 'node:crypto';
import { type EntityManager, IsNull } from 'typeorm';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { deriveKey } from '../shared/secrets.js';
import { RecoveryCode } from './mfa-method.entity.js';

const COUNT = 10;
/** No 0/O, 1/l/i: codes are read off paper. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * The ten single-use recovery codes of a home account (`xxxx-xxxx`, ~40 bits each): only an HMAC
 * under a key derived from the gateway secret is stored, so a copy of the database gives none away.
 */
export class RecoveryCodes {
  private readonly key: Buffer;

  constructor(
    private readonly clock: Clock,
    gatewaySecret: string,
  ) {
    this.key = deriveKey(gatewaySecret, 'recovery-codes');
  }

  /** Replaces every code of the account with ten new ones, returned in plain this once. */
  async replace(em: EntityManager, userId: string): Promise<string[]> {
    await em.delete(RecoveryCode, { userId });
    const codes = Array.from({ length: COUNT }, () => `${randomChars(4)}-${randomChars(4)}`);
    const createdAt = this.clock.now();
    for (const code of codes) {
      await em.insert(RecoveryCode, { id: newId(), userId, codeHash: this.hash(code), usedAt: null, createdAt });
    }
    return codes;
  }

  /** Marks the code used if it is one of the account's unused codes: one conditional update, so it works once. */
  async use(em: EntityManager, userId: string, code: string): Promise<boolean> {
    const normalised = code.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (normalised.length !== 8) return false;
    const result = await em.update(
      RecoveryCode,
      { userId, codeHash: this.hash(`${normalised.slice(0, 4)}-${normalised.slice(4)}`), usedAt: IsNull() },
      { usedAt: this.clock.now() },
    );
    return (result.affected ?? 0) > 0;
  }

  async remaining(em: EntityManager, userId: string): Promise<number> {
    return em.countBy(RecoveryCode, { userId, usedAt: IsNull() });
  }

  async deleteAll(em: EntityManager, userId: string): Promise<void> {
    await em.delete(RecoveryCode, { userId });
  }

  private hash(code: string): string {
    return createHmac('sha256', this.key).update(code).digest('hex');
  }
}

function randomChars(n: number): string {
  return Array.from({ length: n }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
