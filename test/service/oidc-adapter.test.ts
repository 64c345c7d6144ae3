import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import { createAdapterClass, storageId } from '../../src/oidc/adapter.js';
import { sweepExpiredPayloads } from '../../src/oidc/oidc-payload.rows.js';
import { OidcPayload } from '../../src/oidc/oidc-payload.entity.js';
import type { Clock } from '../../src/shared/clock.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

/** The oidc-provider storage contract (example/my_adapter.js) against both databases. */
describe.each(testDatabases())('TypeORM adapter on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  const clock = {
    offset: 0,
    now() {
      return new Date(Date.now() + this.offset);
    },
  } satisfies Clock & { offset: number };

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const adapter = (tenantId: string, model: string) => {
    const Adapter = createAdapterClass({ db, clock, tenantId, findClient: async () => undefined });
    return new Adapter(model);
  };
  const tenant = '01a20000-0000-7000-8000-00000000000a';
  const other = '01a20000-0000-7000-8000-00000000000b';

  it('upserts, finds by id, uid and user code, consumes, and keeps tenants apart', async () => {
    const a = adapter(tenant, 'AuthorizationCode');
    await a.upsert(
      'code1',
      { accountId: 'u1', clientId: 'c1', grantId: 'g1', uid: 'uid1', userCode: 'UC1', kind: 'AuthorizationCode' },
      60,
    );
    expect(await a.find('code1')).toMatchObject({ accountId: 'u1', grantId: 'g1' });
    expect(await a.findByUid('uid1')).toMatchObject({ accountId: 'u1' });
    expect(await a.findByUserCode('UC1')).toMatchObject({ accountId: 'u1' });
    expect(await adapter(other, 'AuthorizationCode').find('code1')).toBeUndefined();
    await a.consume('code1');
    expect((await a.find('code1'))?.consumed).toEqual(expect.any(Number));
    await a.upsert('code1', { accountId: 'u2', kind: 'AuthorizationCode' }, 60);
    expect(await a.find('code1')).toMatchObject({ accountId: 'u2' });
  });

  it('revokes by grant, destroys, and hides and sweeps expired rows', async () => {
    const tokens = adapter(tenant, 'RefreshToken');
    await tokens.upsert('r1', { grantId: 'g9', kind: 'RefreshToken' }, 60);
    await tokens.upsert('r2', { grantId: 'g9', kind: 'RefreshToken' }, 60);
    await tokens.upsert('r3', { grantId: 'other', kind: 'RefreshToken' }, 1);
    await tokens.revokeByGrantId('g9');
    expect(await tokens.find('r1')).toBeUndefined();
    expect(await tokens.find('r2')).toBeUndefined();
    await tokens.destroy('r3');
    expect(await tokens.find('r3')).toBeUndefined();

    await tokens.upsert('short', { kind: 'RefreshToken' }, 1);
    clock.offset += 2000;
    expect(await tokens.find('short')).toBeUndefined();
    expect(await db.manager.countBy(OidcPayload, { id: storageId('short') })).toBe(1);
    expect(await sweepExpiredPayloads(db, clock.now())).toBeGreaterThanOrEqual(1);
    expect(await db.manager.countBy(OidcPayload, { id: storageId('short') })).toBe(0);
  });
});
