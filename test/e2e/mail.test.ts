import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { simpleParser } from 'mailparser';
import { Like } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import { createLogger } from '../../src/logging/logger.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { OutboxWorker } from '../../src/mail/outbox.worker.js';
import { type MailTransport, smtpTransport } from '../../src/mail/transport.js';
import { systemClock } from '../../src/shared/clock.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { startSmtpServer, type TestSmtpServer } from '../helpers/smtp.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { uploadCsv } from '../helpers/upload.js';
import {
  InvitationDeliveryDocument,
  InviteUserDocument,
  OutboxDocument,
  ResendInvitationDocument,
  RetryOutboxMessageDocument,
  RevokeInvitationDocument,
} from '../graphql/generated.js';

const branding = {
  domains: ['contoso.example'],
  privacyUrl: 'https://contoso.example/privacy',
  contactUrl: 'https://contoso.example/contact',
  logoUrl: 'https://contoso.example/logo.png',
  brandColor: '#c0ffee',
};

describe.each(testDatabases())('invitation email over SMTP on %s', (kind) => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let a: TenantFixture;
  let refuseNext = 0;

  const suite = useGatewaySuite(kind, {
    smtp: { refuse: () => (refuseNext > 0 ? (refuseNext--, true) : false) },
    env: { MAIL_RETRY_BASE_SECONDS: '0', MAIL_MAX_ATTEMPTS: '3', MAIL_FROM: 'invites@gateway.example' },
    tenants: [{ ...branding, name: 'Contoso & Co' }],
  });
  beforeAll(
    () =>
      void ({
        smtp,
        t,
        tenants: [a],
      } = suite),
  );
  afterEach(() => {
    smtp.received.length = 0;
    smtp.attempts.length = 0;
    refuseNext = 0;
  });

  const drain = () => t.gateway.outboxWorker.drain();
  const delivery = async (id: string) => (await a.admin.client.data(InvitationDeliveryDocument, { id })).invitation.delivery;

  it('sends the rendered invitation: recipients, CC, subject, both parts, link, language, escaping', async () => {
    const hostileText = '<script>alert("x")</script> & <b>bold</b>\nsecond line — it’s fine';
    const { inviteUser } = await a.admin.client.data(InviteUserDocument, {
      input: {
        email: 'zoe@fabrikam.example',
        displayName: 'Zoë 山田\r\nBcc: attacker@evil.example',
        ccEmailAddress: 'boss@fabrikam.example',
        language: 'de',
        invitationText: hostileText,
      },
    });
    expect((await delivery(inviteUser.id))?.status).toBe('Queued');
    expect(await drain()).toBe(1);

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to.sort()).toEqual(['boss@fabrikam.example', 'zoe@fabrikam.example']);
    expect(mail.from).toBe('invites@gateway.example');
    expect(mail.raw).not.toMatch(/^Bcc:/im);
    expect(mail.raw).not.toContain('attacker@evil.example\r\n');

    const parsed = await simpleParser(mail.raw);
    expect(parsed.to).toMatchObject({ value: [{ address: 'zoe@fabrikam.example', name: 'Zoë 山田 Bcc: attacker@evil.example' }] });
    expect(parsed.cc).toMatchObject({ value: [{ address: 'boss@fabrikam.example' }] });
    expect(parsed.from?.value[0]).toMatchObject({
      address: 'invites@gateway.example',
      name: `${a.admin.app.displayName} from Contoso & Co (via b2b-gateway)`,
    });
    expect(parsed.subject).toBe(`${a.admin.app.displayName} hat Sie zum Zugriff auf Anwendungen von Contoso & Co eingeladen`);
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');

    const text = parsed.text!;
    expect(text).toContain(inviteUser.inviteRedeemUrl!);
    expect(text).toContain('Einladung annehmen');
    expect(text).toContain(hostileText);
    expect(text).toContain('https://contoso.example/privacy');
    expect(text).toContain('https://contoso.example/contact');

    const html = String(parsed.html);
    expect(html).toContain('<html lang="de">');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;<br>');
    expect(html).toContain(`href="${inviteUser.inviteRedeemUrl!.replace(/&/g, '&amp;')}"`);
    expect(html).toContain('Contoso &amp; Co');
    expect(html).toContain('https://contoso.example/logo.png');
    expect(html).toContain('#c0ffee');

    const state = await delivery(inviteUser.id);
    expect(state).toMatchObject({ status: 'Sent', attempts: 1, lastError: null });
    expect(state?.sentAt).not.toBeNull();
    const row = await t.gateway.db.manager.findOneByOrFail(OutboxMessage, { invitationId: inviteUser.id });
    expect(row.messageId).toBe(parsed.messageId);
    expect(row.bodySealed).toBe('');
    expect(row.serverResponse).toMatch(/^250/);
  });

  it('writes the English message by default and names no privacy link when the tenant has none', async () => {
    const plain = await createTenant(t);
    const { inviteUser } = await plain.admin.client.data(InviteUserDocument, { input: { email: 'plain@fabrikam.example' } });
    await drain();
    const parsed = await simpleParser(smtp.received[0]!.raw);
    expect(parsed.subject).toBe(`${plain.admin.app.displayName} invited you to access applications in ${plain.tenant.name}`);
    expect(parsed.text).toContain(`${plain.tenant.name} has not provided a privacy statement.`);
    expect(parsed.text).toContain(inviteUser.inviteRedeemUrl!);
    expect(parsed.text).toMatch(/Only accept this invitation if you know/);
  });

  it('queues nothing when sendInvitationMessage is false; the admin hands over the link', async () => {
    const { inviteUser } = await a.admin.client.data(InviteUserDocument, {
      input: { email: 'handover@fabrikam.example', sendInvitationMessage: false },
    });
    expect(inviteUser.inviteRedeemUrl).toMatch(/\/redeem\?/);
    expect(await delivery(inviteUser.id)).toBeNull();
    expect(await drain()).toBe(0);
    expect(smtp.received).toHaveLength(0);
  });

  it('resend cancels the queued message and sends only the new link; revoke sends nothing', async () => {
    const first = (await a.admin.client.data(InviteUserDocument, { input: { email: 'resend@fabrikam.example' } })).inviteUser;
    const resent = (await a.admin.client.data(ResendInvitationDocument, { id: first.id })).resendInvitation;
    const doomed = (await a.admin.client.data(InviteUserDocument, { input: { email: 'doomed@fabrikam.example' } })).inviteUser;
    await a.admin.client.data(RevokeInvitationDocument, { id: doomed.id });
    expect(await drain()).toBe(1);
    expect(smtp.received).toHaveLength(1);
    const parsed = await simpleParser(smtp.received[0]!.raw);
    expect(parsed.text).toContain(resent.inviteRedeemUrl!);
    expect(parsed.text).not.toContain(first.inviteRedeemUrl!);
    expect((await delivery(doomed.id))?.status).toBe('Cancelled');
    const cancelled = await t.gateway.db.manager.findBy(OutboxMessage, { invitationId: first.id, status: 'Cancelled' as never });
    expect(cancelled).toHaveLength(1);
    expect(cancelled[0]!.bodySealed).toBe('');
  });

  it('sends the mails of a CSV upload from one shared template, each with its own name and link, retried like any', async () => {
    refuseNext = 1;
    const file = 'Email,DisplayName\ncsv1@fabrikam.example,Ann <One>\ncsv2@fabrikam.example,Bob $&\ncsv3@fabrikam.example,Cy Third\n';
    expect((await uploadCsv(t, a.admin.token, 'mail.csv', file)).batch!.createdCount).toBe(3);
    const rows = await t.gateway.db.manager.find(OutboxMessage, { where: { toAddress: Like('csv_@fabrikam.example') } });
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.templateId)).size).toBe(1);
    expect(rows[0]!.templateId).not.toBeNull();
    await drain();
    expect(smtp.attempts).toHaveLength(4);
    expect(smtp.received).toHaveLength(3);
    // Each guest's name, as the text and the HTML part write it.
    const names: Record<string, [string, string]> = {
      'csv1@fabrikam.example': ['Ann <One>', 'Ann &lt;One&gt;'],
      'csv2@fabrikam.example': ['Bob $&', 'Bob $&amp;'],
      'csv3@fabrikam.example': ['Cy Third', 'Cy Third'],
    };
    const links = new Set<string>();
    for (const mail of smtp.received) {
      const parsed = await simpleParser(mail.raw);
      const [text, html] = names[mail.to[0]!]!;
      const link = /https?:\/\/\S+\/redeem\S+/.exec(parsed.text!)![0];
      links.add(link);
      expect(parsed.text).toContain(text);
      expect(String(parsed.html)).toContain(html);
      expect(String(parsed.html)).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
      expect(`${parsed.text}${String(parsed.html)}`).not.toMatch(/\uE000/);
    }
    expect(links.size).toBe(3);
  });

  it('retries a refused message with the same Message-ID and delivers it exactly once', async () => {
    refuseNext = 2;
    const { inviteUser } = await a.admin.client.data(InviteUserDocument, { input: { email: 'retry@fabrikam.example' } });
    await t.gateway.outboxWorker.runOnce();
    expect(await delivery(inviteUser.id)).toMatchObject({ status: 'Queued', attempts: 1, lastError: expect.stringMatching(/451/) });
    await drain();
    expect(smtp.attempts).toHaveLength(3);
    expect(new Set(smtp.attempts).size).toBe(1);
    expect(smtp.received).toHaveLength(1);
    expect(await delivery(inviteUser.id)).toMatchObject({ status: 'Sent', attempts: 3, lastError: null });
  });

  it('marks a message Failed after MAIL_MAX_ATTEMPTS with the last error, and an admin can retry it', async () => {
    refuseNext = 3;
    const { inviteUser } = await a.admin.client.data(InviteUserDocument, { input: { email: 'fails@fabrikam.example' } });
    await drain();
    expect(smtp.received).toHaveLength(0);
    expect(await delivery(inviteUser.id)).toMatchObject({ status: 'Failed', attempts: 3, lastError: expect.stringMatching(/451/) });
    const failed = (await a.admin.client.data(OutboxDocument, { statuses: ['Failed'] })).outbox.nodes;
    expect(failed.map((m) => m.invitationId)).toContain(inviteUser.id);
    const messageId = failed.find((m) => m.invitationId === inviteUser.id)!.id;
    // The invitation names its delivery's outbox message, so a client can retry it from the invitation.
    expect((await delivery(inviteUser.id))?.outboxMessageId).toBe(messageId);
    expect((await a.admin.client.data(RetryOutboxMessageDocument, { id: messageId })).retryOutboxMessage).toMatchObject({
      status: 'Queued',
      attempts: 0,
    });
    await drain();
    expect(smtp.received).toHaveLength(1);
    expect(await delivery(inviteUser.id)).toMatchObject({ status: 'Sent' });
    expect(await a.admin.client.errorCode(RetryOutboxMessageDocument, { id: messageId })).toBe('CONFLICT');
  });

  it('keeps messages queued while the mail server is down, and sends them when it is back', async () => {
    const down = await startSmtpServer();
    const downUrl = down.url;
    await down.close();
    const worker = new OutboxWorker(t.gateway.db, t.gateway.services.outbox, smtpTransport(downUrl), systemClock, createLogger('silent'), {
      maxAttempts: 5,
      retryBaseSeconds: 0,
      retryMaxSeconds: 0,
      pollMs: 1000,
    });
    const { inviteUser } = await a.admin.client.data(InviteUserDocument, { input: { email: 'down@fabrikam.example' } });
    await worker.runOnce();
    expect(await delivery(inviteUser.id)).toMatchObject({
      status: 'Queued',
      attempts: 1,
      lastError: expect.stringMatching(/ECONNREFUSED|connect/i),
    });
    await drain();
    expect(smtp.received.map((m) => m.to)).toEqual([['down@fabrikam.example']]);
  });

  it('the outbox query shows only the caller tenant’s messages, to admins', async () => {
    const b = await createTenant(t);
    const invited = (await b.admin.client.data(InviteUserDocument, { input: { email: 'theirs@fabrikam.example' } })).inviteUser;
    const mine = (await a.admin.client.data(OutboxDocument, { statuses: ['Queued'] })).outbox.nodes;
    expect(mine.map((m) => m.toAddress)).not.toContain('theirs@fabrikam.example');
    const theirs = (await b.admin.client.data(OutboxDocument, {})).outbox.nodes;
    expect(theirs.map((m) => m.toAddress)).toEqual(['theirs@fabrikam.example']);
    expect(await a.admin.client.errorCode(RetryOutboxMessageDocument, { id: theirs[0]!.id })).toBe('NOT_FOUND');
    // The id their invitation's delivery names is no way into their outbox either.
    const theirDelivery = (await b.admin.client.data(InvitationDeliveryDocument, { id: invited.id })).invitation.delivery;
    expect(theirDelivery?.outboxMessageId).toBe(theirs[0]!.id);
    expect(await a.admin.client.errorCode(RetryOutboxMessageDocument, { id: theirDelivery!.outboxMessageId })).toBe('NOT_FOUND');
    await drain();
  });

  it('two workers with their own connections share 200 messages and send each exactly once', { timeout: 60_000 }, async () => {
    const fresh = await createTenant(t);
    for (let i = 0; i < 200; i++) {
      await t.gateway.services.invitations.invite(await t.gateway.services.apiTokens.verify(fresh.admin.token), {
        email: `bulk${i}@fabrikam.example`,
      });
    }
    const second = new Database(await openDatabase(t.gateway.config.database));
    const options = { maxAttempts: 3, retryBaseSeconds: 0, retryMaxSeconds: 0, pollMs: 1000 };
    // Each worker's own SMTP transport, noting what it handed over.
    const sentBy = { A: [] as string[], B: [] as string[] };
    const recording = (name: keyof typeof sentBy): MailTransport => {
      const inner = smtpTransport(smtp.url);
      return { send: (mail) => (sentBy[name].push(mail.messageId), inner.send(mail)), close: () => inner.close() };
    };
    const workerA = new OutboxWorker(t.gateway.db, t.gateway.services.outbox, recording('A'), systemClock, createLogger('silent'), options);
    const workerB = new OutboxWorker(second, t.gateway.services.outbox, recording('B'), systemClock, createLogger('silent'), options);
    const [sentA, sentB] = await Promise.all([workerA.drain(), workerB.drain()]);
    await second.close();

    // Exactly once: 200 distinct messages, each handed to SMTP by one worker, once, and recorded Sent after one attempt.
    expect(sentA + sentB).toBe(200);
    expect([sentBy.A.length, sentBy.B.length]).toEqual([sentA, sentB]);
    expect(sentBy.A.filter((id) => sentBy.B.includes(id))).toEqual([]);
    expect(smtp.attempts).toHaveLength(200);
    expect(new Set(smtp.attempts).size).toBe(200);
    expect(new Set(smtp.received.map((m) => m.to[0])).size).toBe(200);
    const rows = await t.gateway.db.manager.findBy(OutboxMessage, { tenantId: fresh.tenant.id });
    expect(rows).toHaveLength(200);
    for (const row of rows) expect(row).toMatchObject({ status: 'Sent', attempts: 1, lockedBy: null });
    // Both took a share: claims interleave on both databases (each send waits on the network).
    expect(Math.min(sentA, sentB)).toBeGreaterThan(0);
  });
});

describe('the default without SMTP: .eml files and the redemption URL in the log', () => {
  let t: TestGateway;
  const lines: string[] = [];

  beforeAll(async () => {
    const destination = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
    t = await startTestGateway('sqlite', {}, { logger: createLogger('info', { destination }) });
  });
  afterAll(() => t.stop());

  it('writes a valid message per invitation and logs its link', async () => {
    const a = await createTenant(t);
    const { inviteUser } = await a.admin.client.data(InviteUserDocument, { input: { email: 'eml@fabrikam.example', language: 'ja' } });
    await t.gateway.outboxWorker.drain();
    const files = fs.readdirSync(t.mailDir).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(fs.readFileSync(path.join(t.mailDir, files[0]!)));
    expect(parsed.to).toMatchObject({ value: [{ address: 'eml@fabrikam.example' }] });
    expect(parsed.subject).toContain('招待');
    expect(parsed.text).toContain(inviteUser.inviteRedeemUrl!);
    expect(String(parsed.html)).toContain('招待を承諾する');
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.redeemUrl);
    expect(logged.redeemUrl).toBe(inviteUser.inviteRedeemUrl);
  });
});
