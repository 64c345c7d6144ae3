/**
 * Every environment variable the gateway reads, with its default and meaning. `loadConfig`
 * (./config.ts) reads these and no others from `process.env`, and validates them once; the README's
 * configuration reference is checked against this table by a test.
 */
export const ENV_VARS = {
  PORT: { default: '4000', doc: 'HTTP port to listen on.' },
  HOST: { default: '127.0.0.1', doc: 'Interface to bind (use 0.0.0.0 in a container).' },
  PUBLIC_URL: {
    default: 'http://localhost:<PORT>',
    doc: 'External base URL of the gateway; issuers, redemption links and the API audience derive from it.',
  },
  NODE_ENV: {
    default: 'development',
    doc: '`production` hides Apollo Sandbox, introspection and field suggestions, requires GATEWAY_SECRET, and serves /metrics only with METRICS_TOKEN.',
  },
  DATABASE_URL: { default: '(unset)', doc: 'Unset: SQLite file at SQLITE_PATH. `postgres://…`: PostgreSQL.' },
  SQLITE_PATH: { default: './data/gateway.sqlite', doc: 'SQLite database file when DATABASE_URL is unset.' },
  GATEWAY_SECRET: {
    default: '(development value)',
    doc: 'Master secret (32+ chars; required in production, where the published development value is refused). Derives the cookie keys and the key that encrypts client secrets and signing keys at rest.',
  },
  INVITATION_TTL_DAYS: { default: '30', doc: 'Days until a redemption link expires; `0` means never. A tenant may override it.' },
  API_TOKEN_TTL_SECONDS: { default: '3600', doc: 'Lifetime of access tokens for the GraphQL API.' },
  CONSUMER_EMAIL_DOMAINS: {
    default: '(built-in list)',
    doc: 'Comma-separated consumer mail domains refused for invitations; replaces the built-in list.',
  },
  SMTP_URL: {
    default: '(unset)',
    doc: 'smtp:// or smtps:// URL with credentials (nodemailer options as query, e.g. `?requireTLS=true`). Unset: messages are written as .eml files to MAIL_OUTBOX_DIR.',
  },
  MAIL_FROM: {
    default: 'invitations@<PUBLIC_URL host>',
    doc: 'Sender address of invitation emails (the display name names the inviter and tenant).',
  },
  MAIL_OUTBOX_DIR: { default: './data/outbox', doc: 'Where .eml files go when SMTP_URL is unset.' },
  MAIL_MAX_ATTEMPTS: { default: '8', doc: 'Delivery attempts before a message is marked failed.' },
  MAIL_RETRY_BASE_SECONDS: { default: '30', doc: 'First retry delay; it doubles per attempt.' },
  MAIL_RETRY_MAX_SECONDS: { default: '3600', doc: 'Cap of the retry delay.' },
  OUTBOX_POLL_MS: { default: '1000', doc: 'How often the outbox worker looks for due messages.' },
  OUTBOX_WORKER: { default: 'true', doc: '`false` runs no outbox worker in this process (another process sends).' },
  SYSTEM_MAIL_RETENTION_DAYS: {
    default: '30',
    doc: 'Days a sent, failed or cancelled system email (sign-up codes, password resets, activation links) is kept; invitation mail is kept with its invitation.',
  },
  CSV_MAX_BYTES: { default: '5242880', doc: 'Largest invitation CSV accepted (bytes).' },
  INVITATION_MAIL_PER_HOUR: {
    default: '2000',
    doc: 'Invitation emails a tenant may queue per hour (inviteUser, resendInvitation, CSV rows), across all processes; more are refused with INVITATION_MAIL_LIMIT.',
  },
  FEDERATED_SESSION_HOURS: {
    default: '8',
    doc: "How long a sign-in at a partner's own identity provider counts; after it, that person's refresh tokens stop working until they sign in there again.",
  },
  SIGN_IN_LOG_RETENTION_DAYS: {
    default: '30',
    doc: 'Days a sign-in log entry is kept; older entries are deleted by the periodic sweep.',
  },
  AUDIT_LOG_RETENTION_DAYS: {
    default: '(unset)',
    doc: 'Days an audit event is kept (1–36500); older ones are deleted by the periodic sweep. Unset: kept forever.',
  },
  METRICS_TOKEN: {
    default: '(unset)',
    doc: 'When set, GET /metrics requires `Authorization: Bearer <token>`. Unset: /metrics is open in development and 404 in production.',
  },
  LOG_LEVEL: { default: 'info', doc: 'pino log level (`fatal` … `trace`, or `silent`).' },
  DNS_SERVERS: {
    default: '(system resolver)',
    doc: 'Comma-separated DNS servers (`ip`, `ip:port`, `[ipv6]:port`) that domain verification asks for TXT records.',
  },
  TRUST_PROXY: {
    default: 'false',
    doc: 'Proxies whose X-Forwarded-* headers are believed: a number of hops (`1`) or comma-separated proxy addresses, CIDR ranges, `loopback`, `linklocal`, `uniquelocal`. `true` is refused.',
  },
} as const;

export type EnvName = keyof typeof ENV_VARS;
export type Env = Partial<Record<EnvName, string | undefined>>;
