import { type EntityManager, In } from 'typeorm';
import { AuditAction } from '../shared/audit-actions.js';
import type { AuditService } from '../audit/audit.service.js';
import type { Actor } from '../directory/actor.js';
import type { AccessEnds, PartnerRowsPort } from '../directory/ports.js';
import { transferVerifiedDomain } from '../directory/tenant.rows.js';
import { User, UserType } from '../directory/user.entity.js';
import { moveMembers } from '../directory/user.rows.js';
import { DomainError, ErrorCode } from '../shared/errors.js';

/**
 * Admin takeover (Entra's "external admin takeover"): a managed tenant that proved a domain held by a
 * self-service tenant takes the domain and that tenant's members. Each member keeps its id, password
 * and UPN and becomes a Member of the managed tenant, so the guests it redeemed in other tenants
 * (bound to it by `homeUserId`) keep working; their tokens then name the managed tenant as `idp`.
 * Runs in the caller's transaction: everything or nothing, audited in both tenants.
 * @throws CONFLICT when a member's UPN is taken in the managed tenant, when the managed tenant has a
 * guest bound to one of the members or pending for a member's address (remove it first: the member
 * would shadow it), or when another takeover of the domain won the race.
 */
export async function takeOverDomain(
  em: EntityManager,
  deps: { audit: AuditService; accessEnds: AccessEnds; partners: PartnerRowsPort; now: Date },
  actor: Actor,
  domain: string,
  selfServiceTenantId: string,
): Promise<string[]> {
  const members = await em.find(User, { where: { tenantId: selfServiceTenantId, userType: UserType.Member }, order: { createdAt: 'ASC' } });
  const ids = members.map((m) => m.id);
  if (members.length > 0) {
    const clashes = await em.find(User, {
      where: { tenantId: actor.tenantId, userPrincipalName: In(members.map((m) => m.userPrincipalName)) },
    });
    if (clashes.length > 0) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        `This tenant already has users named ${clashes.map((u) => u.userPrincipalName).join(', ')}`,
        {
          userPrincipalNames: clashes.map((u) => u.userPrincipalName),
        },
      );
    }
    // Guests of the managed tenant for these people: redeemed by them, or still pending for their address.
    const ownGuests = await em.find(User, {
      where: [
        { tenantId: actor.tenantId, homeUserId: In(ids) },
        { tenantId: actor.tenantId, userType: UserType.Guest, mail: In(members.map((m) => m.mail)) },
      ],
    });
    if (ownGuests.length > 0) {
      throw new DomainError(
        ErrorCode.CONFLICT,
        `Remove the guests of ${ownGuests.map((g) => g.mail).join(', ')} first: they would become members of this tenant`,
        {
          guestIds: ownGuests.map((g) => g.id),
        },
      );
    }
  }
  if (!(await transferVerifiedDomain(em, domain, selfServiceTenantId, actor.tenantId))) {
    throw new DomainError(ErrorCode.CONFLICT, `Domain ${domain} changed hands meanwhile; try again`);
  }
  const moved = await moveMembers(em, ids, selfServiceTenantId, actor.tenantId, deps.now);
  // Their guests elsewhere now come from the managed tenant, as do those still bound by the domain.
  await deps.partners.usersChanged(em, ids);
  await deps.partners.domainsChanged(em, [domain]);
  // A sign-up that committed meanwhile would be left behind in a tenant without its domain.
  const left = await em.countBy(User, { tenantId: selfServiceTenantId, userType: UserType.Member });
  if (moved !== ids.length || left > 0) throw new DomainError(ErrorCode.CONFLICT, `The members of ${domain} changed meanwhile; try again`);
  // Sessions and tokens the self-service tenant's own issuer gave them end; their guests elsewhere stay.
  await deps.accessEnds.revokeOidcArtefacts(em, selfServiceTenantId, ids);

  const perMember = members.map((m) => ({
    action: AuditAction.MoveUserToTenant,
    target: { type: 'User', id: m.id },
    details: { userPrincipalName: m.userPrincipalName, fromTenantId: selfServiceTenantId, toTenantId: actor.tenantId, domain },
  }));
  await deps.audit.recordMany(em, actor, [
    {
      action: AuditAction.TakeOverDomain,
      target: { type: 'Tenant', id: selfServiceTenantId },
      details: { domain, fromTenantId: selfServiceTenantId, userIds: ids },
    },
    ...perMember,
  ]);
  // In the self-service tenant, the event names the managed tenant's administrator who acted.
  const inSelfService = { tenantId: selfServiceTenantId, kind: actor.kind, id: actor.id, displayName: actor.displayName };
  await deps.audit.recordMany(em, inSelfService, [
    {
      action: AuditAction.DomainTakenOver,
      target: { type: 'Tenant', id: actor.tenantId },
      details: { domain, toTenantId: actor.tenantId, userIds: ids },
    },
    ...perMember,
  ]);
  return ids;
}
