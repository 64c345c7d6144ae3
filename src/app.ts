import 'reflect-metadata';
import path from 'node:path';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { graphqlUploadExpress } from 'graphql-upload-minimal';
import { GraphQLError } from 'graphql';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config/config.js';
import { Database } from './db/database.js';
import { openDatabase } from './db/data-source.js';
import type { Actor } from './directory/actor.js';
import { createApolloServer } from './graphql/apollo.js';
import type { GraphQLContext } from './graphql/context.js';
import { createLoaders } from './graphql/loaders.js';
import { graphqlBodyErrors, MAX_JSON_BODY } from './graphql/body-errors.js';
import { buildGatewaySchema } from './graphql/schema.js';
import { oidcRoute } from './http/oidc.route.js';
import { FamiliarDevices } from './accounts/familiar-device.js';
import { BrowserContext } from './http/browser.js';
import { clientErrors, notFoundPage } from './pages/client-errors.js';
import { refuseNulInUrl } from './pages/nul-address.js';
import { csvUploadCutoff } from './invitations/batch/csv-size.js';
import { requestId } from './http/request-id.js';
import { securityHeaders, STATIC_DIR } from './http/security.js';
import { vendorScripts } from './http/vendor-scripts.js';
import { browserPages } from './browser-pages.js';
import { oidcPages } from './pages/oidc-pages.js';
import { deriveKey } from './shared/secrets.js';
import type { Logger } from './logging/logger.js';
import { OutboxWorker } from './mail/outbox.worker.js';
import { createMailTransport } from './mail/transport.js';
import { sweepExpiredPayloads } from './oidc/oidc-payload.rows.js';
import { healthRoutes } from './observability/health.routes.js';
import { httpMetrics } from './observability/http-metrics.js';
import { Metrics } from './observability/metrics.js';
import { requestLogger } from './logging/request-logger.js';
import type { ApiResource } from './oidc/first-party-grant.js';
import { ProviderRegistry } from './oidc/provider.registry.js';
import { createServices, type Services } from './services.js';
import { type Clock, systemClock } from './shared/clock.js';
import { DomainError } from './shared/errors.js';

export interface Gateway {
  config: Config;
  db: Database;
  services: Services;
  providers: ProviderRegistry;
  metrics: Metrics;
  apollo: ReturnType<typeof createApolloServer>;
  httpServer: http.Server;
  /** Sends queued email; started by listen() unless OUTBOX_WORKER=false. */
  outboxWorker: OutboxWorker;
  /** Starts listening; resolves with the bound port. */
  listen(): Promise<number>;
  /** Stops accepting, drains in-flight requests, closes the database. */
  close(): Promise<void>;
}

const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
const EXPIRY_INTERVAL_MS = 60 * 1000;

