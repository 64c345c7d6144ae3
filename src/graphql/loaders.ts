import type { Application } from '../apps/application.entity.js';
import { PrincipalKind, type DirectoryRole } from '../directory/role-assignment.entity.js';
import type { User } from '../directory/user.entity.js';
import type { OutboxMessage } from '../mail/outbox-message.entity.js';
import type { Partner } from '../partners/partner.service.js';
import type { Services } from '../services.js';

const MAX_BATCH = 500;

/**
 * Collects the keys asked for while one tick of GraphQL execution runs (sibling rows of a list
 * resolve together) and fetches them in one call; each key is fetched at most once per request.
 */
export class BatchLoader<K, V> {
  private readonly cache = new Map<K, Promise<V>>();
  private queue: { key: K; resolve: (value: V) => void; reject: (error: unknown) => void }[] = [];

  constructor(
    private readonly fetch: (keys: K[]) => Promise<Map<K, V>>,
    private readonly missing: V,
  ) {}

  load(key: K): Promise<V> {
    const cached = this.cache.get(key);
    if (cached) return cached;
    const promise = new Promise<V>((resolve, reject) => {
      if (this.queue.length === 0) {
        // After the promise jobs already queued (the siblings' resolvers), like DataLoader does.
        void Promise.resolve().then(() => process.nextTick(() => void this.dispatch()));
      }
      this.queue.push({ key, resolve, reject });
    });
    this.cache.set(key, promise);
    return promise;
  }

  private async dispatch(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    for (let i = 0; i < queue.length; i += MAX_BATCH) {
      const chunk = queue.slice(i, i + MAX_BATCH);
      try {
        const values = await this.fetch(chunk.map((item) => item.key));
        for (const item of chunk) item.resolve(values.has(item.key) ? values.get(item.key)! : this.missing);
      } catch (error) {
        for (const item of chunk) item.reject(error);
      }
    }
  }
}

/** Per-request readers for fields resolved once per row, so a page of 200 rows costs a few queries. */
export interface Loaders {
  users: BatchLoader<string, User | null>;
  userRoles: BatchLoader<User, DirectoryRole[]>;
  appRoles: BatchLoader<Application, DirectoryRole[]>;
  latestDelivery: BatchLoader<string, OutboxMessage | null>;
  /** A page of guests' partner organizations (`User.homeOrganization`). */
  partnerHomes: BatchLoader<User, Partner | null>;
  /** A page of partners' pending invitation counts (`Partner.pendingInvitations`). */
  partnerPending: BatchLoader<Partner, number>;
}

export function createLoaders(services: Services): Loaders {
  const roles =
    <P extends User | Application>(kind: PrincipalKind) =>
    async (principals: P[]) => {
      const byId = await services.roles.rolesOfMany(kind, principals);
      return new Map(principals.map((p) => [p, byId.get(p.id) ?? []]));
    };
  return {
    users: new BatchLoader(async (ids) => new Map((await services.users.findByIds(ids)).map((u) => [u.id, u])), null),
    userRoles: new BatchLoader(roles<User>(PrincipalKind.User), []),
    appRoles: new BatchLoader(roles<Application>(PrincipalKind.Application), []),
    latestDelivery: new BatchLoader((ids) => services.outbox.latestForInvitations(ids), null),
    partnerHomes: new BatchLoader((guests) => services.partners.homesOf(guests), null),
    partnerPending: new BatchLoader(async (partners) => {
      const counts = await services.partners.pendingInvitations(partners);
      return new Map(partners.map((p) => [p, counts.get(p.id) ?? 0]));
    }, 0),
  };
}
