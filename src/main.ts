import 'reflect-metadata';
import express from 'express';
import { createGateway } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { SAMPLE_APP_PATH, sampleApp } from './demo/sample-app.js';
import { seedDemoTenant } from './demo/seed-demo.js';
import { printWelcome } from './demo/welcome.js';
import { createLogger } from './logging/logger.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, { pretty: !config.production && process.stdout.isTTY });
  if (config.usingDevelopmentSecret) logger.warn('GATEWAY_SECRET is not set: using the development secret (never in production)');
  const seedDemo = process.argv.includes('--seed-demo');
  // The demo's sample app (Contoso Expenses) under /demo/: only with --seed-demo, never in production.
  const demoRoutes = seedDemo && !config.production ? express.Router() : null;
  const gateway = await createGateway(config, logger, undefined, demoRoutes);
  const demo = seedDemo ? await seedDemoTenant(gateway.db, gateway.services, config.publicUrl) : null;
  if (demo && demoRoutes) {
    const { tenant, sampleApp: app, sampleClientSecret: clientSecret } = demo;
    const options = { publicUrl: config.publicUrl, tenantId: tenant.id, clientId: app.appId, clientSecret, displayName: app.displayName };
    demoRoutes.use(SAMPLE_APP_PATH, sampleApp(options));
  }
  const port = await gateway.listen();
  logger.info({ port, database: config.database.kind }, 'b2b-gateway listening');
  if (demo) printWelcome(config, demo);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await gateway.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
