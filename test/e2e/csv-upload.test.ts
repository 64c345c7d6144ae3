import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditEvent } from '../../src/audit/audit-event.entity.js';
import { GroupMember } from '../../src/directory/group.entity.js';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { ExternalUserState, User } from '../../src/directory/user.entity.js';
import { BatchStatus, InvitationBatch, InvitationBatchRow } from '../../src/invitations/batch/invitation-batch.entity.js';
import { CHUNK } from '../../src/invitations/batch/batch-writer.js';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { AppAssignment } from '../../src/apps/app-assignment.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { failInserts } from '../helpers/failing-inserts.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { fixture, generatedCsv, uploadCsv, withInvitationInsertFailing } from '../helpers/upload.js';
import {
  CreateApplicationDocument,
  CreateGroupDocument,
  InvitationBatchDocument,
  InvitationBatchesDocument,
  InvitationBatchReportDocument,
  InvitationsDocument,
} from '../graphql/generated.js';

describe.each(testDatabases())('CSV bulk invitations on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  let ids: Record<string, string>;

  const suite = useGatewaySuite(kind, { env: { CSV_MAX_BYTES: String(1024 * 1024) }, tenants: [{ domains: ['contoso.example'] }] });
  beforeAll(async () => {
    ({
      t,
      tenants: [a],
    } = suite);
    const app = (
      await a.admin.client.data(CreateApplicationDocument, {
        input: { displayName: 'Portal', replyUrls: ['https://portal.contoso.example/cb'] },
      })
    ).createApplication.application;
    const group = (await a.admin.client.data(CreateGroupDocument, { input: { displayName: 'Externals' } })).createGroup;
    const group2 = (await a.admin.client.data(CreateGroupDocument, { input: { displayName: 'MyGroup1' } })).createGroup;
    ids = {
      APP_ID: app.appId,
      APP_OBJECT_ID: app.id,
      REPLY_URL: 'https://portal.contoso.example/cb',
      GROUP_ID: group.id,
      GROUP2_ID: group2.id,
    };
  });

  const upload = (name: string, content: string | Buffer, options?: { dryRun?: boolean; preflight?: boolean }, token = a.admin.token) =>
    uploadCsv(t, token, name, content, options);
  const em = () => t.gateway.db.manager;
  const guest = (mail: string) => em().findOneByOrFail(User, { tenantId: a.tenant.id, mail });
  const invitationOf = (mail: string) =>
    em().findOneOrFail(Invitation, { where: { tenantId: a.tenant.id, email: mail }, order: { id: 'DESC' } });

  async function counts() {
    return {
      users: await em().count(User),
      invitations: await em().count(Invitation),
      outbox: await em().count(OutboxMessage),
      batches: await em().count(InvitationBatch),
      audit: await em().count(AuditEvent),
      members: await em().count(GroupMember),
      assignments: await em().count(AppAssignment),
    };
  }

  it('imports the documented 2016 sample: guests, grants, text, redirect, CC and language', async () => {
    const result = await upload('partners.csv', fixture('sample-2016.csv', ids));
    expect(result.batch).toMatchObject({ status: 'Completed', totalRows: 2, createdCount: 2, failedCount: 0, dryRun: false });
    expect(result.batch!.rows.nodes.map((r) => [r.line, r.email, r.outcome])).toEqual([
      [2, 'wharp@fabrikam.example', 'Created'],
      [3, 'alice@fabrikam.example', 'Created'],
    ]);
    const walter = await invitationOf('wharp@fabrikam.example');
    expect(walter).toMatchObject({
      displayName: 'Walter Harp',
      ccEmailAddress: 'you@yourcompany.example',
      language: 'en',
      batchId: result.batch!.id,
    });
    expect(walter.invitationText).toBe('Hi Walter! We’re glad you’re joining us.');
    expect(walter.applicationIds).toEqual([ids.APP_OBJECT_ID]);
    const alice = await invitationOf('alice@fabrikam.example');
    expect(alice).toMatchObject({ language: 'de', redirectUrl: ids.REPLY_URL, groupIds: [ids.GROUP_ID, ids.GROUP2_ID] });
    const aliceUser = await guest('alice@fabrikam.example');
    expect(aliceUser.userPrincipalName).toBe('alice_fabrikam.example#EXT#@contoso.example');
    expect(await em().countBy(GroupMember, { userId: aliceUser.id })).toBe(2);
    expect(await em().countBy(AppAssignment, { principalId: aliceUser.id })).toBe(1);
    expect(await em().countBy(OutboxMessage, { invitationId: alice.id })).toBe(1);
    const actions = (await em().find(AuditEvent, { where: { tenantId: a.tenant.id, targetId: result.batch!.id } }))
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(['Batch invites processed.', 'Batch invites uploaded.']);
    const listed = await a.admin.client.data(InvitationsDocument, { filter: { batchId: result.batch!.id } });
    expect(listed.invitations.totalCount).toBe(2);
  });

  it('accepts the 2015 labels as their documented equivalents', async () => {
    const result = await upload('old-format.CSV', fixture('sample-2015.csv', ids));
    expect(result.batch).toMatchObject({ createdCount: 2, failedCount: 0 });
    const carol = await invitationOf('carol@fabrikam.example');
    expect(carol).toMatchObject({
      redirectUrl: ids.REPLY_URL,
      applicationIds: [ids.APP_OBJECT_ID],
      groupIds: [ids.GROUP_ID],
      contactUrl: 'https://www.linkedin.example/company/contoso',
    });
  });

  it('matches labels case-insensitively, trimmed, in any order', async () => {
    const result = await upload('spaces.csv', fixture('stray-spaces.csv', ids));
    expect(result.batch).toMatchObject({ createdCount: 1, failedCount: 0 });
    expect(await invitationOf('dana@fabrikam.example')).toMatchObject({
      language: 'fr',
      displayName: 'Dana Partner',
      groupIds: [ids.GROUP_ID],
    });
  });

  it('reads a BOM, CRLF, quoted commas, quotes and newlines, and reports the starting line', async () => {
    const result = await upload('bom.csv', fixture('bom-crlf.csv'));
    expect(result.batch!.rows.nodes.map((r) => [r.line, r.email, r.outcome])).toEqual([
      [2, 'eve@fabrikam.example', 'Created'],
      [5, 'frank@fabrikam.example', 'Created'],
    ]);
    expect((await invitationOf('eve@fabrikam.example')).invitationText).toBe('Line one, with a comma\r\nand "quotes" on line two — Zoë');
  });

  it('reports each bad row with its line and code, writes the good ones, and neutralises formulas in the report', async () => {
    const result = await upload('bad.csv', fixture('bad-rows.csv'));
    expect(result.batch).toMatchObject({ status: 'CompletedWithErrors', totalRows: 9, createdCount: 1, skippedCount: 1, failedCount: 7 });
    expect(result.batch!.rows.nodes.map((r) => [r.line, r.outcome, r.code])).toEqual([
      [2, 'Created', null],
      [3, 'Failed', 'INVALID_EMAIL'],
      [4, 'Failed', 'CONSUMER_EMAIL_NOT_SUPPORTED'],
      [5, 'Failed', 'NOT_FOUND'],
      [6, 'Failed', 'UNSUPPORTED_LANGUAGE'],
      [7, 'Failed', 'TOO_MANY_CC_RECIPIENTS'],
      [8, 'Skipped', 'DUPLICATE_IN_FILE'],
      [9, 'Failed', 'CSV_BAD_ROW'],
      [10, 'Failed', 'INVALID_EMAIL'],
    ]);
    expect(result.batch!.rows.nodes[6]!.message).toBe('Duplicate of the row on line 2');
    for (const email of ['nogroup@fabrikam.example', 'lang@fabrikam.example', 'cc@fabrikam.example', 'short@fabrikam.example']) {
      expect(await em().countBy(User, { mail: email })).toBe(0);
    }
    const report = (await a.admin.client.data(InvitationBatchReportDocument, { id: result.batch!.id })).invitationBatchReport;
    expect(report).toBe(result.batch!.reportCsv);
    const table = parse(report) as string[][];
    expect(table[0]).toEqual(['Line', 'Email', 'Outcome', 'Code', 'Message', 'InvitationId']);
    const formulaRow = table.find((r) => r[0] === '10')!;
    expect(formulaRow[1]).toBe(`'=hyperlink("http://evil.example")`);
    for (const row of table.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it.each([
    ['unknown-column.csv', 'CSV_UNKNOWN_COLUMN', /FavouriteColour/],
    ['missing-column.csv', 'CSV_MISSING_COLUMN', /DisplayName/],
    ['malformed.csv', 'CSV_MALFORMED', /line/],
    ['empty.csv', 'CSV_EMPTY', /header/],
  ])('refuses %s as a whole with %s and writes nothing', async (name, code, message) => {
    const before = await counts();
    const result = await upload(name, fixture(name));
    expect(result.code).toBe(code);
    expect(result.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('refuses a file that is not .csv, and one over the byte limit', async () => {
    expect((await upload('partners.xlsx', fixture('sample-2016.csv', ids))).code).toBe('CSV_INVALID_FILE_TYPE');
    expect((await upload('huge.csv', `Email,DisplayName\n${'x'.repeat(1024 * 1024 + 10)}`)).code).toBe('CSV_FILE_TOO_LARGE');
  });

  it('accepts 2000 data rows and refuses 2001 as a whole', async () => {
    const before = await counts();
    const refused = await upload('2001.csv', generatedCsv(2001, { prefix: 'over' }));
    expect(refused.code).toBe('CSV_TOO_MANY_ROWS');
    expect(refused.message).toMatch(/2001 data rows; at most 2000/);
    expect(await counts()).toEqual(before);

    const accepted = await upload('2000.csv', generatedCsv(2000, { appId: ids.APP_ID, groupId: ids.GROUP_ID, prefix: 'max' }));
    expect(accepted.batch).toMatchObject({ status: 'Completed', totalRows: 2000, createdCount: 2000 });
    const after = await counts();
    expect(after.invitations - before.invitations).toBe(2000);
    expect(after.outbox - before.outbox).toBe(2000);
    expect(after.members - before.members).toBe(2000);
    expect(after.assignments - before.assignments).toBe(2000);
    const page = await a.admin.client.data(InvitationBatchDocument, { id: accepted.batch!.id, first: 100, outcome: 'Created' });
    expect(page.invitationBatch.rows.totalCount).toBe(2000);
    expect(page.invitationBatch.rows.nodes[99]!.line).toBe(101);
    const next = await a.admin.client.data(InvitationBatchDocument, {
      id: accepted.batch!.id,
      first: 100,
      after: page.invitationBatch.rows.pageInfo.endCursor,
    });
    expect(next.invitationBatch.rows.nodes[0]!.line).toBe(102);
  });

  it('a dry run validates and reports without writing anything', async () => {
    const before = await counts();
    const result = await upload('dry.csv', fixture('bad-rows.csv').toString().replace(/good@/gi, 'dry@'), { dryRun: true });
    expect(result.batch).toMatchObject({ status: 'Validated', dryRun: true, createdCount: 1, failedCount: 7, skippedCount: 1 });
    expect(result.batch!.rows.nodes[0]).toMatchObject({ email: 'dry@fabrikam.example', outcome: 'Created', invitationId: null });
    expect(await counts()).toEqual(before);
    expect(await a.admin.client.errorCode(InvitationBatchDocument, { id: result.batch!.id })).toBe('NOT_FOUND');
  });

  it('re-uploading a file re-sends pending invitations instead of duplicating, and skips accepted guests', async () => {
    const file = generatedCsv(3, { prefix: 'again', groupId: ids.GROUP_ID });
    const first = await upload('again.csv', file);
    expect(first.batch).toMatchObject({ createdCount: 3 });
    const accepted = await guest('again0@partner0.example');
    await em().update(User, { id: accepted.id }, { externalUserState: ExternalUserState.Accepted });
    const before = await counts();
    const second = await upload('again.csv', file);
    expect(second.batch!.rows.nodes.map((r) => [r.email, r.outcome, r.code])).toEqual([
      ['again0@partner0.example', 'Skipped', 'GUEST_ALREADY_ACCEPTED'],
      ['again1@partner1.example', 'Resent', null],
      ['again2@partner2.example', 'Resent', null],
    ]);
    const after = await counts();
    expect(after.users).toBe(before.users);
    expect(after.invitations).toBe(before.invitations);
    expect(after.members).toBe(before.members);
    expect(after.outbox - before.outbox).toBe(2);
    const resent = await invitationOf('again1@partner1.example');
    expect(resent.id).toBe(second.batch!.rows.nodes[1]!.invitationId);
    expect(await em().countBy(OutboxMessage, { invitationId: resent.id, status: 'Cancelled' as never })).toBe(1);
  });

  it('a database error on one row fails only that row, and nothing of it is written', async () => {
    await withInvitationInsertFailing(t, 'boom@partner.example', async () => {
      const file = 'Email,DisplayName\nok1@partner.example,One\nboom@partner.example,Boom\nok2@partner.example,Two\n';
      const result = await upload('boom.csv', file);
      expect(result.batch!.rows.nodes.map((r) => [r.email, r.outcome, r.code])).toEqual([
        ['ok1@partner.example', 'Created', null],
        ['boom@partner.example', 'Failed', 'WRITE_FAILED'],
        ['ok2@partner.example', 'Created', null],
      ]);
      expect(await em().countBy(Invitation, { email: 'boom@partner.example' })).toBe(0);
      expect(await em().countBy(OutboxMessage, { toAddress: 'boom@partner.example' })).toBe(0);
    });
  });

  it('after the database fails mid-file, keeps only whole chunks, and the same file again completes the rest once', async () => {
    // More rows than one transaction holds. The database (a trigger on this suite's own database)
    // refuses every report row past the first transaction's, and then the failed row's report too: the
    // upload fails after one commit, as if the process had died there.
    const rest = 350;
    const file = generatedCsv(CHUNK + rest, { prefix: 'crash', groupId: ids.GROUP_ID });
    const before = await counts();
    const lift = await failInserts(t.gateway.db, 'invitation_batch_row', `NEW."rowNumber" > ${CHUNK}`, 'test_fail_batch_rows');
    const crashed = await upload('crash.csv', file).finally(lift);
    expect(crashed.code).toBe('INTERNAL_SERVER_ERROR');
    const batch = await em().findOneByOrFail(InvitationBatch, { fileName: 'crash.csv' });
    expect(batch.status).toBe(BatchStatus.Processing);
    expect(await em().countBy(InvitationBatchRow, { batchId: batch.id })).toBe(CHUNK);
    expect(await em().countBy(Invitation, { batchId: batch.id })).toBe(CHUNK);
    // Nothing of the failed rows survives, in any table they write.
    const crashedCounts = await counts();
    expect(crashedCounts).toEqual({
      ...before,
      users: before.users + CHUNK,
      invitations: before.invitations + CHUNK,
      outbox: before.outbox + CHUNK,
      batches: before.batches + 1,
      audit: before.audit + 1 + 2 * CHUNK, // the "uploaded" event, and each row's invitation and group membership
      members: before.members + CHUNK,
    });
    expect(await em().createQueryBuilder(User, 'u').where(`u.mail LIKE 'crash${CHUNK}@%'`).getCount()).toBe(0);

    const resumed = await upload('crash.csv', file);
    expect(resumed.batch).toMatchObject({ createdCount: rest, skippedCount: CHUNK, failedCount: 0 });
    expect(resumed.batch!.rows.nodes[0]).toMatchObject({ outcome: 'Skipped', code: 'ALREADY_INVITED_BY_UPLOAD' });
    const users = await em().createQueryBuilder(User, 'u').where("u.mail LIKE 'crash%'").getCount();
    expect(users).toBe(CHUNK + rest);
    const outbox = await em().createQueryBuilder(OutboxMessage, 'm').where("m.toAddress LIKE 'crash%'").getCount();
    expect(outbox).toBe(CHUNK + rest);
  });

  it('lets a GuestInviter upload, refuses a principal without a role, and keeps CSRF protection', async () => {
    const inviter = await a.principal([DirectoryRole.GuestInviter]);
    expect((await upload('inviter.csv', generatedCsv(1, { prefix: 'byinviter' }), {}, inviter.token)).batch?.createdCount).toBe(1);
    const nobody = await a.principal([]);
    expect((await upload('nobody.csv', generatedCsv(1, { prefix: 'bynobody' }), {}, nobody.token)).code).toBe('FORBIDDEN');
    const noPreflight = await upload('csrf.csv', generatedCsv(1, { prefix: 'csrf' }), { preflight: false });
    expect(noPreflight.status).toBe(400);
    expect(await em().countBy(User, { mail: 'csrf0@partner0.example' })).toBe(0);
  });

  it('keeps batches apart: another tenant cannot read a batch, and its ids are NOT_FOUND in my file', async () => {
    const b = await createTenant(t);
    const mine = await upload('mine.csv', generatedCsv(1, { prefix: 'isolated' }));
    const listed = (await a.admin.client.data(InvitationBatchesDocument, { first: 1 })).invitationBatches;
    expect(listed.nodes[0]).toMatchObject({ id: mine.batch!.id, fileName: 'mine.csv', status: 'Completed', createdCount: 1 });
    expect((await b.admin.client.data(InvitationBatchesDocument, {})).invitationBatches.totalCount).toBe(0);
    expect(await b.admin.client.errorCode(InvitationBatchDocument, { id: mine.batch!.id })).toBe('NOT_FOUND');
    expect(await b.admin.client.errorCode(InvitationBatchReportDocument, { id: mine.batch!.id })).toBe('NOT_FOUND');
    const foreign = await uploadCsv(
      t,
      b.admin.token,
      'foreign.csv',
      `Email,DisplayName,InvitedToGroups\nx@partner.example,X,${ids.GROUP_ID}\n`,
    );
    expect(foreign.batch!.rows.nodes[0]).toMatchObject({ outcome: 'Failed', code: 'NOT_FOUND' });
  });
});
