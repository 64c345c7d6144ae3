import { createHash } from 'node:crypto';

/**
 * The console's client_id in a tenant: derived from the tenant id (a UUID-shaped SHA-256 prefix), so
 * every process finds the same app without a lookup table and a second registration is impossible.
 */
export function consoleClientId(tenantId: string): string {
  const hex = createHash('sha256').update(`admin-console:${tenantId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
