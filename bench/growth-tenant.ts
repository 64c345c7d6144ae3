/** A tenant for bench/growth.ts: an admin app (token, inviter), an app and a group each CSV row is granted. */
import { performance } from 'node:perf_hooks';
import type { Gateway } from '../src/app.js';
import type { Config } from '../src/config/config.js';
import { Invitation } from '../src/invitations/invitation.entity.js';
import { clientCredentialsToken } from '../test/helpers/fixtures.js';
import { generatedCsv } from '../test/helpers/upload.js';
import type { Endpoint } from './growth-load.js';
import { seedInvitations } from './seed.js';
import { adminTenant } from './tenant.js';

export const CSV_ROWS = 2000;

export interface BenchTenant {
  tenantId: string;
  endpoint: Endpoint;
  /** One upload of `rows` new guests in process (a fresh `prefix` each time); its time in ms. */
  upload: (prefix: string, rows?: number) => Promise<number>;
  /** Seeds invitations (and guests) until the tenant holds `size` (uploads count); the seconds it took. */
  growTo: (size: number) => Promise<number>;
}

export async function benchTenant(gateway: Gateway, config: Config, name: string): Promise<BenchTenant> {
  const { services } = gateway;
  const { tenant, admin, clientSecret, actor } = await adminTenant(gateway, name, `${name.toLowerCase()}.example`);
  const { application: app } = await services.apps.createAsOperator(tenant.id, {
    displayName: 'Portal',
    replyUrls: [`https://portal.${name.toLowerCase()}.example/cb`],
  });
  const group = await services.groups.create(actor, { displayName: 'Partners' });
  const token = await onceMore(() => clientCredentialsToken({ baseUrl: config.publicUrl } as never, tenant.id, admin.appId, clientSecret));
  let seeded = 0;
  return {
    tenantId: tenant.id,
    endpoint: { url: `${config.publicUrl}/graphql`, headers: { authorization: `Bearer ${token}` } },
    upload: async (prefix, rows = CSV_ROWS) => {
      const content = Buffer.from(generatedCsv(rows, { prefix, appId: app.appId, groupId: group.id }));
      const t0 = performance.now();
      const result = await services.batches.upload(actor, { fileName: `${prefix}.csv`, content, dryRun: false });
      if (result.batch.createdCount !== rows) throw new Error(`expected ${rows} created, got ${JSON.stringify(result.batch)}`);
      return performance.now() - t0;
    },
    growTo: async (size) => {
      const missing = size - (await gateway.db.manager.countBy(Invitation, { tenantId: tenant.id }));
      const t0 = performance.now();
      await seedInvitations(gateway, tenant.id, admin.id, missing, seeded);
      seeded += missing;
      return (performance.now() - t0) / 1000;
    },
  };
}

/**
 * Seeding holds SQLite's event loop for seconds, long past the server's keep-alive timeout; fetch can
 * then reuse a pooled socket the server is closing and fail with ECONNRESET (seen in about half of the
 * growth runs). One retry on a fresh socket: a second failure is real.
 */
async function onceMore<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    if (!(error instanceof TypeError && /fetch failed/.test(error.message))) throw error;
    return request();
  }
}
