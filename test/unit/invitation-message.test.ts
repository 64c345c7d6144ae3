import { describe, expect, it } from 'vitest';
import { invitationTemplate, renderInvitationMessage, sameTemplateInputs } from '../../src/mail/invitation-message.js';

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

describe('sameTemplateInputs (the per-row test the outbox shares a template by)', () => {
  // Every invitation field a template is rendered from, and another value for each. Both are typed by
  // what the template takes, so a field added there must be added here too, and is then varied below.
  type TemplateInvitation = Parameters<typeof sameTemplateInputs>[0];
  const base: Required<TemplateInvitation> = {
    inviterDisplayName: 'Ada Admin',
    invitationText: 'Welcome',
    language: 'en',
    expiresAt: new Date('2030-01-02T00:00:00Z'),
  };
  const other: Required<TemplateInvitation> = {
    inviterDisplayName: 'Bob Admin',
    invitationText: null,
    language: 'de',
    expiresAt: null,
  };
  const fields = Object.keys(base) as (keyof TemplateInvitation)[];
  const key = (invitation: TemplateInvitation) => invitationTemplate({ tenant, invitation })!.key;

  it('says two invitations share a template exactly when their template keys are equal, whichever fields differ', () => {
    for (let mask = 0; mask < 1 << fields.length; mask++) {
      const changed = fields.filter((_, i) => mask & (1 << i));
      const b = { ...base, ...Object.fromEntries(changed.map((f) => [f, other[f]])) };
      expect(sameTemplateInputs(base, b), changed.join(', ')).toBe(key(base) === key(b));
      expect(key(base) === key(b), changed.join(', ')).toBe(changed.length === 0);
    }
    // Equal values in distinct objects (a Date is compared by its instant).
    const copy = { ...base, expiresAt: new Date(base.expiresAt!.getTime()) };
    expect(sameTemplateInputs(base, copy)).toBe(true);
    expect(key(copy)).toBe(key(base));
  });
});
