import { describe, expect, it } from 'vitest';
import { renderInvitationMessage } from '../../src/mail/invitation-message.js';

const tenant = { name: 'Contoso', privacyUrl: 'https://contoso.example/privacy', contactUrl: null, logoUrl: null, brandColor: null };
const invitation = (displayName: string, invitationText: string | null = null) => ({
  displayName,
  inviterDisplayName: 'Ada Admin',
  invitationText,
  language: 'en',
  expiresAt: new Date('2030-01-02T00:00:00Z'),
});

describe('renderInvitationMessage (one template per upload, the name and link filled in)', () => {
  it('gives each message its own name and link, escaped in the HTML part, and nothing of the message before', () => {
    const first = renderInvitationMessage({
      tenant,
      invitation: invitation('Ann <One>'),
      redeemUrl: 'https://gw.example/redeem/1?ticket=a&x=1',
    });
    const second = renderInvitationMessage({
      tenant,
      invitation: invitation('Bob $& {tenant}'),
      redeemUrl: 'https://gw.example/redeem/2?ticket=b',
    });
    expect(first.text).toContain('Ann <One>');
    expect(first.text).toContain('https://gw.example/redeem/1?ticket=a&x=1');
    expect(first.html).toContain('Ann &lt;One&gt;');
    expect(first.html).toContain('href="https://gw.example/redeem/1?ticket=a&amp;x=1"');
    // Replacement patterns and placeholders in a name are written as they are.
    expect(second.text).toContain('Bob $& {tenant}');
    expect(second.html).toContain('Bob $&amp; {tenant}');
    for (const part of [second.text, second.html]) {
      expect(part).not.toContain('Ann');
      expect(part).not.toContain('redeem/1');
      expect(part).toContain('redeem/2');
      expect(part).not.toMatch(/\uE000/);
    }
    expect(second.subject).toBe(first.subject);
  });

  it('never fills a stand-in that came from input: a message or name holding one is rendered as written', () => {
    const sneaky = renderInvitationMessage({
      tenant,
      invitation: invitation('Eve \uE000u\uE000', 'Click \uE000u\uE000 now'),
      redeemUrl: 'https://gw.example/redeem/3',
    });
    expect(sneaky.text).toContain('Click \uE000u\uE000 now');
    expect(sneaky.text).toContain('Eve \uE000u\uE000');
    expect(sneaky.text.split('https://gw.example/redeem/3')).toHaveLength(2);
  });
});
