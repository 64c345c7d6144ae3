import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole, PrincipalKind, RoleAssignment } from '../../src/directory/role-assignment.entity.js';
import { storageId } from '../../src/oidc/adapter.js';
import { OidcPayload } from '../../src/oidc/oidc-payload.entity.js';
import { newId } from '../../src/shared/ids.js';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { GRANT_REDIRECT, type GrantTarget, type Grants, grantsOf, grantTarget } from '../helpers/oidc-grants.js';
import { WebClient } from '../helpers/web-client.js';

/**
 * The directory-role question that every refresh now reads in the access-facts statement
 * (src/oidc/access-facts.ts, SecurityPolicyService.policyWithRole): the administrators' MFA rule
 * applies at the next refresh to a role in the account's own tenant, and never to a role row of
 * another tenant that names the account.
 */
/** An authorization request of the target's app (code flow + PKCE, no prompt asked). */
async function authorizationUrl(target: GrantTarget, prompt?: string): Promise<URL> {
  const config = await oidc.discovery(new URL(target.issuer), target.clientId, undefined, oidc.ClientSecretBasic(target.clientSecret), {
    execute: [oidc.allowInsecureRequests],
  });
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: GRANT_REDIRECT,
    scope: 'openid',
    ...(prompt ? { prompt } : {}),
    code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
    code_challenge_method: 'S256',
  });
}

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

    // The provider session from before the role: a new authorization must not hand out a code before
    // the MFA step (caught by sessionSatisfiesPolicy not using the pre-read `holdsRole`).
    const landed = await web.follow(await web.get((await authorizationUrl(target)).href), (u) => u.startsWith(GRANT_REDIRECT));
    expect(landed.url).not.toMatch(/[?&]code=/);
    expect(landed.status).toBe(200);
  });
});

/**
 * An interaction is read with its grant at resume (adapter.ts, WITH_GRANT), the grant stashed for the
 * provider's next Grant.find: an interaction row that names another tenant's grant (written here
 * directly, as no request can) must not hand that grant to this tenant's resume.
 */
describe.each(testDatabases())("an interaction's stashed grant on %s", (kind) => {
  const suite = useGatewaySuite(kind);

  it("is never another tenant's grant, though the interaction names its id", async () => {
    const { gateway } = suite.t;
    const a = await grantTarget(gateway, 'StashA');
    const b = await grantTarget(gateway, 'StashB');
    const webB = new WebClient();
    await b.signIn(webB);
    await (await grantsOf(b)).codeFlow(webB);
    const [bToken] = await gateway.db.manager.findBy(OidcPayload, { tenantId: b.tenantId, model: 'RefreshToken' });
    const foreignGrant = bToken!.grantId!;

    const web = new WebClient();
    await a.signIn(web);
    const url = await authorizationUrl(a, 'consent');
    const resume = await web.follow(await web.get(url.href), (u) => /\/auth\/[^/?]+$/.test(new URL(u).pathname));
    const uid = new URL(resume.url).pathname.split('/').pop()!;
    const row = await gateway.db.manager.findOneByOrFail(OidcPayload, { model: 'Interaction', id: storageId(uid), tenantId: a.tenantId });
    const payload = JSON.parse(row.payload) as { grantId?: string; result?: { consent?: { grantId?: string } } };
    payload.grantId = foreignGrant;
    payload.result = { ...payload.result, consent: { grantId: foreignGrant } };
    await gateway.db.manager.update(
      OidcPayload,
      { model: 'Interaction', id: row.id },
      { grantId: foreignGrant, payload: JSON.stringify(payload) },
    );

    // Caught by dropping `g."tenantId" = r."tenantId"` from findWithGrant: B's grant, then the provider's 500.
    const landed = await web.follow(await web.get(resume.url), (u) => u.startsWith(GRANT_REDIRECT));
    expect(landed.url).toMatch(/[?&]code=/);
  });
});
