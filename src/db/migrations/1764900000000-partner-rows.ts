import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';
import { partnerKeyOf } from '../../shared/partner-key.js';

const CHUNK = 500;
/** `pendingUntil` of a pending invitation without an expiry (as `NO_EXPIRY` in src/partners/partner.entity.ts). */
const NO_EXPIRY = new Date('9999-12-31T00:00:00.000Z');

/**
 * Partners as rows kept on write (src/partners/partner.rows.ts), backfilled here from the guests,
 * their home accounts, the verified domains and the pending invitations, by the same rule the writer
 * applies; and an index that lets the overview count pending, unexpired invitations from the index alone.
 */
export class PartnerRows1764900000000 implements MigrationInterface {
  name = 'PartnerRows1764900000000';

  async up(q: QueryRunner): Promise<void> {
    const time = q.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const str = (name: string, length: number, isNullable = false) => ({ name, type: 'varchar', length: String(length), isNullable });
    await q.createTable(
      new Table({
        name: 'partner',
        columns: [
          { ...str('tenantId', 36), isPrimary: true },
          { ...str('id', 36), isPrimary: true },
          str('partnerTenantId', 36, true),
          str('domain', 253, true),
          { name: 'guestCount', type: 'integer' },
          { name: 'lastSignInAt', type: time, isNullable: true },
        ],
        foreignKeys: [{ columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'partner_guest',
        columns: [
          { ...str('userId', 36), isPrimary: true },
          str('tenantId', 36),
          str('partnerId', 36),
          str('domain', 253),
          { name: 'lastSignInAt', type: time, isNullable: true },
          { name: 'pendingUntil', type: time, isNullable: true },
        ],
        indices: [
          { name: 'IDX_partner_guest_partner', columnNames: ['tenantId', 'partnerId', 'lastSignInAt'] },
          { name: 'IDX_partner_guest_pending', columnNames: ['tenantId', 'partnerId', 'pendingUntil'] },
          { name: 'IDX_partner_guest_domain', columnNames: ['domain'] },
        ],
        // No foreign key to directory_user: a cascade would delete a guest's row before the writer
        // (partner.rows.ts) saw it go, leaving its partner's count behind.
        foreignKeys: [{ columnNames: ['tenantId'], referencedTableName: 'tenant', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
      }),
    );
    await q.createIndex(
      'invitation',
      new TableIndex({ name: 'IDX_invitation_tenant_status_expires', columnNames: ['tenantId', 'status', 'expiresAt'] }),
    );
    await backfill(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('invitation', 'IDX_invitation_tenant_status_expires');
    await q.dropTable('partner_guest');
    await q.dropTable('partner');
  }
}

interface GuestRow {
  id: string;
  tenantId: string;
  mail: string;
  homeUserId: string | null;
  homeTenantId: string | null;
  lastSignInAt: string | Date | null;
}

async function backfill(q: QueryRunner): Promise<void> {
  const owners: { domain: string; tenantId: string }[] = await q.query('SELECT "domain", "tenantId" FROM "tenant_domain"');
  const ownerOf = new Map(owners.map((o) => [o.domain, o.tenantId]));
  // Each guest's pending invitation (the latest expiry; none: far in the future), as partner.rows.ts keeps it.
  const open: { invitedUserId: string; expiresAt: string | Date | null }[] = await q.query(
    `SELECT "invitedUserId", "expiresAt" FROM "invitation" WHERE "status" = 'PendingAcceptance' AND "invitedUserId" IS NOT NULL`,
  );
  const pendingUntil = new Map<string, Date>();
  // better-sqlite3 binds no Date: SQLite keeps TypeORM's UTC "YYYY-MM-DD HH:MM:SS.SSS" text.
  const postgres = q.connection.options.type === 'postgres';
  const stored = (d: Date | null) => (d === null || postgres ? d : d.toISOString().replace('T', ' ').replace('Z', ''));
  for (const p of open) {
    const until =
      p.expiresAt === null ? NO_EXPIRY : new Date(p.expiresAt instanceof Date ? p.expiresAt : `${p.expiresAt.replace(' ', 'T')}Z`);
    const known = pendingUntil.get(p.invitedUserId);
    if (!known || until > known) pendingUntil.set(p.invitedUserId, until);
  }
  const guests: GuestRow[] = await q.query(
    `SELECT g."id", g."tenantId", g."mail", g."homeUserId", h."tenantId" AS "homeTenantId", g."lastSignInAt"
       FROM "directory_user" g LEFT JOIN "directory_user" h ON h."id" = g."homeUserId"
      WHERE g."userType" = 'Guest'`,
  );
  const homeTenantOf = new Map(guests.flatMap((g) => (g.homeUserId && g.homeTenantId ? [[g.homeUserId, g.homeTenantId] as const] : [])));
  const stamp = (v: string | Date | null) => (v === null ? null : new Date(v instanceof Date ? v : `${v.replace(' ', 'T')}Z`).getTime());
  const partners = new Map<
    string,
    {
      tenantId: string;
      id: string;
      partnerTenantId: string | null;
      domain: string | null;
      guestCount: number;
      last: number | null;
      lastRaw: string | Date | null;
    }
  >();
  const members: Record<string, unknown>[] = [];
  for (const guest of guests) {
    const key = partnerKeyOf(guest, homeTenantOf, ownerOf);
    members.push({
      userId: guest.id,
      tenantId: guest.tenantId,
      partnerId: key.id,
      domain: key.domain,
      lastSignInAt: guest.lastSignInAt,
      pendingUntil: stored(pendingUntil.get(guest.id) ?? null),
    });
    const id = `${guest.tenantId}/${key.id}`;
    const p = partners.get(id) ?? {
      tenantId: guest.tenantId,
      id: key.id,
      partnerTenantId: key.partnerTenantId,
      domain: key.partnerTenantId ? null : key.domain,
      guestCount: 0,
      last: null,
      lastRaw: null,
    };
    p.guestCount += 1;
    const t = stamp(guest.lastSignInAt);
    if (t !== null && (p.last === null || t > p.last)) {
      p.last = t;
      p.lastRaw = guest.lastSignInAt;
    }
    partners.set(id, p);
  }
  const rows = [...partners.values()].map(({ last: _last, lastRaw, ...p }) => ({ ...p, lastSignInAt: lastRaw }));
  for (let i = 0; i < rows.length; i += CHUNK)
    await q.manager
      .createQueryBuilder()
      .insert()
      // The columns of this migration: the entity (which TypeORM reads for the table) has later ones.
      .into('partner', ['tenantId', 'id', 'partnerTenantId', 'domain', 'guestCount', 'lastSignInAt'])
      .values(rows.slice(i, i + CHUNK))
      .updateEntity(false)
      .execute();
  for (let i = 0; i < members.length; i += CHUNK)
    await q.manager
      .createQueryBuilder()
      .insert()
      .into('partner_guest')
      .values(members.slice(i, i + CHUNK))
      .execute();
}
