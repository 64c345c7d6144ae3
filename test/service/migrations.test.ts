import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/data-source.js';
import { Tenant, TenantKind } from '../../src/directory/tenant.entity.js';
import { AppAssignment } from '../../src/apps/app-assignment.entity.js';
import { ApplicationSecret } from '../../src/apps/application-secret.entity.js';
import { OidcPayload } from '../../src/oidc/oidc-payload.entity.js';
import { newId } from '../../src/shared/ids.js';
import { SecretBox } from '../../src/shared/secrets.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../helpers/databases.js';

const TABLES = [
  'tenant',
  'tenant_domain',
  'directory_user',
  'directory_group',
  'group_member',
  'role_assignment',
  'application',
  'app_assignment',
  'invitation',
  'audit_event',
  'signing_key',
  'oidc_payload',
  'outbox_message',
  'invitation_batch',
  'invitation_batch_row',
  'verification_code',
  'browser_session',
  'identity_provider',
  'application_secret',
  'pending_domain',
  'member_activation',
];

async function existingTables(ds: DataSource): Promise<string[]> {
  const runner = ds.createQueryRunner();
  try {
    const present: string[] = [];
    for (const table of TABLES) if (await runner.hasTable(table)) present.push(table);
    return present;
  } finally {
    await runner.release();
  }
}

