import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSession } from '../../src/accounts/browser-session.entity.js';
import { Application } from '../../src/apps/application.entity.js';
import { ApplicationSecret } from '../../src/apps/application-secret.entity.js';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import { RowInserter } from '../../src/db/raw-insert.js';
import { entityReader } from '../../src/db/entity-reader.js';
import { statementRunner } from '../../src/db/raw-statements.js';
import { isUniqueViolation } from '../../src/db/errors.js';
import { Tenant, TenantKind } from '../../src/directory/tenant.entity.js';
import { User, UserType } from '../../src/directory/user.entity.js';
import { MfaMethod, MfaMethodKind } from '../../src/mfa/mfa-method.entity.js';
import { SecurityPolicy, TermsAudience } from '../../src/policies/security-policy.entity.js';
import { newId } from '../../src/shared/ids.js';
import { SignInEvent, SignInKind, SignInResult } from '../../src/sign-ins/sign-in-event.entity.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

/**
 * The hot OIDC lookups read whole entities through hand-written statements (EntityReader) and the
 * sign-in log inserts through RowInserter: what they read and write must be what TypeORM would, every
 * column type included (booleans, dates, integers, simple-json, nulls), on both databases.
 */
describe.each(testDatabases())('hand-written statements on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  const tenantId = newId();
  const at = new Date('2026-03-04T05:06:07.089Z');

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const byKey = async <T extends object>(entity: new () => T, column: string, value: string) => {
    const reader = entityReader(db.dataSource, entity);
    return reader.one(`${reader.select(`"${column}" = ${reader.param(1)}`)} LIMIT 1`, [value]);
  };

  it('reads users, apps, secrets, policies and browser sessions as TypeORM hydrates them, as entity instances', async () => {
    await db.manager.save(Tenant, {
      id: tenantId,
      name: 'T',
      kind: TenantKind.Managed,
      defaultDomain: 't.example',
      allowedRedirectHosts: [],
      createdAt: at,
    });
    const user = await db.manager.save(User, {
      id: newId(),
      tenantId,
      userType: UserType.Guest,
      displayName: 'Ann',
      mail: 'ann@example.com',
      userPrincipalName: 'ann_example.com#EXT#@t.example',
      accountEnabled: false,
      emailVerified: true,
      accessExpiresAt: at,
      createdAt: at,
      updatedAt: at,
    });
    const app = await db.manager.save(Application, {
      id: newId(),
      tenantId,
      appId: newId(),
      displayName: 'App',
      replyUrls: ['https://a.example/cb', 'https://b.example/cb'],
      assignmentRequired: true,
      createdAt: at,
      updatedAt: at,
    });
    const secret = await db.manager.save(ApplicationSecret, {
      id: newId(),
      tenantId,
      applicationId: app.id,
      displayName: 's',
      hint: 'abc',
      secretSealed: 'sealed',
      expiresAt: at,
      createdAt: at,
    });
    await db.manager.save(SecurityPolicy, {
      tenantId,
      mfaForAdmins: false,
      mfaForMembers: true,
      mfaForGuests: false,
      trustPartnerMfa: true,
      signInFrequencyMinutes: 90,
      sessionLifetimeMinutes: null,
      termsAudience: TermsAudience.Guests,
      termsUrl: 'https://t.example',
      termsVersion: '2',
      termsUrls: { de: 'https://t.example/de' },
      updatedAt: at,
    });
    const browser = await db.manager.save(BrowserSession, {
      idHash: 'a'.repeat(64),
      userId: user.id,
      amr: 'pwd',
      authenticatedAt: at,
      sessionStartedAt: null,
      expiresAt: at,
      createdAt: at,
    });
    for (const [entity, column, value] of [
      [BrowserSession, 'idHash', browser.idHash],
      [User, 'id', user.id],
      [Application, 'appId', app.appId],
      [ApplicationSecret, 'id', secret.id],
      [SecurityPolicy, 'tenantId', tenantId],
    ] as const) {
      const read = await byKey(entity as new () => object, column, value);
      expect(read).toBeInstanceOf(entity);
      expect(read).toEqual(await db.manager.findOneBy(entity as typeof User, { [column]: value }));
    }
    expect(await byKey(User, 'id', newId())).toBeNull();

    // Two entities of one joined row (an app with its secrets), each as TypeORM hydrates it; an outer
    // join that found nothing maps to null. Built once: on PostgreSQL it runs prepared, twice here.
    const apps = entityReader(db.dataSource, Application);
    const secrets = entityReader(db.dataSource, ApplicationSecret);
    const joined = secrets.statement(
      'test:joined',
      (r) =>
        `SELECT ${apps.columnsAs('a')}, ${r.columnsAs('s')} FROM ${apps.table} a LEFT JOIN ${r.table} s ON s."applicationId" = a."id" ` +
        `AND s."id" = ${r.param(1)} WHERE a."appId" = ${r.param(2)}`,
    );
    for (const wanted of [secret.id, secret.id, 'none']) {
      const [row, ...more] = await secrets.rows(joined, [wanted, app.appId]);
      expect(more).toEqual([]);
      expect(apps.fromRow(row!, 'a')).toBeInstanceOf(Application);
      expect(apps.fromRow(row!, 'a')).toEqual(await db.manager.findOneBy(Application, { id: app.id }));
      expect(secrets.fromRow(row!, 's')).toEqual(
        wanted === 'none' ? null : await db.manager.findOneBy(ApplicationSecret, { id: secret.id }),
      );
    }
  });

  it('applies a column transformer as TypeORM does (a passkey counter, bigint on PostgreSQL)', async () => {
    const user = await db.manager.save(User, {
      id: newId(),
      tenantId,
      userType: UserType.Member,
      displayName: 'Bea',
      mail: 'bea@t.example',
      userPrincipalName: 'bea@t.example',
      accountEnabled: true,
      emailVerified: true,
      createdAt: at,
      updatedAt: at,
    });
    const method = await db.manager.save(MfaMethod, {
      id: newId(),
      userId: user.id,
      kind: MfaMethodKind.Passkey,
      label: 'Key',
      credentialId: newId(),
      publicKey: 'pk',
      signCount: 4294967295,
      backedUp: true,
      createdAt: at,
    });
    const read = await byKey(MfaMethod, 'id', method.id);
    expect(read?.signCount).toBe(4294967295);
    expect(read).toEqual(await db.manager.findOneBy(MfaMethod, { id: method.id }));
  });

  it('refuses a duplicate as a unique violation and keeps working; inside a transaction, runs on its connection', async () => {
    const row = { id: newId(), tenantId, createdAt: at, kind: SignInKind.Refresh, result: SignInResult.Success, authMethods: 'pwd' };
    const events = new RowInserter(db.dataSource, SignInEvent, Object.keys(row) as (keyof typeof row)[]);
    await events.insert(row);
    const duplicate = await events.insert(row).catch((error: unknown) => error);
    expect(isUniqueViolation(duplicate)).toBe(true);
    const reader = entityReader(db.dataSource, SignInEvent);
    const byId = reader.statement('test:byId', (r) => r.select(`"id" = ${r.param(1)}`));
    expect(await reader.one(byId, [row.id])).toMatchObject({ id: row.id });

    const other = newId();
    let seenInside = -1;
    await db
      .transaction(async (em) => {
        await em.insert(SignInEvent, { ...row, id: other });
        // Uncommitted: seen only on the transaction's own connection.
        seenInside = (await statementRunner(db.dataSource).rows(byId, [other], em)).length;
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(seenInside).toBe(1);
    expect(await reader.one(byId, [other])).toBeNull();
  });

  it('inserts a sign-in entry that TypeORM reads back unchanged', async () => {
    const row = {
      id: newId(),
      tenantId,
      createdAt: at,
      kind: SignInKind.Refresh,
      result: SignInResult.Success,
      reasonCode: null,
      userId: newId(),
      homeUserId: null,
      signInAddress: 'ann@example.com',
      userDisplayName: 'Ann',
      applicationId: null,
      appDisplayName: null,
      ip: '127.0.0.1',
      userAgent: null,
      authMethods: 'pwd',
      homeIdp: null,
    };
    await new RowInserter(db.dataSource, SignInEvent, Object.keys(row) as (keyof typeof row)[]).insert(row);
    expect({ ...(await db.manager.findOneBy(SignInEvent, { id: row.id })) }).toEqual(row);
  });
});
