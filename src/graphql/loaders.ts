import DataLoader from 'dataloader';
import type { ApiAccessGrant } from '../apps/api-access-grant.entity.js';
import type { AppAssignment } from '../apps/app-assignment.entity.js';
import type { Application } from '../apps/application.entity.js';
import type { ApplicationSecret } from '../apps/application-secret.entity.js';
import type { Actor } from '../directory/actor.js';
import type { Group } from '../directory/group.entity.js';
import { PrincipalKind, type DirectoryRole } from '../directory/role-assignment.entity.js';
import type { User } from '../directory/user.entity.js';
import type { ListedUser } from '../directory/user.reads.js';
import type { Delivery } from '../mail/delivery.reads.js';
import type { Partner } from '../partners/partner.service.js';
import type { Services } from '../services.js';
import { DomainError, ErrorCode } from '../shared/errors.js';

/**
 * Per-request readers for fields resolved once per row of a list (DataLoader: the keys asked for while
 * one tick of execution runs are fetched in one call, each key once per request), so a page of 50
 * invitations with their guests and deliveries costs three queries, not 101. Every loader reads
 * through a service and only inside the caller's tenant: a key of another tenant finds nothing.
 */
export interface Loaders {
  /** Users of the caller's tenant by id (null: none, or another tenant's). */
  users: DataLoader<string, ListedUser | null>;
  /** The newest invitation email of each of the tenant's invitations. */
  latestDelivery: DataLoader<string, Delivery | null>;
  userRoles: DataLoader<string, DirectoryRole[]>;
  appRoles: DataLoader<string, DirectoryRole[]>;
  userGroups: DataLoader<string, Group[]>;
  userApplications: DataLoader<string, Application[]>;
  appSecrets: DataLoader<Application, ApplicationSecret[], string>;
  appAssignments: DataLoader<string, AppAssignment[]>;
  appApiAccess: DataLoader<string, ApiAccessGrant | null>;
  /** A page of guests' partner organizations (`User.homeOrganization`). */
  partnerHomes: DataLoader<User, Partner | null, string>;
  /** A page of partners' pending invitation counts (`Partner.pendingInvitations`). */
  partnerPending: DataLoader<Partner, number, string>;
}

/** At most this many keys in one query (SQLite and PostgreSQL take far more parameters). */
const MAX_BATCH = 500;

export function createLoaders(services: Services, actor: Actor | null): Loaders {
  const caller = (): Actor => {
    if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'An access token is required: send `Authorization: Bearer <token>`');
    return actor;
  };
  /** A loader whose batch function answers a Map by key; keys it does not hold get `missing`. */
  const loader = <K, V, C = K>(fetch: (keys: readonly K[]) => Promise<Map<C, V>>, missing: V, cacheKeyFn?: (key: K) => C) =>
    new DataLoader<K, V, C>(
      async (keys) => {
        const found = await fetch(keys);
        const key = cacheKeyFn ?? ((k: K) => k as unknown as C);
        return keys.map((k) => (found.has(key(k)) ? found.get(key(k))! : missing));
      },
      { maxBatchSize: MAX_BATCH, ...(cacheKeyFn ? { cacheKeyFn } : {}) },
    );
  const roles = (kind: PrincipalKind) => (ids: readonly string[]) =>
    services.roles.rolesOfMany(
      kind,
      ids.map((id) => ({ tenantId: caller().tenantId, id })),
    );
  return {
    users: loader(async (ids) => new Map((await services.users.findInTenant(caller().tenantId, ids)).map((u) => [u.id, u])), null),
    latestDelivery: loader((ids) => services.outbox.latestForInvitations(caller().tenantId, ids), null),
    userRoles: loader(roles(PrincipalKind.User), []),
    appRoles: loader(roles(PrincipalKind.Application), []),
    userGroups: loader((ids) => services.groups.groupsOfUsers(caller(), ids), []),
    userApplications: loader((ids) => services.assignments.applicationsOfUsers(caller(), ids), []),
    appSecrets: loader(
      (apps) => services.appSecrets.listForApplications(caller(), apps),
      [],
      (app) => app.id,
    ),
    appAssignments: loader((ids) => services.assignments.listForApplications(caller(), ids), []),
    appApiAccess: loader((ids) => services.apiAccess.ofApplications(caller(), ids), null),
    partnerHomes: loader(
      async (guests) => new Map([...(await services.partners.homesOf([...guests]))].map(([guest, home]) => [guest.id, home])),
      null,
      (guest) => guest.id,
    ),
    partnerPending: loader(
      async (partners) => {
        const counts = await services.partners.pendingInvitations([...partners]);
        return new Map(partners.map((p) => [p.id, counts.get(p.id) ?? 0]));
      },
      0,
      (partner) => partner.id,
    ),
  };
}
