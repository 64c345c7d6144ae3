import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { SecretBox } from '../shared/secrets.js';
import { SigningKey } from './signing-key.entity.js';

export const SIGNING_ALG = 'RS256';

/**
 * Per-tenant token-signing keys, persisted (private halves sealed) so that every gateway process
 * signs and verifies with the same keys. A tenant's first key is generated on first use.
 */
export class SigningKeyService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly secretBox: SecretBox,
  ) {}

  async privateJwks(tenantId: string): Promise<JWK[]> {
    const keys = await this.ensureKeys(tenantId);
    return keys.map((k) => ({ ...(JSON.parse(this.secretBox.open(k.privateJwkSealed)) as JWK), kid: k.kid, alg: k.alg, use: 'sig' }));
  }

  async publicJwks(tenantId: string): Promise<JWK[]> {
    const keys = await this.ensureKeys(tenantId);
    return keys.map((k) => ({ ...(JSON.parse(k.publicJwk) as JWK), kid: k.kid, alg: k.alg, use: 'sig' }));
  }

  private async ensureKeys(tenantId: string): Promise<SigningKey[]> {
    const existing = await this.load(tenantId);
    if (existing.length > 0) return existing;
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const key: SigningKey = {
      kid: newId(),
      tenantId,
      alg: SIGNING_ALG,
      publicJwk: JSON.stringify(await exportJWK(publicKey)),
      privateJwkSealed: this.secretBox.seal(JSON.stringify(await exportJWK(privateKey))),
      createdAt: this.clock.now(),
    };
    // Another process may have raced us; whichever keys exist after this transaction are the tenant's keys.
    return this.db.transaction(async (em) => {
      const raced = await em.find(SigningKey, { where: { tenantId }, order: { createdAt: 'DESC' } });
      if (raced.length > 0) return raced;
      await em.insert(SigningKey, key);
      return [key];
    });
  }

  private load(tenantId: string): Promise<SigningKey[]> {
    return this.db.manager.find(SigningKey, { where: { tenantId }, order: { createdAt: 'DESC' } });
  }
}
