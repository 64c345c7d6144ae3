import { beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/directory/user.entity.js';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { uploadCsv } from '../helpers/upload.js';

/**
 * Text values that array literals (PostgreSQL's unnest insert) and multi-row statements (SQLite) must
 * carry untouched, uploaded by two tenants at once: every row lands intact, in its own tenant, and a
 * value too long for its column fails that row alone (no 500, nothing of it written).
 */
const AWKWARD = [
  'a "quoted" word',
  'back\\slash \\" mixed',
  'comma, {brace} }{ ,',
  'NULL',
  'null',
  '{}',
  '{"a","b"}',
  ' spaced ',
  '\\N',
  'Zoë 😀 中文 \u200b',
  "it's",
  '$1::text',
  "'); DROP TABLE invitation; --",
  'tab\tand\nnewline',
  'x'.repeat(256),
];

const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;

describe.each(testDatabases())('attack: CSV text values through bulk inserts on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  let b: TenantFixture;
  const suite = useGatewaySuite(kind, { env: { INVITATION_MAIL_PER_HOUR: '5000' }, tenants: [{}, {}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a, b],
      } = suite),
  );

  /** 120 rows (more than a SQLite multi-row statement), each with a display name and text from AWKWARD. */
  function csv(prefix: string, extra: string[] = []): { content: string; rows: { email: string; name: string; text: string }[] } {
    const rows = Array.from({ length: 120 }, (_, i) => ({
      email: `${prefix}${i}@partner${i % 7}.example`,
      name: `${AWKWARD[i % AWKWARD.length]!}`.slice(0, 256),
      text: `${prefix} ${AWKWARD[(i + 3) % AWKWARD.length]!} ${'\\'.repeat(i % 4)}"${i}"`,
    }));
    const lines = ['Email,DisplayName,InvitationText', ...rows.map((r) => [r.email, quote(r.name), quote(r.text)].join(',')), ...extra];
    return { content: `${lines.join('\n')}\n`, rows };
  }

  it('writes every awkward value intact, each row in the uploading tenant', async () => {
    const fileA = csv('alpha');
    const fileB = csv('beta');
    const [resultA, resultB] = await Promise.all([
      uploadCsv(t, a.admin.token, 'a.csv', fileA.content),
      uploadCsv(t, b.admin.token, 'b.csv', fileB.content),
    ]);
    for (const [result, file, tenant] of [
      [resultA, fileA, a],
      [resultB, fileB, b],
    ] as const) {
      expect(result.status, result.message).toBe(200);
      expect(result.batch).toMatchObject({ status: 'Completed', totalRows: 120, createdCount: 120, failedCount: 0 });
      const invitations = await t.gateway.db.manager.findBy(Invitation, { tenantId: tenant.tenant.id });
      const byEmail = new Map(invitations.map((inv) => [inv.email, inv]));
      for (const row of file.rows) {
        const stored = byEmail.get(row.email);
        expect(stored, row.email).toBeDefined();
        // Display names are stored with their whitespace folded (the row's validation), nothing else changed.
        expect(stored!.displayName).toBe(row.name.replace(/\s+/g, ' ').trim());
        expect(stored!.invitationText).toBe(row.text.trim());
        const user = await t.gateway.db.manager.findOneByOrFail(User, { id: stored!.invitedUserId! });
        expect(user.tenantId).toBe(tenant.tenant.id);
        expect(user.displayName).toBe(stored!.displayName);
      }
      expect(invitations.filter((inv) => !file.rows.some((r) => r.email === inv.email))).toEqual([]);
    }
  });

  it('fails a row whose value is too long alone, without a 500 and without writing any of it', async () => {
    const long = csv('gamma', [
      `toolong@partner1.example,${quote('y'.repeat(300))},text`,
      `${'l'.repeat(330)}@partner1.example,Long Mail,text`,
      `hugetext@partner1.example,Huge Text,${quote('z'.repeat(200_000))}`,
    ]);
    const result = await uploadCsv(t, a.admin.token, 'long.csv', long.content);
    expect(result.status, result.message).not.toBe(500);
    expect(result.code ?? 'none').not.toBe('INTERNAL_SERVER_ERROR');
    if (result.status === 200) {
      expect(result.batch!.status).toBe('CompletedWithErrors');
      const outcomes = new Map(result.batch!.rows.nodes.map((r) => [r.email, r.outcome]));
      expect(outcomes.get('gamma0@partner0.example')).toBe('Created');
      expect(outcomes.get('toolong@partner1.example')).toBe('Failed');
      expect(outcomes.get('hugetext@partner1.example')).toBe('Failed');
      const stored = await t.gateway.db.manager.findBy(Invitation, { tenantId: a.tenant.id });
      // No truncated copy of the too-long values (a cast to varchar(n) would cut them silently).
      expect(stored.filter((inv) => inv.displayName.startsWith('yyyy') && inv.displayName.length !== 300)).toEqual([]);
      expect(stored.filter((inv) => inv.email.startsWith('llll') && !inv.email.startsWith('l'.repeat(330)))).toEqual([]);
      for (const mail of ['toolong@partner1.example', 'hugetext@partner1.example']) {
        expect(await t.gateway.db.manager.countBy(User, { mail }), mail).toBe(0);
        expect(await t.gateway.db.manager.countBy(Invitation, { email: mail }), mail).toBe(0);
      }
    }
  });
});
