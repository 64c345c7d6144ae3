/**
 * The listings bench/growth.ts measures at each size: `invitations(first: 50)` with `invitedUser` and
 * `delivery` selected (bench/graphql.ts's nested case), on the first page and on a cursor 90% deep,
 * and `partners(first: 50)` with and without `pendingInvitations`; over loopback HTTP with keep-alive.
 */
import { performance } from 'node:perf_hooks';
import type { Gateway } from '../src/app.js';
import { Invitation } from '../src/invitations/invitation.entity.js';
import { encodeCursor } from '../src/shared/pagination.js';
import { NESTED_QUERY, PARTNERS_QUERY } from './queries.js';

const DURATION_MS = Number(process.env.GROWTH_SECONDS ?? 3) * 1000;
const ROUNDS = 4;

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
  const request = () =>
    fetch(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...endpoint.headers },
      body: JSON.stringify({ query: listing.query, variables: listing.variables }),
    });
  // A keep-alive socket the server closed while idle (during seeding) fails once; a new one answers.
  const response = await request().catch(request);
  const json = (await response.json()) as { data?: Record<string, { nodes: { invitedUser?: unknown }[] }> };
  const nodes = json.data ? Object.values(json.data)[0]!.nodes : [];
  const nested = listing.query === NESTED_QUERY;
  if (nodes.length !== 50 || (nested && nodes.some((n) => !n.invitedUser))) {
    throw new Error(`${listing.name}: unexpected response ${JSON.stringify(json).slice(0, 300)}`);
  }
}

/**
 * Median, p99 and rate of each listing after a warm-up, one request at a time (a latency, not a queue)
 * for GROWTH_SECONDS each, in ROUNDS alternating slices so a noisy moment of the shared machine falls
 * on all of them rather than on one.
 */
export async function measureListings(all: { endpoint: Endpoint; listing: Listing }[]): Promise<Latency[]> {
  const sides = all.map(({ endpoint, listing }) => ({ endpoint, listing, latencies: [] as number[], seconds: 0 }));
  for (const side of sides) for (let i = 0; i < 10; i++) await send(side.endpoint, side.listing);
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of round % 2 ? [...sides].reverse() : sides) {
      const start = performance.now();
      const end = start + DURATION_MS / ROUNDS;
      while (performance.now() < end) {
        const t0 = performance.now();
        await send(side.endpoint, side.listing);
        side.latencies.push(performance.now() - t0);
      }
      side.seconds += (performance.now() - start) / 1000;
    }
  }
  return sides.map(({ latencies, seconds }) => {
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!;
    return { p50: pct(0.5), p99: pct(0.99), rps: latencies.length / seconds };
  });
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
    { name: 'partners(first: 50)', query: PARTNERS_QUERY(false), variables: { first: 50 } },
    { name: 'partners(first: 50) with pendingInvitations', query: PARTNERS_QUERY(true), variables: { first: 50 } },
  ];
}
