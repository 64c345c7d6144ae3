import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { type Grants, grantsOf, grantTarget } from '../helpers/oidc-grants.js';
import { WebClient } from '../helpers/web-client.js';

/**
 * A refresh's writes (the new tokens, the sign-in log entry) are held by the request and written
 * together before its answer (src/db/write-batch.ts): when one cannot be written, the app gets no
 * tokens, and the presented token (claimed first, in a statement of its own, so that racing requests
 * cannot share it) is given back: it still works. A consumed token presented again ends the grant.
 */
describe.each(testDatabases())('refresh writes on %s', (kind) => {
  const suite = useGatewaySuite(kind);
  let grants: Grants;
  let web: WebClient;

  beforeAll(async () => {
    const target = await grantTarget(suite.t.gateway);
    grants = await grantsOf(target);
    web = new WebClient();
    await target.signIn(web);
  });

  it('answers with no tokens when the sign-in log entry cannot be written', async () => {
    const token = (await grants.codeFlow(web)).refresh_token!;
    const db = suite.t.gateway.db;
    // The database is what this tests: a failing trigger on the log's table.
    if (kind === 'postgres') {
      await db.manager.query(
        `CREATE FUNCTION refuse_sign_in() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`,
      );
      await db.manager.query(`CREATE TRIGGER refuse BEFORE INSERT ON "sign_in_event" FOR EACH ROW EXECUTE FUNCTION refuse_sign_in()`);
    } else {
      await db.manager.query(`CREATE TRIGGER refuse BEFORE INSERT ON "sign_in_event" BEGIN SELECT RAISE(ABORT, 'refused'); END`);
    }
    try {
      await expect(grants.refresh(token)).rejects.toThrow();
    } finally {
      await db.manager.query(kind === 'postgres' ? `DROP TRIGGER refuse ON "sign_in_event"` : `DROP TRIGGER refuse`);
    }
    expect((await grants.refresh(token)).access_token).toBeTruthy();
  });

  it('ends the grant when a rotated refresh token is presented again', async () => {
    const first = (await grants.codeFlow(web)).refresh_token!;
    const second = (await grants.refresh(first)).refresh_token!;
    await expect(grants.refresh(first)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(grants.refresh(second)).rejects.toMatchObject({ error: 'invalid_grant' });
  });
});
