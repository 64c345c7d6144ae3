/**
 * Operators create managed tenants from the command line:
 *   npm run tenant:create -- --name "Fabrikam" --domain fabrikam.com [--domain fabrikam.de] \
 *     --admin-email alex@fabrikam.com [--admin-name "Alex Wilber"]
 * It prints the tenant id, its issuer, an admin automation app (GlobalAdministrator) whose client
 * secret is shown once, and the first human GlobalAdministrator with its activation link (also
 * queued as mail: the gateway's outbox delivers it when SMTP is configured).
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
import { DomainError, ErrorCode } from '../shared/errors.js';
import { normalizeDomain } from '../directory/domains.js';
import { emailDomain, normalizeEmail } from '../shared/email.js';

export interface CreatedTenant {
  tenantId: string;
  issuer: string;
  adminClientId: string;
  adminClientSecret: string;
  /** The first human GlobalAdministrator, waiting for activation. */
  admin: { userId: string; email: string; activationUrl: string } | null;
}

export interface FirstAdmin {
  email: string;
  displayName?: string | null;
}

/** A managed tenant with its verified domains, an admin automation app and (given its address) a human GlobalAdministrator. */
export async function createManagedTenant(
  services: Services,
  publicUrl: string,
  name: string,
  domains: string[],
  firstAdmin: FirstAdmin | null = null,
): Promise<CreatedTenant> {
  // Refuse a bad admin address before anything is created.
  if (firstAdmin && !domains.map((d) => normalizeDomain(d, 'domain')).includes(emailDomain(normalizeEmail(firstAdmin.email)))) {
    throw new DomainError(
      ErrorCode.EMAIL_DOMAIN_NOT_VERIFIED,
      `--admin-email must be an address on one of the tenant's domains (${domains.join(', ')})`,
    );
  }
  // All or nothing, in one transaction: a refused admin (say, a name too long) leaves no tenant, domain
  // or automation app behind (its client secret would never be printed, and a re-run would hit CONFLICT).
  return services.tenants.createWith({ name, domains }, async (em, tenant) => {
    const { application, clientSecret } = await services.apps.createAsOperator(
      tenant.id,
      { displayName: `${name} admin automation` },
      [DirectoryRole.GlobalAdministrator],
      em,
    );
    await services.consoleApps.register(em, tenant.id);
    const admin = firstAdmin
      ? await services.members.createAsOperator(
          tenant.id,
          { email: firstAdmin.email, displayName: firstAdmin.displayName ?? '', roles: [DirectoryRole.GlobalAdministrator] },
          em,
        )
      : null;
    return {
      tenantId: tenant.id,
      issuer: issuerFor(publicUrl, tenant.id),
      adminClientId: application.appId,
      adminClientSecret: clientSecret,
      admin: admin ? { userId: admin.user.id, email: admin.user.mail, activationUrl: admin.activationUrl } : null,
    };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      domain: { type: 'string', multiple: true },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
    },
  });
  if (!values.name || !values.domain?.length) {
    console.error(
      'usage: tenant:create --name <name> --domain <domain> [--domain <domain> …] [--admin-email <address> [--admin-name <name>]]',
    );
    process.exit(2);
  }
  const config = loadConfig();
  const db = new Database(await openDatabase(config.database));
  try {
    const services = await createServices(config, db, systemClock, createLogger('warn'), new Metrics());
    const email = values['admin-email'];
    const created = await createManagedTenant(
      services,
      config.publicUrl,
      values.name,
      values.domain,
      email ? { email, displayName: values['admin-name'] } : null,
    );
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
