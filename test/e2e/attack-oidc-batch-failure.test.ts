import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { failInserts as failInsertsInto } from '../helpers/failing-inserts.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { type Grants, grantsOf, grantTarget } from '../helpers/oidc-grants.js';
import { WebClient } from '../helpers/web-client.js';

/**
 * A write failing in a request's held batch (src/db/write-batch.ts): the request must not be answered
 * as a success, and what it did is given back: the presented token, claimed first in a statement of
 * its own (single use against racing requests, adapter.ts), is released, so the app's retry works
 * rather than counting as a replay that ends the grant.
 */
describe.each(testDatabases())('OIDC held writes when one fails on %s', (kind) => {
  const suite = useGatewaySuite(kind);
  let grants: Grants;
  let web: WebClient;

  const failInserts = (table: string, when?: string) => failInsertsInto(suite.t.gateway.db, table, when);

  /** The HTTP status a failed grant was answered with (openid-client keeps a 5xx's response as the cause). */
  const refusalStatus = (grant: Promise<unknown>) =>
    grant.then(
      () => 200,
      (error: { status?: number; cause?: { status?: number } }) => error.status ?? error.cause?.status,
    );

  beforeAll(async () => {
    const target = await grantTarget(suite.t.gateway, 'Failing');
    grants = await grantsOf(target);
    web = new WebClient();
    await target.signIn(web);
  });

  it('a refresh whose sign-in log entry cannot be written is not answered as a success', async () => {
    const token = (await grants.codeFlow(web)).refresh_token!;
    const restore = await failInserts('sign_in_event');
    try {
      expect(await refusalStatus(grants.refresh(token))).toBe(500);
    } finally {
      await restore();
    }
  });

  it('after that failure, the same refresh token still works', async () => {
    const token = (await grants.codeFlow(web)).refresh_token!;
    const restore = await failInserts('sign_in_event');
    await grants.refresh(token).catch(() => undefined);
    await restore();
    const retried = (await grants.refresh(token)).refresh_token!;
    // Used once it worked: presented again it is a replay, as ever.
    await expect(grants.refresh(token)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(grants.refresh(retried)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('a refresh whose sign-in log entry cannot be written leaves none of its writes behind', async () => {
    const token = (await grants.codeFlow(web)).refresh_token!;
    // Every artefact as stored (the token's claim is given back: consumedAt too is as before).
    const artefacts = () =>
      suite.t.gateway.db.dataSource.query(`SELECT "model", "id", "payload", "consumedAt" FROM "oidc_payload" ORDER BY "model", "id"`);
    const before = await artefacts();
    const restore = await failInserts('sign_in_event');
    try {
      expect(await refusalStatus(grants.refresh(token))).toBe(500);
    } finally {
      await restore();
    }
    // The rotated token and the grant's update were held with the log entry: all or none.
    expect(await artefacts()).toEqual(before);
  });

  it('a refresh whose new refresh token cannot be written leaves the old one usable', async () => {
    const first = (await grants.codeFlow(web)).refresh_token!;
    const restore = await failInserts('oidc_payload', `NEW."model" = 'RefreshToken'`);
    try {
      expect(await refusalStatus(grants.refresh(first))).toBe(500);
    } finally {
      await restore();
    }
    expect((await grants.refresh(first)).refresh_token).toBeTruthy();
  });
});
