import { simpleParser } from 'mailparser';
import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { Principal, TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { uploadCsv } from '../helpers/upload.js';

/**
 * A GuestInviter writes part of the invitation mail: the message (InvitationText) and, in a CSV
 * file, the contact link (InviteContactUsUrl). The message is escaped in the HTML part, and the link
 * is only ever an http(s) URL, so no `javascript:` or `data:` link reaches a guest's mail client.
 */
describe.each(testDatabases())('attack: what a GuestInviter writes into the invitation mail on %s', (kind) => {
  let t: TestGateway;
  let smtp: TestSmtpServer;
  let inviter: Principal;
  const suite = useGatewaySuite(kind, { smtp: true, tenants: [{ domains: ['contoso-gi.example'] }] });
  beforeAll(async () => {
    let contoso: TenantFixture;
    ({
      t,
      smtp,
      tenants: [contoso],
    } = suite);
    inviter = await contoso.principal([DirectoryRole.GuestInviter]);
  });

  it('refuses a contact link that is not http(s), naming the column; escapes the message in the HTML mail', async () => {
    const hostile = [
      'javascript:alert(document.cookie)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>x</script>',
      'vbscript:msgbox',
    ];
    const message = '<a href="javascript:alert(1)">Open</a> <img src=x onerror=alert(1)> & "quotes"';
    const csv = [
      'Email,DisplayName,InvitationText,InviteContactUsUrl',
      ...hostile.map((url, i) => `bad${i}@fabrikam-gi.example,Bad ${i},hello,"${url}"`),
      `good@fabrikam-gi.example,Good,"${message.replace(/"/g, '""')}",https://help.fabrikam-gi.example/contact`,
    ].join('\r\n');
    const result = await uploadCsv(t, inviter.token, 'contacts.csv', csv);
    expect(result.batch, result.message).toMatchObject({ createdCount: 1, failedCount: hostile.length });
    for (const row of result.batch!.rows.nodes.filter((r) => r.line <= hostile.length + 1)) {
      expect(row).toMatchObject({ code: 'BAD_USER_INPUT', message: expect.stringContaining('contactUrl must be an http(s) URL') });
    }

    await t.gateway.outboxWorker.drain();
    expect(smtp.received).toHaveLength(1);
    const parsed = await simpleParser(smtp.received[0]!.raw);
    const html = String(parsed.html);
    expect(html).toContain('href="https://help.fabrikam-gi.example/contact"');
    expect(html).not.toMatch(/href="(javascript|data|vbscript):/i);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<a href="javascript');
    expect(html).toContain(
      '&lt;a href=&quot;javascript:alert(1)&quot;&gt;Open&lt;/a&gt; &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;',
    );
    expect(parsed.text).toContain(message);
  });
});
