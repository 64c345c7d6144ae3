/**
 * Operators create managed tenants from the command line:
 *   npm run tenant:create -- --name "Fabrikam" --domain fabrikam.com [--domain fabrikam.de]
 * It prints the tenant id, its issuer, and an admin automation app (GlobalAdministrator) whose
 * client secret is shown once: the tenant's admins take it from there over GraphQL.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config/config.js';
import { Database } from '../db/database.js';
import { openDatabase } from '../db/data-source.js';
import { DirectoryRole } from '../directory/role-assignment.entity.js';
import { createLogger } from '../logging/logger.js';
import { issuerFor } from '../oidc/issuer.js';
import { Metrics } from '../observability/metrics.js';
import { createServices, type Services } from '../services.js';
import { systemClock } from '../shared/clock.js';
import { DomainError } from '../shared/errors.js';

export interface CreatedTenant {
  tenantId: string;
  issuer: string;
  adminClientId: string;
  adminClientSecret: string;
}

/** A managed tenant with its verified domains and an admin automation app. */
export async function createManagedTenant(services: Services, publicUrl: string, name: string, domains: string[]): Promise<CreatedTenant> {
  const tenant = await services.tenants.create({ name, domains });
  const { application, clientSecret } = await services.apps.createAsOperator(tenant.id, { displayName: `${name} admin automation` }, [DirectoryRole.GlobalAdministrator]);
  return { tenantId: tenant.id, issuer: issuerFor(publicUrl, tenant.id), adminClientId: application.appId, adminClientSecret: clientSecret };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' }, domain: { type: 'string', multiple: true } } });
  if (!values.name || !values.domain?.length) {
    console.error('usage: tenant:create --name <name> --domain <domain> [--domain <domain> …]');
    process.exit(2);
  }
  const config = loadConfig();
  const db = new Database(await openDatabase(config.database));
  try {
    const services = await createServices(config, db, systemClock, createLogger('warn'), new Metrics());
    const created = await createManagedTenant(services, config.publicUrl, values.name, values.domain);
    process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
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
