import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { TenantService } from '../directory/tenant.service.js';
import type { Clock } from '../shared/clock.js';
import { isUuid } from '../shared/ids.js';
import { createTenantProvider, type ProviderDeps } from './provider.factory.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Entry {
  provider: Provider;
  callback: Handler;
  /** The published key ids in signing order: a provider is rebuilt when they change. */
  keys: string;
  recheckAt: number;
}

/** How often a cached provider checks for keys rotated by another process. */
const RECHECK_MS = 30_000;

/**
 * One provider per tenant, created on first request and cached. Since a provider's keys are fixed
 * when it is built, the cache entry expires when the tenant's published keys change (a rotation here
 * or in another process, a next key activating, a retired key dropping out); all provider state is in
 * the database, so a rebuilt provider carries on every session and login.
 */
export class ProviderRegistry {
  private readonly entries = new Map<string, Promise<Entry>>();

  constructor(
    private readonly deps: ProviderDeps,
    private readonly tenants: TenantService,
    private readonly clock: Clock,
  ) {
    deps.signingKeys.onRotate((tenantId) => this.invalidate(tenantId));
  }

  /** The tenant's provider, or null when no such tenant exists. */
  async get(tenantId: string): Promise<Provider | null> {
    return (await this.entry(tenantId))?.provider ?? null;
  }

  /** The tenant's request handler (built once per provider), or null when no such tenant exists. */
  async callback(tenantId: string): Promise<Handler | null> {
    return (await this.entry(tenantId))?.callback ?? null;
  }

  /** Drops the cached provider (after a key rotation in this process). */
  invalidate(tenantId: string): void {
    this.entries.delete(tenantId);
  }

  private async entry(tenantId: string): Promise<Entry | null> {
    if (!isUuid(tenantId)) return null;
    const cached = this.entries.get(tenantId);
    if (cached) {
      const entry = await cached;
      if (this.clock.now().getTime() < entry.recheckAt) return entry;
      const keys = await this.keyState(tenantId);
      if (keys.ids === entry.keys) {
        entry.recheckAt = keys.recheckAt;
        return entry;
      }
      if (this.entries.get(tenantId) === cached) this.entries.delete(tenantId);
    }
    if (!this.entries.has(tenantId) && !(await this.tenants.find(tenantId))) return null;
    const raced = this.entries.get(tenantId);
    if (raced) return raced;
    const created = this.build(tenantId);
    this.entries.set(tenantId, created);
    created.catch(() => this.entries.delete(tenantId));
    return created;
  }

  private async build(tenantId: string): Promise<Entry> {
    const provider = await createTenantProvider(this.deps, tenantId);
    const keys = await this.keyState(tenantId);
    return { provider, callback: provider.callback(), keys: keys.ids, recheckAt: keys.recheckAt };
  }

  /** The published keys in signing order, and when to look again (one read of the keys). */
  private async keyState(tenantId: string): Promise<{ ids: string; recheckAt: number }> {
    const published = await this.deps.signingKeys.published(tenantId);
    const next = this.deps.signingKeys.nextChange(published);
    const soon = this.clock.now().getTime() + RECHECK_MS;
    return {
      ids: published.map(({ key, status }) => `${key.kid}:${status}`).join(','),
      recheckAt: next ? Math.min(next.getTime(), soon) : soon,
    };
  }
}
