/**
 * The listings bench/growth.ts measures at each size: `invitations(first: 50)` with `invitedUser` and
 * `delivery` selected (bench/graphql.ts's nested case), on the first page and on a cursor 90% deep,
 * and `partners(first: 50)`; over loopback HTTP with keep-alive, CONCURRENCY requests at a time.
 */
import { performance } from 'node:perf_hooks';
import type { Gateway } from '../src/app.js';
import { Invitation } from '../src/invitations/invitation.entity.js';
import { encodeCursor } from '../src/shared/pagination.js';

const DURATION_MS = Number(process.env.GROWTH_SECONDS ?? 2) * 1000;
const CONCURRENCY = 4;

export const NESTED_QUERY = `query List($first: Int, $after: String) {
  invitations(first: $first, after: $after) {
    nodes {
      id email displayName status language createdAt expiresAt
      invitedUser { id displayName mail userPrincipalName externalUserState }
      delivery { outboxMessageId status attempts sentAt }
    }
    pageInfo { hasNextPage endCursor }
  }
}`;
export const PARTNERS_QUERY = `query Partners($first: Int) {
  partners(first: $first) {
    nodes { id name kind domains guestCount pendingInvitations lastSignInAt }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface Listing {
  name: string;
  query: string;
  variables: Record<string, unknown>;
}

export interface Latency {
  p50: number;
  p99: number;
  rps: number;
}

export interface Endpoint {
  url: string;
  headers: Record<string, string>;
}

/**
 * One request; throws unless it answered 50 nodes (each with its guest when selected). `delivery` is
 * null for seeded rows (seeding queues no mail), but its batched lookup runs all the same.
 */
export async function send(endpoint: Endpoint, listing: Listing): Promise<void> {
  const response = await fetch(endpoint.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...endpoint.headers },
    body: JSON.stringify({ query: listing.query, variables: listing.variables }),
  });
  const json = (await response.json()) as { data?: Record<string, { nodes: { invitedUser?: unknown }[] }> };
  const nodes = json.data ? Object.values(json.data)[0]!.nodes : [];
  const nested = listing.query === NESTED_QUERY;
  if (nodes.length !== 50 || (nested && nodes.some((n) => !n.invitedUser))) {
    throw new Error(`${listing.name}: unexpected response ${JSON.stringify(json).slice(0, 300)}`);
  }
}

/** Median, p99 and rate of `listing` after a warm-up, CONCURRENCY at a time for GROWTH_SECONDS. */
export async function measureListing(endpoint: Endpoint, listing: Listing): Promise<Latency> {
  for (let i = 0; i < 20; i++) await send(endpoint, listing);
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await send(endpoint, listing);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
  return { p50: pct(0.5), p99: pct(0.99), rps: latencies.length / seconds };
}

/** A cursor 90% of the way down the tenant's invitations (newest first, as the API lists them). */
export async function deepCursor(gateway: Gateway, tenantId: string, count: number): Promise<string> {
  const row = await gateway.db.manager
    .getRepository(Invitation)
    .createQueryBuilder('i')
    .select('i.id', 'id')
    .where('i.tenantId = :tenantId', { tenantId })
    .orderBy('i.id', 'DESC')
    .offset(Math.floor(count * 0.9))
    .limit(1)
    .getRawOne<{ id: string }>();
  return encodeCursor(row!.id);
}

/** The listings measured at a size of `count` invitations. */
export async function listings(gateway: Gateway, tenantId: string, count: number): Promise<Listing[]> {
  return [
    { name: 'invitations(first: 50) + invitedUser, delivery: first page', query: NESTED_QUERY, variables: { first: 50 } },
    {
      name: 'invitations(first: 50) + invitedUser, delivery: 90% deep cursor',
      query: NESTED_QUERY,
      variables: { first: 50, after: await deepCursor(gateway, tenantId, count) },
    },
    { name: 'partners(first: 50) with pendingInvitations', query: PARTNERS_QUERY, variables: { first: 50 } },
  ];
}
