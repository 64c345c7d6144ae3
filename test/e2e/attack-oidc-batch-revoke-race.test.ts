import { beforeAll, describe, expect, it } from 'vitest';
import { operatorActor } from '../../src/directory/actor.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { type Grants, grantsOf, grantTarget, type GrantTarget } from '../helpers/oidc-grants.js';
import { WebClient } from '../helpers/web-client.js';

/**
 * Revocation racing refreshes whose writes are held until their answer (src/db/write-batch.ts): a
 * refresh that read its token before revokeSignInSessions may write its new tokens after it. Whatever
 * it hands out must be dead once the revocation has returned and the refreshes have answered: no
 * refresh token it issued refreshes, no access token it issued reads userinfo.
 */
describe.each(testDatabases())('OIDC revocation racing held refresh writes on %s', (kind) => {
  const suite = useGatewaySuite(kind);
  let target: GrantTarget;
  let grants: Grants;
  let web: WebClient;
  let userinfo: string;

  beforeAll(async () => {
    target = await grantTarget(suite.t.gateway, 'Racing');
    grants = await grantsOf(target);
    web = new WebClient();
    await target.signIn(web);
    userinfo = ((await (await fetch(`${target.issuer}/.well-known/openid-configuration`)).json()) as { userinfo_endpoint: string })
      .userinfo_endpoint;
  });

  it('nothing a racing refresh hands out outlives revokeSignInSessions', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++) tokens.push((await grants.codeFlow(web)).refresh_token!);
    const admin = { ...operatorActor(target.tenantId), roles: [DirectoryRole.GlobalAdministrator] };
    const revoking = new Promise((resolve) => setTimeout(resolve, 5)).then(() =>
      suite.t.gateway.services.users.revokeSignInSessions(admin, target.userId),
    );
    const [results] = await Promise.all([Promise.allSettled(tokens.map((token) => grants.refresh(token))), revoking]);
    const issued = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    console.log(`${kind}: ${issued.length} of ${tokens.length} refreshes answered around the revocation`);
    for (const answer of issued) {
      await expect(grants.refresh(answer.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      const read = await fetch(userinfo, { headers: { authorization: `Bearer ${answer.access_token}` } });
      expect(read.status).toBe(401);
    }
    for (const token of tokens) await expect(grants.refresh(token)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
