import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole, PrincipalKind, RoleAssignment } from '../../src/directory/role-assignment.entity.js';
import { newId } from '../../src/shared/ids.js';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { type GrantTarget, type Grants, grantsOf, grantTarget } from '../helpers/oidc-grants.js';
import { WebClient } from '../helpers/web-client.js';

/**
 * The directory-role question that every refresh now reads in the access-facts statement
 * (src/oidc/access-facts.ts, SecurityPolicyService.policyWithRole): the administrators' MFA rule
 * applies at the next refresh to a role in the account's own tenant, and never to a role row of
 * another tenant that names the account.
 */
describe.each(testDatabases())('directory roles at refresh on %s', (kind) => {
  const suite = useGatewaySuite(kind);
  let target: GrantTarget;
  let grants: Grants;
  let otherTenantId: string;

  beforeAll(async () => {
    target = await grantTarget(suite.t.gateway, 'Facts');
    otherTenantId = (await grantTarget(suite.t.gateway, 'FactsOther')).tenantId;
    grants = await grantsOf(target);
  });

  const role = (tenantId: string) =>
    suite.t.gateway.db.manager.insert(RoleAssignment, {
      id: newId(),
      tenantId,
      principalKind: PrincipalKind.User,
      principalId: target.userId,
      role: DirectoryRole.UserAdministrator,
      createdAt: new Date(),
    });

  it('a role of another tenant naming the account does not count; one in its tenant ends a refresh without MFA', async () => {
    const web = new WebClient();
    await target.signIn(web);
    let refreshToken = (await grants.codeFlow(web)).refresh_token!;
    refreshToken = (await grants.refresh(refreshToken)).refresh_token!;

    // Caught by dropping `ra."tenantId" = …` from policyWithRole's EXISTS.
    await role(otherTenantId);
    refreshToken = (await grants.refresh(refreshToken)).refresh_token!;

    // Caught by tokenStep not using the pre-read `holdsRole` (facts.known) or reading it stale.
    await role(target.tenantId);
    await expect(grants.refresh(refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
