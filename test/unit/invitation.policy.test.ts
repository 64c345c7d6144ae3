import { describe, expect, it } from 'vitest';
import { InvitationStatus } from '../../src/invitations/invitation.entity.js';
import { normalizeCcAddress, normalizeDisplayName } from '../../src/invitations/invitation-fields.js';
import { effectiveStatus, expiryFor, guestUserPrincipalName, normalizeEmail } from '../../src/invitations/invitation.policy.js';
import { checkRedirectUrl } from '../../src/invitations/redirect-url.js';
import { normalizeLanguage, SUPPORTED_LANGUAGES } from '../../src/invitations/languages.js';
import { DomainError } from '../../src/shared/errors.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'no error';
};

describe('invitation policy', () => {
  it('builds the documented guest UPN', () => {
    expect(guestUserPrincipalName('user@fabrikam.com', 'contoso.com')).toBe('user_fabrikam.com#EXT#@contoso.com');
    expect(guestUserPrincipalName('lstokes@fabrikam.com', 'contoso.onmicrosoft.com')).toBe(
      'lstokes_fabrikam.com#EXT#@contoso.onmicrosoft.com',
    );
  });

  it('normalises addresses and refuses header injection', () => {
    expect(normalizeEmail('  Carol@Fabrikam.COM ')).toBe('carol@fabrikam.com');
    expect(codeOf(() => normalizeEmail('carol@fabrikam.com\nBcc: x@y.z'))).toBe('INVALID_EMAIL');
    expect(codeOf(() => normalizeEmail(`${'a'.repeat(250)}@b.com`))).toBe('INVALID_EMAIL');
  });

  it('flattens display names to one line (they end up in mail headers)', () => {
    expect(normalizeDisplayName('Eve\r\nBcc: all@x.example', 'fallback')).toBe('Eve Bcc: all@x.example');
    expect(normalizeDisplayName('  ', 'a@b.example')).toBe('a@b.example');
    expect(normalizeDisplayName('Zoë Åström 山田', 'x')).toBe('Zoë Åström 山田');
  });

  it('accepts exactly the 11 documented languages', () => {
    expect(SUPPORTED_LANGUAGES).toHaveLength(11);
    expect(normalizeLanguage(undefined)).toBe('en');
    expect(normalizeLanguage('PT-br')).toBe('pt-BR');
    expect(codeOf(() => normalizeLanguage('en-US'))).toBe('UNSUPPORTED_LANGUAGE');
    expect(codeOf(() => normalizeLanguage('zh'))).toBe('UNSUPPORTED_LANGUAGE');
  });

  it('allows at most one CC address', () => {
    expect(normalizeCcAddress('')).toBeNull();
    expect(codeOf(() => normalizeCcAddress('a@x.example b@x.example'))).toBe('TOO_MANY_CC_RECIPIENTS');
  });

  it('never allows an open redirect', () => {
    expect(checkRedirectUrl('', [], [])).toBeNull();
    expect(checkRedirectUrl('https://app.example/cb', ['https://app.example/cb'], [])).toBe('https://app.example/cb');
    expect(codeOf(() => checkRedirectUrl('https://app.example/cb/../../evil', ['https://app.example/cb'], []))).toBe(
      'REDIRECT_URL_NOT_ALLOWED',
    );
    expect(codeOf(() => checkRedirectUrl('//evil.example', [], ['evil.example']))).toBe('REDIRECT_URL_NOT_ALLOWED');
    expect(codeOf(() => checkRedirectUrl('https://xcontoso.example', [], ['*.contoso.example']))).toBe('REDIRECT_URL_NOT_ALLOWED');
    expect(checkRedirectUrl('https://a.b.contoso.example/x', [], ['*.contoso.example'])).toBe('https://a.b.contoso.example/x');
  });

  it('derives Expired from the expiry; 0 days means never', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(expiryFor(now, 0)).toBeNull();
    expect(expiryFor(now, 30)?.toISOString()).toBe('2026-01-31T00:00:00.000Z');
    const pending = { status: InvitationStatus.PendingAcceptance, expiresAt: new Date('2026-01-02T00:00:00Z') };
    expect(effectiveStatus(pending, now)).toBe('PendingAcceptance');
    expect(effectiveStatus(pending, new Date('2026-01-02T00:00:00Z'))).toBe('Expired');
    expect(effectiveStatus({ status: InvitationStatus.Revoked, expiresAt: pending.expiresAt }, new Date('2027-01-01'))).toBe('Revoked');
    expect(effectiveStatus({ status: InvitationStatus.PendingAcceptance, expiresAt: null }, new Date('2099-01-01'))).toBe(
      'PendingAcceptance',
    );
  });
});
