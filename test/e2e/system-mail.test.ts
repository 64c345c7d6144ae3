import { beforeAll, describe, expect, it } from 'vitest';
import { getNamedType, type GraphQLSchema } from 'graphql';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { latestMail } from '../helpers/partner-flow.js';
import { dumpDatabase, everyField, introspect } from '../helpers/secret-scan.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';
import { VerificationCode } from '../../src/accounts/verification-code.entity.js';
import { InviteUserDocument, OutboxDocument, RetryOutboxMessageDocument, SendPasswordResetDocument } from '../graphql/generated.js';

const ALL_STATUSES = 'statuses: [Queued, Sending, Sent, Failed, Cancelled]';

/**
 * The attack of issue #10 finding 1: an admin invites an address without sending the invitation,
 * opens the link, presses Accept, and reads the sign-up code the gateway mailed to the real owner.
 */
describe.each(testDatabases())('system mail (sign-up and password-reset codes) is nobody’s to read, on %s', (kind) => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let contoso: TenantFixture;
  let schema: GraphQLSchema;

  const suite = useGatewaySuite(kind, { smtp: true, tenants: [{ domains: ['contoso.example'] }] });
  beforeAll(async () => {
    ({
      smtp,
      t,
      tenants: [contoso],
    } = suite);
    schema = await introspect(t, contoso.admin.token);
  });

  /** Everything the admin can read over GraphQL: every field of the outbox and the invitations, and more. */
  const everythingTheAdminReads = async (invitationId: string | null, userId: string): Promise<string> => {
    const query = schema.getQueryType()!;
    const fields = query.getFields();
    const sel = (name: string, depth: number) => everyField(getNamedType(fields[name]!.type), depth);
    const documents = [
      `{ outbox(${ALL_STATUSES}, first: 200) { ${sel('outbox', 3)} } }`,
      `{ invitations(first: 200) { ${sel('invitations', 3)} } }`,
      ...(invitationId ? [`{ invitation(id: "${invitationId}") { ${sel('invitation', 3)} } }`] : []),
      `{ user(id: "${userId}") { ${sel('user', 2)} } }`,
      `{ auditEvents(first: 200) { ${sel('auditEvents', 3)} } }`,
    ];
    const answers: string[] = [];
    for (const document of documents) {
      const response = await fetch(`${t.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${contoso.admin.token}` },
        body: JSON.stringify({ query: document }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: unknown };
      expect(body.errors, document).toBeUndefined();
      answers.push(JSON.stringify(body.data));
    }
    return answers.join('\n');
  };

  it('the inviting admin finds the code through no query and no column, while queued or after sending', async () => {
    const email = 'ceo@victimcorp.example';
    const { inviteUser } = await contoso.admin.client.data(InviteUserDocument, { input: { email, sendInvitationMessage: false } });
    const web = new WebClient();
    const codePage = await web.submit(await web.get(inviteUser.inviteRedeemUrl!), '/redeem/accept');
    expect(text(codePage)).toContain('code');

    const queued = await t.gateway.db.manager.findOneByOrFail(OutboxMessage, { toAddress: email });
    const beforeSending = { graphql: await everythingTheAdminReads(inviteUser.id, inviteUser.invitedUser!.id), db: await dumpDatabase(t) };

    // The real owner's mailbox is the only place the code arrives.
    const mail = await latestMail(t, smtp, email);
    const code = /\b(\d{6})\b/.exec(mail.subject ?? '')![1]!;
    expect(mail.text).toContain(code);
    const afterSending = { graphql: await everythingTheAdminReads(inviteUser.id, inviteUser.invitedUser!.id), db: await dumpDatabase(t) };

    // Boundaries keep a code-shaped run inside a hash, id or timestamp from counting as a leak.
    const leak = new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`);
    for (const [when, seen] of Object.entries({ beforeSending, afterSending })) {
      expect(seen.graphql, `GraphQL ${when}`).not.toMatch(leak);
      for (const [table, rows] of Object.entries(seen.db)) expect(rows, `table ${table} ${when}`).not.toMatch(leak);
    }
    expect(queued).toMatchObject({ audience: 'System', subject: '', invitationId: null });
    expect(afterSending.graphql, 'the outbox lists system mail').not.toContain(queued.id);
    const sent = await t.gateway.db.manager.findOneByOrFail(OutboxMessage, { id: queued.id });
    expect(sent).toMatchObject({ status: 'Sent', subject: '', bodySealed: '' });
    expect(await contoso.admin.client.errorCode(RetryOutboxMessageDocument, { id: queued.id })).toBe('NOT_FOUND');
  });

  /** Waits for the latest reset mail to `email` (queued just after the page answered). */
  async function resetMail(email: string, before: number) {
    for (let i = 0; i < 50; i++) {
      await t.gateway.outboxWorker.drain();
      if (smtp.received.length > before) return latestMail(t, smtp, email);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no reset mail to ${email}`);
  }

  it('a password-reset code, sent by the admin or asked for on the page, is in no query and no column', async () => {
    const email = 'cfo@contoso.example';
    const member = await t.gateway.services.users.createMember(contoso.tenant.id, { displayName: 'Contoso CFO', mail: email });
    await t.gateway.services.accounts.setPassword(member.id, 'a long and lonely passphrase');
    const leaks = async (code: string) => {
      const leak = new RegExp(`(?<![0-9A-Za-z])${code}(?![0-9A-Za-z])`);
      expect(await everythingTheAdminReads(null, member.id), 'GraphQL').not.toMatch(leak);
      for (const [table, rows] of Object.entries(await dumpDatabase(t))) expect(rows, `table ${table}`).not.toMatch(leak);
    };

    let before = smtp.received.length;
    expect(await contoso.admin.client.data(SendPasswordResetDocument, { userId: member.id })).toEqual({ sendPasswordReset: true });
    const queued = await t.gateway.db.manager.findOneByOrFail(OutboxMessage, { toAddress: email });
    expect(queued).toMatchObject({ audience: 'System', subject: '', invitationId: null });
    const adminSent = /\b(\d{6})\b/.exec((await resetMail(email, before)).text ?? '')![1]!;
    await leaks(adminSent);

    // A minute later (one code a minute per account), the person asks on the page.
    await t.gateway.db.manager.update(VerificationCode, { email }, { createdAt: new Date(Date.now() - 2 * 60 * 1000) });
    before = smtp.received.length;
    const web = new WebClient();
    await web.submit(await web.get(`${t.baseUrl}/password/forgot`), '/password/forgot', { email });
    const asked = /\b(\d{6})\b/.exec((await resetMail(email, before)).text ?? '')![1]!;
    await leaks(asked);
    expect(
      JSON.stringify(
        await contoso.admin.client.data(OutboxDocument, {
          statuses: ['Queued', 'Sending', 'Sent', 'Failed', 'Cancelled'] as never,
          first: 200,
        }),
      ),
    ).not.toContain(email);
  });
});
