import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type { TenantService } from '../directory/tenant.service.js';
import { isUuid } from '../shared/ids.js';
import { createTenantProvider, type ProviderDeps } from './provider.factory.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Entry {
  provider: Provider;
  callback: Handler;
}

/** One provider per tenant, created on first request and kept for the life of the gateway instance. */
export class ProviderRegistry {
  private readonly entries = new Map<string, Promise<Entry>>();

  constructor(
    private readonly deps: ProviderDeps,
    private readonly tenants: TenantService,
  ) {}

  /** The tenant's provider, or null when no such tenant exists. */
  async get(tenantId: string): Promise<Provider | null> {
    return (await this.entry(tenantId))?.provider ?? null;
  }

  /** The tenant's request handler (built once per provider), or null when no such tenant exists. */
  async callback(tenantId: string): Promise<Handler | null> {
    return (await this.entry(tenantId))?.callback ?? null;
  }

  private async entry(tenantId: string): Promise<Entry | null> {
    if (!isUuid(tenantId)) return null;
    const cached = this.entries.get(tenantId);
    if (cached) return cached;
    if (!(await this.tenants.find(tenantId))) return null;
    const raced = this.entries.get(tenantId);
    if (raced) return raced;
    const created = createTenantProvider(this.deps, tenantId).then((provider) => ({ provider, callback: provider.callback() }));
    this.entries.set(tenantId, created);
    created.catch(() => this.entries.delete(tenantId));
    return created;
  }
}
