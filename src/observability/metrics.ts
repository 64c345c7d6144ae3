import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The gateway's Prometheus metrics, on a registry of its own (no module-level state, so several
 * gateways can live in one process, as in the tests).
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'gateway_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'HTTP request latency by route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly graphqlOperations = new Counter({
    name: 'gateway_graphql_operations_total',
    help: 'GraphQL operations by name and outcome',
    labelNames: ['operation', 'outcome'],
    registers: [this.registry],
  });
  readonly oidcGrants = new Counter({
    name: 'gateway_oidc_grants_total',
    help: 'OIDC token grants issued and refused, by grant type and reason',
    labelNames: ['grant_type', 'outcome', 'reason'],
    registers: [this.registry],
  });
  /** Password and federated credential checks (whatever they were for); sign-in decisions are `signIns`. */
  readonly credentialChecks = new Counter({
    name: 'gateway_credential_checks_total',
    help: 'Password and federated credential checks by outcome',
    labelNames: ['method', 'outcome'],
    registers: [this.registry],
  });
  /** Every entry of the sign-in log, counted by the one place that records them (SignInLogService.record). */
  readonly signIns = new Counter({
    name: 'gateway_sign_ins_total',
    help: 'Sign-in decisions (interactive, silent, redemption, refresh) by result and reason code',
    labelNames: ['kind', 'result', 'reason'],
    registers: [this.registry],
  });
  readonly redemptions = new Counter({
    name: 'gateway_redemptions_total',
    help: 'Invitation redemptions by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly outboxSends = new Counter({
    name: 'gateway_outbox_sends_total',
    help: 'Email delivery attempts by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly outboxDepth = new Gauge({
    name: 'gateway_outbox_depth',
    help: 'Messages waiting to be sent (queued or sending)',
    registers: [this.registry],
  });
  readonly csvBatches = new Counter({
    name: 'gateway_csv_batches_total',
    help: 'CSV uploads by status',
    labelNames: ['status'],
    registers: [this.registry],
  });
  readonly csvRows = new Counter({
    name: 'gateway_csv_rows_total',
    help: 'CSV rows by outcome',
    labelNames: ['outcome'],
    registers: [this.registry],
  });
  readonly passwordHashes = new Counter({
    name: 'gateway_password_hashes_total',
    help: 'scrypt computations by purpose (sign_in, sign_up, reset, set)',
    labelNames: ['purpose'],
    registers: [this.registry],
  });
  readonly rateLimitRejections = new Counter({
    name: 'gateway_rate_limit_rejections_total',
    help: 'Requests refused by a rate limit',
    labelNames: ['limit'],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'gateway_' });
  }

  /** Refreshes gauges read from the database, then renders the text format. */
  async render(refresh: () => Promise<void>): Promise<string> {
    await refresh();
    return this.registry.metrics();
  }
}
