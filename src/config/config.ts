import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_CONSUMER_DOMAINS } from './consumer-domains.js';
import { parseDnsServers } from './dns-servers.js';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';
import { ENV_VARS, type Env, type EnvName } from './env-vars.js';

export { ENV_VARS, type Env, type EnvName };

const DEV_SECRET = 'development-only-secret-do-not-use-in-production';

const boolString = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave unset for SQLite)')
    .optional(),
  SQLITE_PATH: z.string().min(1).default('./data/gateway.sqlite'),
  GATEWAY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  INVITATION_TTL_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  API_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  CONSUMER_EMAIL_DOMAINS: z.string().optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.email().optional(),
  MAIL_OUTBOX_DIR: z.string().min(1).default('./data/outbox'),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  MAIL_RETRY_BASE_SECONDS: z.coerce.number().min(0).max(86_400).default(30),
  MAIL_RETRY_MAX_SECONDS: z.coerce
    .number()
    .min(0)
    .max(7 * 86_400)
    .default(3600),
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  OUTBOX_WORKER: boolString.default(true),
  SYSTEM_MAIL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  FEDERATED_SESSION_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(8),
  CSV_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  INVITATION_MAIL_PER_HOUR: z.coerce.number().int().min(1).max(10_000_000).default(2000),
  SIGN_IN_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  AUDIT_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().optional(),
  DNS_SERVERS: z.string().optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly production: boolean;
  readonly database: { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };
  readonly gatewaySecret: string;
  readonly usingDevelopmentSecret: boolean;
  readonly invitationTtlDays: number;
  readonly apiTokenTtlSeconds: number;
  readonly consumerEmailDomains: ReadonlySet<string>;
  readonly mail: MailConfig;
  readonly csvMaxBytes: number;
  /** Invitation emails one tenant may queue per hour. */
  readonly invitationMailPerHour: number;
  readonly federatedSessionSeconds: number;
  /** Days a sign-in log entry is kept before the sweep deletes it. */
  readonly signInLogRetentionDays: number;
  /** Days an audit event is kept before the sweep deletes it; null: forever (src/audit/audit-retention.ts). */
  readonly auditLogRetentionDays: number | null;
  readonly metricsToken: string | null;
  readonly logLevel: string;
  readonly trustProxy: TrustProxy;
  /** DNS servers for domain verification (node:dns `setServers` format); null: the system's. */
  readonly dnsServers: readonly string[] | null;
  /** Audience of access tokens for the GraphQL API (the `resource` clients request). */
  readonly apiResource: string;
}

export interface MailConfig {
  readonly transport: { readonly kind: 'smtp'; readonly url: string } | { readonly kind: 'file'; readonly dir: string };
  readonly from: string;
  readonly maxAttempts: number;
  readonly retryBaseSeconds: number;
  readonly retryMaxSeconds: number;
  readonly pollMs: number;
  readonly workerEnabled: boolean;
  /** Days finished system mail is kept (src/mail/outbox-retention.ts). */
  readonly systemMailRetentionDays: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment once; fails listing every bad variable. */
export function loadConfig(env: Env = process.env as Env): Config {
  const picked = Object.fromEntries(Object.keys(ENV_VARS).map((name) => [name, emptyToUndefined(env[name as EnvName])]));
  const parsed = envSchema.safeParse(picked);
  const trustProxy = parseTrustProxy(picked.TRUST_PROXY);
  const dnsServers = parseDnsServers(picked.DNS_SERVERS);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if ('problem' in trustProxy) problems.push(`TRUST_PROXY: ${trustProxy.problem}`);
  if ('problem' in dnsServers) problems.push(`DNS_SERVERS: ${dnsServers.problem}`);
  if (parsed.success && parsed.data.NODE_ENV === 'production') problems.push(...productionProblems(parsed.data.GATEWAY_SECRET));
  if (!parsed.success || 'problem' in trustProxy || 'problem' in dnsServers || problems.length) throw new ConfigError(problems);
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    production,
    database: e.DATABASE_URL
      ? { kind: 'postgres' as const, url: e.DATABASE_URL }
      : { kind: 'sqlite' as const, path: path.resolve(e.SQLITE_PATH) },
    gatewaySecret: e.GATEWAY_SECRET ?? DEV_SECRET,
    usingDevelopmentSecret: !e.GATEWAY_SECRET,
    invitationTtlDays: e.INVITATION_TTL_DAYS,
    apiTokenTtlSeconds: e.API_TOKEN_TTL_SECONDS,
    consumerEmailDomains: new Set(
      e.CONSUMER_EMAIL_DOMAINS
        ? e.CONSUMER_EMAIL_DOMAINS.split(',')
            .map((d) => d.trim().toLowerCase())
            .filter(Boolean)
        : DEFAULT_CONSUMER_DOMAINS,
    ),
    mail: {
      transport: e.SMTP_URL ? { kind: 'smtp' as const, url: e.SMTP_URL } : { kind: 'file' as const, dir: path.resolve(e.MAIL_OUTBOX_DIR) },
      from: e.MAIL_FROM ?? `invitations@${new URL(publicUrl).hostname}`,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      retryBaseSeconds: e.MAIL_RETRY_BASE_SECONDS,
      retryMaxSeconds: e.MAIL_RETRY_MAX_SECONDS,
      pollMs: e.OUTBOX_POLL_MS,
      workerEnabled: e.OUTBOX_WORKER,
      systemMailRetentionDays: e.SYSTEM_MAIL_RETENTION_DAYS,
    },
    csvMaxBytes: e.CSV_MAX_BYTES,
    invitationMailPerHour: e.INVITATION_MAIL_PER_HOUR,
    federatedSessionSeconds: Math.round(e.FEDERATED_SESSION_HOURS * 3600),
    signInLogRetentionDays: e.SIGN_IN_LOG_RETENTION_DAYS,
    auditLogRetentionDays: e.AUDIT_LOG_RETENTION_DAYS ?? null,
    metricsToken: e.METRICS_TOKEN ?? null,
    logLevel: e.LOG_LEVEL,
    trustProxy: trustProxy.value,
    dnsServers: dnsServers.value,
    apiResource: `${publicUrl}/graphql`,
  });
}

/** The secret must be the deployment's own: the development value is published in this repository. */
function productionProblems(secret: string | undefined): string[] {
  if (!secret) return ['GATEWAY_SECRET: required when NODE_ENV=production'];
  if (secret === DEV_SECRET) return ['GATEWAY_SECRET: the published development value cannot be used when NODE_ENV=production'];
  return [];
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
