import type { Gateway } from '../src/app.js';
import { type Actor, PrincipalKind } from '../src/directory/actor.js';
import { DirectoryRole } from '../src/directory/role-assignment.entity.js';

/**
 * A tenant for a benchmark with its administrator app (GlobalAdministrator, made by the operator): the
 * app's secret for tokens over HTTP, and the app as the actor of service calls.
 */
export async function adminTenant(gateway: Gateway, name: string, domain: string) {
  const { services } = gateway;
  const tenant = await services.tenants.create({ name, domains: [domain] });
  const { application: admin, clientSecret } = await services.apps.createAsOperator(tenant.id, { displayName: 'bench admin' }, [
    DirectoryRole.GlobalAdministrator,
  ]);
  const actor: Actor = {
    tenantId: tenant.id,
    kind: PrincipalKind.Application,
    id: admin.id,
    displayName: admin.displayName,
    roles: [DirectoryRole.GlobalAdministrator],
    scopes: null,
  };
  return { tenant, admin, clientSecret, actor };
}
