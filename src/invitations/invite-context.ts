import { type EntityManager, In } from 'typeorm';
import { Application } from '../apps/application.entity.js';
import type { Actor } from '../directory/actor.js';
import { Group } from '../directory/group.entity.js';
import { can, Permission } from '../directory/permissions.js';
import { TenantDomain } from '../directory/tenant-domain.entity.js';
import type { Tenant } from '../directory/tenant.entity.js';
import { isUuid } from '../shared/ids.js';

/** What validating an invitation needs to know about the inviting tenant, loaded once per request or file. */
export interface InviteContext {
  tenant: Tenant;
  ownDomains: ReadonlySet<string>;
  consumerDomains: ReadonlySet<string>;
  now: Date;
  /** Whether the inviter may grant apps and groups with the invitation (a GuestInviter may not). */
  grantsAllowed: boolean;
  /** By object id and by appId (the CSV documents AppIds). */
  apps: ReadonlyMap<string, Application>;
  groups: ReadonlyMap<string, Group>;
}

/** Loads the tenant's domains and the referenced apps and groups (only those of this tenant). */
export async function loadInviteContext(
  em: EntityManager,
  actor: Actor,
  tenant: Tenant,
  consumerDomains: ReadonlySet<string>,
  refs: { apps: Iterable<string>; groups: Iterable<string> },
  now: Date,
): Promise<InviteContext> {
  const appRefs = [...new Set(refs.apps)].filter(isUuid);
  const groupIds = [...new Set(refs.groups)].filter(isUuid);
  // One after another: inside a transaction they share one connection.
  const domains = await em.find(TenantDomain, { where: { tenantId: tenant.id } });
  const apps = appRefs.length
    ? await em.find(Application, {
        where: [
          { tenantId: tenant.id, id: In(appRefs) },
          { tenantId: tenant.id, appId: In(appRefs) },
        ],
      })
    : [];
  const groups = groupIds.length ? await em.find(Group, { where: { tenantId: tenant.id, id: In(groupIds) } }) : [];
  return {
    tenant,
    ownDomains: new Set(domains.map((d) => d.domain)),
    consumerDomains,
    now,
    grantsAllowed: can(actor, Permission.GrantAccessOnInvite),
    apps: new Map(
      apps.flatMap(
        (a) =>
          [
            [a.id, a],
            [a.appId, a],
          ] as [string, Application][],
      ),
    ),
    groups: new Map(groups.map((g) => [g.id, g])),
  };
}
