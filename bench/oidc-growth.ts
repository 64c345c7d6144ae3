import { randomBytes } from 'node:crypto';
import type { Gateway } from '../src/app.js';
import { newId } from '../src/shared/ids.js';
import type { GrantTarget } from '../test/helpers/oidc-grants.js';

/**
 * Grows oidc_payload and sign_in_event as production's grow, for the OIDC benchmarks: copies of the
 * bench tenant's own artefacts (each model's payload as the provider wrote it, so run a code flow
 * first) under new keys, in grants of four (grant, session, refresh and access token), two thirds in
 * the bench tenant and a third in another; and sign-in log entries over the last weeks.
 */
export async function growOidcTables(
  gateway: Gateway,
  target: Pick<GrantTarget, 'tenantId' | 'userId' | 'applicationId'>,
  { payloads, signIns }: { payloads: number; signIns: number },
): Promise<void> {
  const ds = gateway.db.dataSource;
  const postgres = ds.options.type === 'postgres';
  const models = (await ds.query(`SELECT "model", "payload", "uid", "clientId" FROM "oidc_payload"`)) as {
    model: string;
    payload: string;
    uid: string | null;
    clientId: string | null;
  }[];
  const byModel = new Map(models.map((m) => [m.model, m]));
  const shapes = ['Grant', 'Session', 'RefreshToken', 'AccessToken'].filter((m) => byModel.has(m));
  const other = newId();
  const later = new Date(Date.now() + 86_400_000);
  const rows: unknown[][] = [];
  for (let i = 0; rows.length < payloads && shapes.length; i++) {
    const tenantId = i % 3 === 2 ? other : target.tenantId;
    const grantId = randomBytes(16).toString('base64url');
    const account = i % 50 === 0 ? target.userId : newId();
    for (const model of shapes) {
      const m = byModel.get(model)!;
      const token = model !== 'Grant' && model !== 'Session';
      const uid = m.uid === null ? null : randomBytes(16).toString('base64url');
      rows.push([model, randomBytes(32).toString('hex'), tenantId, m.payload, token ? grantId : null, uid, account, m.clientId, later]);
    }
  }
  const insert = async (table: string, columns: string[], all: unknown[][]) => {
    const per = Math.floor((postgres ? 60_000 : 30_000) / columns.length);
    const value = (v: unknown) => (v instanceof Date && !postgres ? v.toISOString().replace('T', ' ').replace('Z', '') : v);
    await ds.transaction(async (em) => {
      for (let at = 0; at < all.length; at += per) {
        const chunk = all.slice(at, at + per);
        let n = 0;
        const tuples = chunk.map(() => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`).join(', ');
        await em.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES ${tuples}`, chunk.flat().map(value));
      }
    });
  };
  await insert(
    'oidc_payload',
    ['model', 'id', 'tenantId', 'payload', 'grantId', 'uid', 'accountId', 'clientId', 'expiresAt'],
    rows.slice(0, payloads),
  );
  const entries: unknown[][] = [];
  for (let i = 0; i < signIns; i++) {
    const at = new Date(Date.now() - (signIns - i) * 10_000);
    const user = i % 100 === 0 ? target.userId : newId();
    const tenantId = i % 3 === 2 ? other : target.tenantId;
    entries.push([newId(), tenantId, at, 'refresh', 'success', user, target.applicationId, 'user@bench.example', 'pwd']);
  }
  await insert(
    'sign_in_event',
    ['id', 'tenantId', 'createdAt', 'kind', 'result', 'userId', 'applicationId', 'signInAddress', 'authMethods'],
    entries,
  );
  if (postgres) await ds.query('ANALYZE');
  // The growth went through the WAL: past its backstop (src/db/wal-checkpoints.ts) every commit would
  // checkpoint until the checkpointer caught up. Steady state is a short WAL.
  else await ds.query('PRAGMA wal_checkpoint(TRUNCATE)');
}
