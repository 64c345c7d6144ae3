/**
 * Operators add verified domains to an existing tenant without a DNS check (they vouch for them):
 *   npx tsx src/cli/add-domain.ts --tenant <tenant id> --domain fabrikam.de [--domain …]
 * (after `npm run build`: node dist/src/cli/add-domain.js …). A domain another tenant holds is
 * refused; a self-service tenant's domain is taken over only by the tenant's admin (verifyDomain).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.js';
import { Database } from '../db/database.js';
import { openDatabase } from '../db/data-source.js';
import { createLogger } from '../logging/logger.js';
import { Metrics } from '../observability/metrics.js';
import { createServices } from '../services.js';
import { systemClock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { tenant: { type: 'string' }, domain: { type: 'string', multiple: true } } });
  if (!values.tenant || !values.domain?.length) {
    console.error('usage: add-domain --tenant <tenant id> --domain <domain> [--domain <domain> …]');
    process.exit(2);
  }
  const config = loadConfig();
  const db = new Database(await openDatabase(config.database));
  try {
    const services = await createServices(config, db, systemClock, createLogger('warn'), new Metrics());
    const added = await services.domains.addVerifiedAsOperator(values.tenant, values.domain);
    process.stdout.write(`${JSON.stringify({ tenantId: values.tenant, verified: added.map((d) => d.name) }, null, 2)}\n`);
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof DomainError ? error.message : error);
    process.exit(1);
  });
}