/** The composition root: database → services → GraphQL + OIDC on one Express app. No logic here. */
export async function createGateway(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
  /** Routes served before the 404 page: only the demo's sample app (src/main.ts with --seed-demo), never in production. */
  extraRoutes: Router | null = null,
): Promise<Gateway> {
  const db = new Database(await openDatabase(config.database));
  const metrics = new Metrics();
  const services = await createServices(config, db, clock, logger, metrics);
  const familiar = new FamiliarDevices(deriveKey(config.gatewaySecret, 'familiar-device'), clock);
  const browser = new BrowserContext(services.sessions, deriveKey(config.gatewaySecret, 'csrf'), config.publicUrl, clock, familiar);
  const api: ApiResource = services.resourceApis;
  const providers = new ProviderRegistry(
    {
      config,
      db,
      clock,
      apps: services.apps,
      appSecrets: services.appSecrets,
      users: services.users,
      access: services.access,
      policy: services.policyGate,
      signingKeys: services.signingKeys,
      api,
      logger,
      metrics,
      signIns: services.signIns,
      browser,
      pages: oidcPages,
    },
    services.tenants,
    clock,
  );

  const mailTransport = createMailTransport(config.mail, logger);
  const outboxWorker = new OutboxWorker(db, services.outbox, mailTransport, clock, logger, config.mail, metrics);

  const app = express();
  app.disable('x-powered-by');
  // A hop count or proxy addresses, never `true` (config refuses it): req.ip must not be client-written.
  app.set('trust proxy', typeof config.trustProxy === 'object' ? [...config.trustProxy] : config.trustProxy);
  const httpServer = http.createServer(app);
  const apollo = createApolloServer({ schema: await buildGatewaySchema(), httpServer, production: config.production, logger, metrics });
  await apollo.start();

  app.use(requestId);
  app.use(refuseNulInUrl());
  app.use(requestLogger(logger));
  app.use(httpMetrics(metrics));
  app.use(securityHeaders());
  // The API and the provider first: no page lives under /graphql or /<tenant>/v2.0, so their requests
  // skip the matching of every page router below (a listing's profile).
  app.use(
    '/graphql',
    // Multipart uploads (GraphQL multipart request spec); Apollo's CSRF prevention still requires a preflight header.
    graphqlUploadExpress({ maxFileSize: csvUploadCutoff(config.csvMaxBytes), maxFiles: 1 }),
    express.json({ limit: MAX_JSON_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphQLContext> => {
        const actor = await authenticate(services, req.headers.authorization);
        return {
          actor,
          services,
          requestId: String(res.locals.requestId),
          publicUrl: config.publicUrl,
          csvMaxBytes: config.csvMaxBytes,
          loaders: createLoaders(services, actor),
        };
      },
    }),
    graphqlBodyErrors,
  );
  app.use('/:tenantId/v2.0', oidcRoute(providers, config.publicUrl));
  app.use('/static', express.static(STATIC_DIR, { maxAge: '1h', index: false }));
  // Browsers ask for /favicon.ico on pages that name no icon (JSON, the provider's own pages): the same one.
  app.get('/favicon.ico', (_req, res) => res.type('image/svg+xml').sendFile(path.join(STATIC_DIR, 'favicon.svg'), { maxAge: '1h' }));
  app.use(vendorScripts());
  app.use(browserPages({ services, browser, providers, api, publicUrl: config.publicUrl, apiResource: config.apiResource }));
  app.use(
    healthRoutes({ config, db, metrics, outbox: { workerRunning: () => outboxWorker.isRunning, depth: () => services.outbox.depth() } }),
  );
  app.get('/', (_req, res) => {
    res.json({ name: 'b2b-gateway', graphql: `${config.publicUrl}/graphql` });
  });
  if (extraRoutes) app.use(extraRoutes);
  app.use(notFoundPage());
  app.use(clientErrors());
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    logger.error({ err: error, requestId: res.locals.requestId }, 'unhandled HTTP error');
    if (!res.headersSent) res.status(500).json({ error: 'internal_server_error', requestId: res.locals.requestId });
  });

  // Expired provider artefacts and browser sessions are deleted periodically (reads ignore them already),
  // and sign-in log entries, finished system mail and (when a retention is set) audit events past their retention.
  const sweeper = setInterval(() => {
    Promise.all([
      sweepExpiredPayloads(db, clock.now()),
      services.sessions.sweep(),
      services.consoleSessions.sweep(),
      services.signIns.sweep(),
      services.mfa.sweep(),
      services.saml.sweep(),
      services.sessionStarts.sweep(),
      services.outboxRetention.sweep(),
      services.auditRetention.sweep(),
    ]).catch((err: unknown) =>
      logger.warn({ err }, 'sweeping expired sessions, OIDC artefacts, old sign-ins, enrolments, mail and audit events failed'),
    );
  }, SWEEP_INTERVAL_MS);
  sweeper.unref();
  const expiry = setInterval(() => {
    services.users.disableExpiredGuests().catch((err: unknown) => logger.warn({ err }, 'disabling guests whose access expired failed'));
    // Partners' pending counts: the invitations that expired meanwhile (src/partners/partner-pending.ts).
    services.partners.sweepPending().catch((err: unknown) => logger.warn({ err }, 'sweeping partners’ expired invitations failed'));
  }, EXPIRY_INTERVAL_MS);
  expiry.unref();

  return {
    config,
    db,
    services,
    providers,
    apollo,
    httpServer,
    outboxWorker,
    metrics,
    listen: async () => {
      const port = await new Promise<number>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => resolve((httpServer.address() as AddressInfo).port));
      });
      if (config.mail.workerEnabled) outboxWorker.start();
      return port;
    },
    close: async () => {
      clearInterval(sweeper);
      clearInterval(expiry);
      await apollo.stop(); // drains the HTTP server too
      await outboxWorker.stop();
      mailTransport.close();
      if (httpServer.listening) await new Promise((resolve) => httpServer.close(resolve));
      await db.close();
    },
  };
}

/** Resolves the bearer token to an actor; a present but bad token is an HTTP 401, never anonymous access. */
async function authenticate(services: Services, header: string | undefined): Promise<Actor | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  try {
    if (!match) throw new DomainError('UNAUTHENTICATED', 'The Authorization header must be `Bearer <access token>`');
    return await services.apiTokens.verify(match[1]!);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new GraphQLError(error.message, {
      extensions: {
        code: 'UNAUTHENTICATED',
        http: { status: 401, headers: new Map([['www-authenticate', 'Bearer error="invalid_token"']]) },
      },
    });
  }
}
