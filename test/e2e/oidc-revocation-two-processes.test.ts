import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorActor } from '../../src/directory/actor.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { type Grants, grantsOf, type GrantTarget, grantTarget } from '../helpers/oidc-grants.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { WebClient } from '../helpers/web-client.js';

/**
 * The provider reads apps, secrets and accounts once per request and keeps nothing across requests
 * (src/oidc/request-memo.ts): a change made through one process holds at the very next request that
 * another process serves, after that process has just served the same client and account.
 */
describe.each(testDatabases())('OIDC revocation seen at once by another process on %s', (kind) => {
  let first: TestGateway;
  let second: TestGateway;
  let target: GrantTarget;
  let onSecond: Grants;
  const admin = () => ({ ...operatorActor(target.tenantId), roles: [DirectoryRole.GlobalAdministrator] });

  beforeAll(async () => {
    first = await startTestGateway(kind);
    second = await startTestGateway(kind, {}, { shareWith: first });
    target = await grantTarget(first.gateway);
    const toSecond = (url: string) => url.replace(first.baseUrl, second.ownUrl);
    onSecond = await grantsOf(target, toSecond);
  });
  afterAll(async () => {
    await second.stop();
    await first.stop();
  });

  it('a client secret removed through one process no longer authenticates at the other', async () => {
    const { services } = first.gateway;
    const replacement = await services.appSecrets.add(admin(), target.applicationId, { displayName: 'replacement' });
    await onSecond.clientCredentials();
    const secrets = (await services.appSecrets.listForApplications(admin(), [{ id: target.applicationId, tenantId: target.tenantId }])).get(
      target.applicationId,
    )!;
    for (const secret of secrets.filter((s) => s.id !== replacement.secret.id))
      await services.appSecrets.remove(admin(), target.applicationId, secret.id);
    // invalid_client comes as a 401 with a WWW-Authenticate challenge.
    await expect(onSecond.clientCredentials()).rejects.toMatchObject({ status: 401 });
    const withReplacement = await grantsOf({ ...target, clientSecret: replacement.secretText }, (u) =>
      u.replace(first.baseUrl, second.ownUrl),
    );
    await expect(withReplacement.clientCredentials()).resolves.toMatchObject({ token_type: expect.stringMatching(/bearer/i) });
    onSecond = withReplacement;
  });

  it('a name changed through one process is in the next token the other issues (the account is read per request)', async () => {
    const web = new WebClient((u) => u.replace(first.baseUrl, second.ownUrl));
    await target.signIn(web);
    const refreshToken = (await onSecond.codeFlow(web, 'openid profile offline_access')).refresh_token!;
    const member = (await first.gateway.services.users.findById(target.userId))!;
    await first.gateway.services.accountProfile.updateNames(member, { displayName: 'Renamed Member', givenName: '', familyName: '' });
    const refreshed = await onSecond.refresh(refreshToken);
    expect(refreshed.claims()).toMatchObject({ name: 'Renamed Member' });
  });

  it('an account disabled through one process can no longer refresh at the other', async () => {
    const web = new WebClient((u) => u.replace(first.baseUrl, second.ownUrl));
    await target.signIn(web);
    let refreshToken = (await onSecond.codeFlow(web)).refresh_token!;
    refreshToken = (await onSecond.refresh(refreshToken)).refresh_token!;
    await first.gateway.services.users.setEnabled(admin(), target.userId, false);
    await expect(onSecond.refresh(refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
