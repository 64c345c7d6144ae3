import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { type Actor } from '../directory/actor.js';
import type { Database } from '../db/database.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { SecretBox } from '../shared/secrets.js';
import { SigningKey } from './signing-key.entity.js';
import { authorize, Permission } from '../directory/permissions.js';

export const SIGNING_ALG = 'RS256';

export type KeyStatus = 'active' | 'next' | 'retired';

/** What verifying with a key needs of it (no private half). */
export type VerificationKey = Pick<SigningKey, 'kid' | 'alg' | 'publicJwk' | 'activatesAt' | 'retiresAt' | 'createdAt'>;

/** A key as published: its status now, and when that changes. */
export interface PublishedKey {
  key: SigningKey;
  status: KeyStatus;
}

/**
 * Per-tenant token-signing keys, persisted (private halves sealed) so that every gateway process
 * signs and verifies with the same keys. A tenant's first key is generated on first use. Rotation
 * publishes the next key before it signs; the retired key stays published for `retentionSeconds`
 * (longer than any token it signed lives), then disappears.
 */
export class SigningKeyService {
  private readonly listeners: ((tenantId: string) => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly secretBox: SecretBox,
    private readonly retentionSeconds: number,
  ) {}

  /** Called after a rotation in this process (other processes notice within their recheck interval). */
  onRotate(listener: (tenantId: string) => void): void {
    this.listeners.push(listener);
  }

  /** The caller's tenant's published keys, for administrators. @throws FORBIDDEN */
  async list(actor: Actor): Promise<PublishedKey[]> {
    authorize(actor, Permission.ReadTenantConfiguration);
    return this.published(actor.tenantId);
  }

  /** Published keys, the signing one first (the provider signs with the first key of the algorithm). */
  async published(tenantId: string): Promise<PublishedKey[]> {
    return this.publish(await this.ensureKeys(tenantId));
  }

  /**
   * The public keys to verify a token with. Never creates keys: a token naming the issuer of a
   * tenant that does not exist (or has no keys) must simply not verify.
   */
  async verificationJwks(tenantId: string): Promise<JWK[]> {
    return this.verificationJwksOf(await this.load(tenantId));
  }

  /** The same, of a tenant's key rows read elsewhere (the API token lookup reads them with the app). */
  verificationJwksOf(keys: VerificationKey[]): JWK[] {
    return this.publish(keys).map(({ key }) => publicJwkOf(key));
  }

  private publish<K extends VerificationKey>(keys: K[]): { key: K; status: KeyStatus }[] {
    const now = this.clock.now().getTime();
    const order: Record<KeyStatus, number> = { active: 0, next: 1, retired: 2 };
    return keys
      .map((key) => ({ key, status: statusOf(key, now) }))
      .filter(({ key, status }) => status !== 'retired' || key.retiresAt!.getTime() + this.retentionSeconds * 1000 > now)
      .sort((a, b) => order[a.status] - order[b.status] || b.key.createdAt.getTime() - a.key.createdAt.getTime());
  }

  async privateJwks(tenantId: string): Promise<JWK[]> {
    return (await this.published(tenantId)).map(({ key }) => ({
      ...(JSON.parse(this.secretBox.open(key.privateJwkSealed)) as JWK),
      kid: key.kid,
      alg: key.alg,
      use: 'sig',
    }));
  }

  async publicJwks(tenantId: string): Promise<JWK[]> {
    return (await this.published(tenantId)).map(({ key }) => publicJwkOf(key));
  }

  /** When a published set next changes by itself (a key activates or drops out), for cache expiry. */
  nextChange(published: PublishedKey[]): Date | null {
    const now = this.clock.now().getTime();
    const moments = published.flatMap(({ key }) => [
      key.activatesAt?.getTime(),
      key.retiresAt ? key.retiresAt.getTime() + this.retentionSeconds * 1000 : undefined,
    ]);
    const future = moments.filter((m): m is number => m !== undefined && m > now);
    return future.length ? new Date(Math.min(...future)) : null;
  }

  /**
   * Publishes a new key now that starts signing after `activateInSeconds`; the current key retires
   * at that moment. GlobalAdministrators only.
   */
  async rotate(actor: Actor, activateInSeconds: number): Promise<PublishedKey[]> {
    authorize(actor, Permission.ManageTenant);
    await this.ensureKeys(actor.tenantId);
    const activatesAt = new Date(this.clock.now().getTime() + Math.max(0, activateInSeconds) * 1000);
    const fresh = await this.generate(actor.tenantId, activatesAt);
    await this.db.transaction(async (em) => {
      const current = await em.find(SigningKey, { where: { tenantId: actor.tenantId } });
      for (const key of current.filter((k) => !k.retiresAt)) await em.update(SigningKey, { kid: key.kid }, { retiresAt: activatesAt });
      await em.insert(SigningKey, fresh);
    });
    for (const listener of this.listeners) listener(actor.tenantId);
    return this.published(actor.tenantId);
  }

  private async ensureKeys(tenantId: string): Promise<SigningKey[]> {
    const existing = await this.load(tenantId);
    if (existing.length > 0) return existing;
    const key = await this.generate(tenantId, this.clock.now());
    // Another process may have raced us; whichever keys exist after this transaction are the tenant's keys.
    return this.db.transaction(async (em) => {
      const raced = await em.find(SigningKey, { where: { tenantId }, order: { createdAt: 'DESC' } });
      if (raced.length > 0) return raced;
      await em.insert(SigningKey, key);
      return [key];
    });
  }

  private async generate(tenantId: string, activatesAt: Date): Promise<SigningKey> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    return {
      kid: newId(),
      tenantId,
      alg: SIGNING_ALG,
      publicJwk: JSON.stringify(await exportJWK(publicKey)),
      privateJwkSealed: this.secretBox.seal(JSON.stringify(await exportJWK(privateKey))),
      activatesAt,
      retiresAt: null,
      createdAt: this.clock.now(),
    };
  }

  private load(tenantId: string): Promise<SigningKey[]> {
    return this.db.manager.find(SigningKey, { where: { tenantId }, order: { createdAt: 'DESC' } });
  }
}

function publicJwkOf(key: VerificationKey): JWK {
  return { ...(JSON.parse(key.publicJwk) as JWK), kid: key.kid, alg: key.alg, use: 'sig' };
}

function statusOf(key: VerificationKey, now: number): KeyStatus {
  if (key.retiresAt && key.retiresAt.getTime() <= now) return 'retired';
  if (key.activatesAt && key.activatesAt.getTime() > now) return 'next';
  return 'active';
}