describe.each(testDatabases())('migrations on %s', (kind) => {
  let db: TestDatabase;
  afterEach(() => db?.drop());

  it('create every table on an empty database, are idempotent on restart, and roll back cleanly', async () => {
    db = await createTestDatabase(kind);
    const first = await openDatabase(db.database);
    expect(await first.showMigrations()).toBe(false);
    expect(await existingTables(first)).toEqual(TABLES);
    await first.destroy();

    const second = await openDatabase(db.database);
    expect(await second.showMigrations()).toBe(false);
    for (let i = 0; i < second.migrations.length; i++) await second.undoLastMigration({ transaction: 'each' });
    expect(await existingTables(second)).toEqual([]);
    await second.runMigrations({ transaction: 'each' });
    expect(await existingTables(second)).toEqual(TABLES);
    await second.destroy();
  });

  it("move each app's client secret to application_secret and drop OIDC rows keyed by raw tokens", async () => {
    db = await createTestDatabase(kind);
    const ds = await openDatabase(db.database);
    // Back to the schema before 1764530000000 (later migrations are undone first).
    while ((await ds.query(`SELECT 1 FROM "migrations" WHERE "name" = 'OidcHardening1764530000000'`)).length) {
      await ds.undoLastMigration({ transaction: 'each' });
    }
    const tenantId = newId();
    const appId = newId();
    const box = new SecretBox('migration-test-secret-migration-test-secret');
    const sealed = box.seal('the-old-client-secret');
    const createdAt = new Date('2026-01-02T03:04:05.000Z');
    await ds.manager.insert(Tenant, {
      id: tenantId,
      name: 'T',
      kind: TenantKind.Managed,
      defaultDomain: 't.example',
      allowedRedirectHosts: [],
      invitationTtlDays: null,
      privacyUrl: null,
      contactUrl: null,
      logoUrl: null,
      brandColor: null,
      createdAt,
    });
    const at = '2026-01-02 03:04:05.000';
    // Raw SQL: the entities already describe the new schema. (Test values only, so inlined.)
    await ds.query(`INSERT INTO "application" ("id", "tenantId", "appId", "displayName", "replyUrls", "assignmentRequired", "clientSecretSealed", "createdAt", "updatedAt")
      VALUES ('${appId}', '${tenantId}', '${newId()}', 'App', '[]', true, '${sealed}', '${at}', '${at}')`);
    // Rebuilding `application` on SQLite (drop column) must not cascade into the tables that reference it.
    await ds.query(`INSERT INTO "app_assignment" ("id", "tenantId", "applicationId", "principalType", "principalId", "createdAt")
      VALUES ('${newId()}', '${tenantId}', '${appId}', 'Group', '${newId()}', '${at}')`);
    await ds.query(
      `INSERT INTO "oidc_payload" ("model", "id", "tenantId", "payload") VALUES ('RefreshToken', 'raw-refresh-token-value', '${tenantId}', '{}')`,
    );
    await ds.runMigrations({ transaction: 'each' });

    const [secret] = await ds.manager.findBy(ApplicationSecret, { applicationId: appId });
    expect(secret).toMatchObject({ tenantId, displayName: 'Client secret', expiresAt: null });
    expect(box.open(secret!.secretSealed)).toBe('the-old-client-secret');
    expect(await ds.manager.count(OidcPayload)).toBe(0);
    expect(await ds.manager.countBy(AppAssignment, { applicationId: appId })).toBe(1);
    await ds.destroy();
  });

  it('store and return timestamps exactly, whatever the time zone', async () => {
    db = await createTestDatabase(kind);
    const ds = await openDatabase(db.database);
    const createdAt = new Date('2026-03-29T01:30:00.123Z');
    const id = newId();
    await ds.manager.insert(Tenant, {
      id,
      name: 'T',
      kind: TenantKind.Managed,
      defaultDomain: 't.example',
      allowedRedirectHosts: [],
      invitationTtlDays: null,
      privacyUrl: null,
      contactUrl: null,
      logoUrl: null,
      brandColor: null,
      createdAt,
    });
    expect((await ds.manager.findOneByOrFail(Tenant, { id })).createdAt.toISOString()).toBe(createdAt.toISOString());
    await ds.destroy();
  });

  it('match the entities: every column exists with the same nullability (no drift)', async () => {
    db = await createTestDatabase(kind);
    const ds = await openDatabase(db.database);
    const runner = ds.createQueryRunner();
    try {
      for (const entity of ds.entityMetadatas) {
        const table = await runner.getTable(entity.tableName);
        const actual = table!.columns.map((c) => `${c.name}${c.isNullable ? '?' : ''}`).sort();
        const expected = entity.columns.map((c) => `${c.databaseName}${c.isNullable ? '?' : ''}`).sort();
        expect(actual, entity.tableName).toEqual(expected);
      }
    } finally {
      await runner.release();
      await ds.destroy();
    }
  });

  it('turn earlier sign-up code messages into system mail, erasing the subject that held the code', async () => {
    db = await createTestDatabase(kind);
    const ds = await openDatabase(db.database);
    while ((await ds.query(`SELECT 1 FROM "migrations" WHERE "name" = 'SystemMail1764500000000'`)).length) {
      await ds.undoLastMigration({ transaction: 'each' }); // back to before SystemMail1764500000000
    }
    const tenantId = newId();
    await ds.manager.insert(Tenant, {
      id: tenantId,
      name: 'T',
      kind: TenantKind.Managed,
      defaultDomain: 'old.example',
      allowedRedirectHosts: [],
      invitationTtlDays: null,
      privacyUrl: null,
      contactUrl: null,
      logoUrl: null,
      brandColor: null,
      createdAt: new Date(),
    });
    const p = (i: number) => (kind === 'postgres' ? `$${i}` : '?');
    const insert = (id: string, invitationId: string | null, subject: string, status: string) =>
      ds.query(
        `INSERT INTO outbox_message (id, "tenantId", "invitationId", "messageId", "fromAddress", "toAddress", "toName", subject, "bodySealed", status, attempts, "nextAttemptAt", "createdAt", "updatedAt")
       VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map(p).join(', ')})`,
        [
          id,
          tenantId,
          invitationId,
          `<${id}@x>`,
          'f@x',
          'to@x.example',
          'to',
          subject,
          'sealed',
          status,
          0,
          ...Array(3).fill(new Date().toISOString()),
        ],
      );
    const [code, sentCode, invite] = [newId(), newId(), newId()];
    await insert(code, null, 'Your verification code is 123456', 'Queued');
    await insert(sentCode, null, 'Your verification code is 654321', 'Sent');
    await insert(invite, newId(), 'You are invited', 'Queued');
    await ds.runMigrations({ transaction: 'each' });
    const rows: Record<string, unknown>[] = await ds.query('SELECT id, audience, subject, "bodySealed", status FROM outbox_message');
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[code]).toMatchObject({ audience: 'System', subject: '', bodySealed: '', status: 'Cancelled' });
    expect(byId[sentCode]).toMatchObject({ audience: 'System', subject: '', bodySealed: '', status: 'Sent' });
    expect(byId[invite]).toMatchObject({ audience: 'Tenant', subject: 'You are invited', bodySealed: 'sealed', status: 'Queued' });
    await ds.destroy();
  });

  if (kind === 'postgres') {
    it('use timestamptz columns on PostgreSQL', async () => {
      db = await createTestDatabase(kind);
      const ds = await openDatabase(db.database);
      const rows: { data_type: string }[] = await ds.query(
        `SELECT DISTINCT data_type FROM information_schema.columns WHERE table_name = 'invitation' AND column_name IN ('createdAt','expiresAt')`,
      );
      expect(rows.map((r) => r.data_type)).toEqual(['timestamp with time zone']);
      await ds.destroy();
    });
  }
});
