// Reading a tenant's sign-in log in end-to-end tests (test/e2e/sign-in-log*.test.ts).
import type { TenantFixture } from './fixtures.js';
import type { TestGateway } from './test-gateway.js';
import { WebClient } from './web-client.js';
import { SignInsDocument, type SignInFilterInput, type SignInsQuery } from '../graphql/generated.js';

export type SignInNode = SignInsQuery['signIns']['nodes'][number];

/** The browser the tests sign in with: its user agent shows up in the log. */
export const USER_AGENT = 'SignInLogTest/1.0 (X11; Linux x86_64)';
export const browser = () => new WebClient(undefined, { 'user-agent': USER_AGENT });

/** The tenant's sign-ins as its GlobalAdministrator reads them, newest first (one page of up to 200). */
export async function signIns(tenant: TenantFixture, filter: SignInFilterInput | null = null): Promise<SignInNode[]> {
  return (await tenant.admin.client.data(SignInsDocument, { filter, first: 200 })).signIns.nodes;
}

/** The newest entry of the tenant's log. */
export async function latestSignIn(tenant: TenantFixture): Promise<SignInNode> {
  const [latest] = await signIns(tenant);
  if (!latest) throw new Error('the sign-in log is empty');
  return latest;
}

/** `/metrics` as text, and the value of one series of it. */
export async function scrapeMetrics(t: TestGateway): Promise<string> {
  return (await fetch(`${t.baseUrl}/metrics`)).text();
}
export function metricValue(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.includes(w)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** The rows of sign_in_event as stored, as text: what a secret scan reads. */
export async function storedSignIns(t: TestGateway): Promise<string> {
  return JSON.stringify(await t.gateway.db.dataSource.query('SELECT * FROM "sign_in_event"'));
}
