import { type MigrationInterface, type QueryRunner, Table, type TableColumnOptions } from 'typeorm';

/**
 * The directory, applications, invitations, audit and OIDC tables.
 * Written with TypeORM's schema API so that one migration serves SQLite and PostgreSQL;
 * timestamps are `timestamptz` on PostgreSQL and `datetime` (UTC text) on SQLite.
 */
export class InitialDirectory1763800000000 implements MigrationInterface {
  name = 'InitialDirectory1763800000000';

  async up(q: QueryRunner): Promise<void> {
    const c = columns(q);
    await q.createTable(
      new Table({
        name: 'tenant',
        columns: [
          c.id(),
          c.str('name', 256),
          c.str('kind', 32),
          c.str('defaultDomain', 253),
          c.text('allowedRedirectHosts'),
          { name: 'invitationTtlDays', type: 'integer', isNullable: true },
          c.str('privacyUrl', 2048, true),
          c.str('contactUrl', 2048, true),
          c.time('createdAt'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'tenant_domain',
        columns: [{ ...c.str('domain', 253), isPrimary: true }, c.ref('tenantId'), c.time('createdAt')],
        foreignKeys: [c.fk('tenantId', 'tenant')],
        indices: [{ columnNames: ['tenantId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'directory_user',
        columns: [
          c.id(),
          c.ref('tenantId'),
          c.str('userType', 16),
          c.str('displayName', 256),
          c.str('mail', 320),
          c.str('userPrincipalName', 400),
          c.str('creationType', 32, true),
          c.str('externalUserState', 32, true),
          c.time('externalUserStateChangedAt', true),
          c.str('signInName', 320, true),
          c.str('altSecId', 512, true),
          { name: 'accountEnabled', type: 'boolean' },
          c.time('createdAt'),
          c.time('updatedAt'),
        ],
        foreignKeys: [c.fk('tenantId', 'tenant')],
        indices: [{ columnNames: ['tenantId', 'userPrincipalName'], isUnique: true }, { columnNames: ['tenantId', 'mail'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'directory_group',
        columns: [c.id(), c.ref('tenantId'), c.str('displayName', 256), c.str('description', 1024, true), c.time('createdAt')],
        foreignKeys: [c.fk('tenantId', 'tenant')],
        indices: [{ columnNames: ['tenantId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'group_member',
        columns: [
          { ...c.ref('groupId'), isPrimary: true },
          { ...c.ref('userId'), isPrimary: true },
          c.ref('tenantId'),
          c.time('createdAt'),
        ],
        foreignKeys: [c.fk('groupId', 'directory_group'), c.fk('userId', 'directory_user')],
        indices: [{ columnNames: ['userId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'application',
        columns: [
          c.id(),
          c.ref('tenantId'),
          c.ref('appId'),
          c.str('displayName', 256),
          c.text('replyUrls'),
          c.str('homepageUrl', 2048, true),
          c.str('logoUrl', 2048, true),
          { name: 'assignmentRequired', type: 'boolean' },
          c.text('clientSecretSealed'),
          c.time('createdAt'),
          c.time('updatedAt'),
        ],
        foreignKeys: [c.fk('tenantId', 'tenant')],
        indices: [{ columnNames: ['appId'], isUnique: true }, { columnNames: ['tenantId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'role_assignment',
        columns: [c.id(), c.ref('tenantId'), c.str('principalKind', 16), c.ref('principalId'), c.str('role', 32), c.time('createdAt')],
        foreignKeys: [c.fk('tenantId', 'tenant')],
        indices: [{ columnNames: ['tenantId', 'principalKind', 'principalId', 'role'], isUnique: true }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'app_assignment',
        columns: [c.id(), c.ref('tenantId'), c.ref('applicationId'), c.str('principalType', 16), c.ref('principalId'), c.time('createdAt')],
        foreignKeys: [c.fk('applicationId', 'application')],
        indices: [{ columnNames: ['applicationId', 'principalType', 'principalId'], isUnique: true }, { columnNames: ['principalId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'invitation',
        columns: [
          c.id(),
          c.ref('tenantId'),
          c.str('email', 320),
          c.str('displayName', 256),
          { ...c.ref('invitedUserId'), isNullable: true },
          c.str('inviterKind', 16),
          c.ref('inviterId'),
          c.str('inviterDisplayName', 256),
          c.str('redirectUrl', 2048, true),
          c.text('applicationIds'),
          c.text('groupIds'),
          c.text('invitationText', true),
          c.str('ccEmailAddress', 320, true),
          c.str('language', 8),
          { name: 'sendInvitationMessage', type: 'boolean' },
          c.str('status', 32),
          c.str('ticketHash', 64),
          c.time('expiresAt', true),
          c.time('redeemedAt', true),
          c.time('revokedAt', true),
          { ...c.ref('batchId'), isNullable: true },
          c.time('createdAt'),
          c.time('updatedAt'),
        ],
        foreignKeys: [c.fk('tenantId', 'tenant'), { ...c.fk('invitedUserId', 'directory_user'), onDelete: 'SET NULL' }],
        indices: [
          { columnNames: ['ticketHash'], isUnique: true },
          { columnNames: ['tenantId', 'status', 'id'] },
          { columnNames: ['tenantId', 'email'] },
          { columnNames: ['tenantId', 'batchId'] },
          { columnNames: ['invitedUserId'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_event',
        columns: [
          c.id(),
          c.ref('tenantId'),
          c.str('action', 128),
          c.str('actorKind', 16),
          { ...c.ref('actorId'), isNullable: true },
          c.str('actorDisplayName', 256),
          c.str('targetType', 32, true),
          { ...c.ref('targetId'), isNullable: true },
          c.text('details'),
          c.time('createdAt'),
        ],
        indices: [{ columnNames: ['tenantId', 'id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'signing_key',
        columns: [
          { ...c.str('kid', 64), isPrimary: true },
          c.ref('tenantId'),
          c.str('alg', 16),
          c.text('publicJwk'),
          c.text('privateJwkSealed'),
          c.time('createdAt'),
        ],
        foreignKeys: [c.fk('tenantId', 'tenant')],
        indices: [{ columnNames: ['tenantId'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'oidc_payload',
        columns: [
          { ...c.str('model', 32), isPrimary: true },
          { ...c.str('id', 128), isPrimary: true },
          c.ref('tenantId'),
          c.text('payload'),
          c.str('grantId', 128, true),
          c.str('userCode', 128, true),
          c.str('uid', 128, true),
          c.time('expiresAt', true),
          c.time('consumedAt', true),
        ],
        indices: [{ columnNames: ['grantId'] }, { columnNames: ['uid'] }, { columnNames: ['userCode'] }, { columnNames: ['expiresAt'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'oidc_payload',
      'signing_key',
      'audit_event',
      'invitation',
      'app_assignment',
      'role_assignment',
      'application',
      'group_member',
      'directory_group',
      'directory_user',
      'tenant_domain',
      'tenant',
    ]) {
      await q.dropTable(table);
    }
  }
}

/** Column builders that pick the right type for the connected database. */
function columns(q: QueryRunner) {
  const postgres = q.connection.options.type === 'postgres';
  return {
    id: (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true }),
    ref: (name: string): TableColumnOptions => ({ name, type: 'varchar', length: '36' }),
    str: (name: string, length: number, isNullable = false): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable,
    }),
    text: (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'text', isNullable }),
    time: (name: string, isNullable = false): TableColumnOptions => ({
      name,
      type: postgres ? 'timestamptz' : 'datetime',
      isNullable,
    }),
    fk: (column: string, table: string) => ({
      columnNames: [column],
      referencedTableName: table,
      referencedColumnNames: ['id'],
      onDelete: 'CASCADE' as const,
    }),
  };
}
