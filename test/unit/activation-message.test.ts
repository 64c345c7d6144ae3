import { describe, expect, it } from 'vitest';
import { renderActivationMessage } from '../../src/mail/activation-message.js';
import { renderInvitationMessage } from '../../src/mail/invitation-message.js';

const base = {
  tenantName: 'Contoso & Co',
  displayName: 'Kim <b>Akers</b>',
  email: 'kim@contoso.example',
  url: 'https://gw.example/activate?token=abc_-123',
  expiresAt: new Date('2026-12-01T10:30:00Z'),
  language: 'en' as const,
  purpose: 'activate' as const,
};

describe('the activation mail', () => {
  it('greets the member by name, carries the link and when it ends, and escapes every value in HTML', () => {
    const mail = renderActivationMessage(base);
    expect(mail.subject).toBe('Activate your Contoso & Co account');
    expect(mail.text).toContain('Hello Kim <b>Akers</b>,');
    expect(mail.text).toContain('Contoso & Co created an account for you: kim@contoso.example.');
    expect(mail.text).toContain(`Choose a password: ${base.url}`);
    expect(mail.text).toContain('expires on December 1, 2026 at 10:30 AM UTC');
    expect(mail.html).toContain('Hello Kim &lt;b&gt;Akers&lt;/b&gt;,');
    expect(mail.html).not.toContain('<b>Akers');
    expect(mail.html).toContain(`href="${base.url}"`);
  });

  it("says a reset is a reset, in the member's language, and keeps header values on one line", () => {
    const reset = renderActivationMessage({ ...base, purpose: 'reset', language: 'de', tenantName: 'Evil\r\nBcc: x@y.example' });
    expect(reset.subject).not.toMatch(/[\r\n]/);
    expect(reset.text).toContain('Hallo Kim <b>Akers</b>,');
    expect(reset.text).toContain('hat das Kennwort Ihres Kontos kim@contoso.example zurückgesetzt');
  });
});

describe('the invitation mail', () => {
  it('greets the invitee by display name', () => {
    const mail = renderInvitationMessage({
      tenant: { name: 'Contoso', privacyUrl: null, contactUrl: null, logoUrl: null, brandColor: null },
      invitation: {
        displayName: 'Pat <Partner>',
        inviterDisplayName: 'Ines Inviter',
        invitationText: null,
        language: 'fr',
        expiresAt: null,
      },
      redeemUrl: 'https://gw.example/redeem?x=1',
    });
    expect(mail.text).toContain('Bonjour Pat <Partner>,');
    expect(mail.html).toContain('Bonjour Pat &lt;Partner&gt;,');
    expect(mail.subject).toContain('Ines Inviter');
  });
});
