import { beforeAll, describe, expect, it } from 'vitest';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { User } from '../../src/directory/user.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { uploadCsv } from '../helpers/upload.js';

const HEADER = 'Email,DisplayName,InvitationText\r\n';

/**
 * An outside attack found that a file saved as Windows-1252 / Latin-1 (Excel's "CSV (Comma
 * delimited)") was read as UTF-8 with U+FFFD in place of every accented letter: `René` was invited,
 * stored and mailed as `Ren\uFFFD`, silently. A file that is not UTF-8 is malformed: refused as a whole
 * with `CSV_MALFORMED`, naming the first line that is not UTF-8, nothing written; the same names saved
 * as UTF-8 go through.
 */
describe.each(testDatabases())('attack: a CSV file that is not UTF-8 on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  const suite = useGatewaySuite(kind, { tenants: [{}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a],
      } = suite),
  );
  const written = async () => ({
    invitations: await t.gateway.db.manager.countBy(Invitation, { tenantId: a.tenant.id }),
    mangled: (await t.gateway.db.manager.findBy(User, { tenantId: a.tenant.id })).filter((u) => u.displayName.includes('\uFFFD')),
  });

  it.each([
    ['a Latin-1 letter on line 3', Buffer.from(`${HEADER}ok@cp1252.example,Ada,\r\nrene@cp1252.example,Ren\xe9,\r\n`, 'latin1'), 3],
    ['a Windows-1252 quote in a quoted text on line 2, the last line', Buffer.from(`${HEADER}a@cp1252.example,A,"It\x92s"`, 'latin1'), 2],
    [
      'a truncated UTF-8 sequence in the header',
      Buffer.concat([Buffer.from('Email,Display'), Buffer.from([0xe2, 0x82]), Buffer.from('Name\n')]),
      1,
    ],
  ])('refuses %s as malformed, naming the line, writing nothing', async (_name, file, line) => {
    for (const dryRun of [true, false]) {
      const result = await uploadCsv(t, a.admin.token, 'latin1.csv', file, { dryRun });
      expect(result.code, result.message).toBe('CSV_MALFORMED');
      expect(result.message).toContain(`line ${line}`);
      expect(result.message).toContain('UTF-8');
    }
    expect(await written()).toEqual({ invitations: 0, mangled: [] });
  });

  it('reads the same names saved as UTF-8, with or without a BOM', async () => {
    for (const bom of ['', '\ufeff']) {
      const email = `rene${bom ? '-bom' : ''}@utf8.example`;
      const result = await uploadCsv(t, a.admin.token, 'utf8.csv', Buffer.from(`${bom}${HEADER}${email},René,"It’s"\r\n`, 'utf8'));
      expect(result.batch?.createdCount, result.message).toBe(1);
      const guest = await t.gateway.db.manager.findOneByOrFail(User, { tenantId: a.tenant.id, mail: email });
      expect(guest.displayName).toBe('René');
    }
  });
});
