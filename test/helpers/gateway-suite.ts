import { afterAll, beforeAll } from 'vitest';
import type { Env } from '../../src/config/config.js';
import type { CreateTenantInput } from '../../src/directory/tenant.service.js';
import type { Logger } from '../../src/logging/logger.js';
import type { Clock } from '../../src/shared/clock.js';
import type { DatabaseKind } from './databases.js';
import { createTenant, type TenantFixture } from './fixtures.js';
import { type PartnerApp, registerApp } from './partner-flow.js';
import { startSmtpServer, type TestSmtpServer } from './smtp.js';
import { startTestGateway, type TestGateway, type Transport } from './test-gateway.js';

export interface GatewaySuiteOptions {
  /** A real SMTP server the gateway sends to (SMTP_URL); `refuse` as in startSmtpServer. */
  smtp?: boolean | { refuse?: Parameters<typeof startSmtpServer>[0]; delayMs?: number };
  /** Extra environment; a function is read in beforeAll, after the hooks registered before this call. */
  env?: Env | (() => Env);
  clock?: Clock;
  logger?: Logger;
  /** The public URL's host (`localhost` for WebAuthn in a browser). */
  publicHost?: string;
  /** Tenants created in this order; `tenants[0]` is the suite's main tenant. */
  tenants?: Partial<CreateTenantInput>[];
  /** How the tenants' admin clients call the API (default over HTTP). */
  transport?: Transport;
  /** An app registered in `tenants[0]` (assignment required unless said otherwise). */
  app?: boolean | Parameters<typeof registerApp>[2];
}

export interface GatewaySuite {
  t: TestGateway;
  /** Only with `smtp`. */
  smtp: TestSmtpServer;
  tenants: TenantFixture[];
  /** Only with `app`. */
  app: PartnerApp;
}

/**
 * The setup most end-to-end suites share: an SMTP server, a gateway over a fresh database of `kind`,
 * tenants and an app, started in beforeAll and stopped in afterAll. The returned object is filled
 * when beforeAll has run; suites bind its fields in their own beforeAll.
 */
export function useGatewaySuite(kind: DatabaseKind, options: GatewaySuiteOptions = {}): GatewaySuite {
  const suite = { tenants: [] as TenantFixture[] } as GatewaySuite;
  beforeAll(async () => {
    if (options.smtp) {
      const smtp = options.smtp === true ? {} : options.smtp;
      suite.smtp = await startSmtpServer(smtp.refuse, { delayMs: smtp.delayMs });
    }
    const env = typeof options.env === 'function' ? options.env() : options.env;
    suite.t = await startTestGateway(
      kind,
      { ...(suite.smtp ? { SMTP_URL: suite.smtp.url } : {}), ...env },
      { clock: options.clock, logger: options.logger, publicHost: options.publicHost },
    );
    for (const input of options.tenants ?? []) suite.tenants.push(await createTenant(suite.t, options.transport ?? 'http', input));
    if (options.app) {
      if (!suite.tenants[0]) throw new TypeError('useGatewaySuite: `app` needs a tenant');
      suite.app = await registerApp(suite.t, suite.tenants[0], options.app === true ? {} : options.app);
    }
  });
  afterAll(async () => {
    await suite.t?.stop();
    await suite.smtp?.close();
  });
  return suite;
}
