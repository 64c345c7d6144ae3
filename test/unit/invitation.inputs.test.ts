import { describe, expect, it } from 'vitest';
import { PartnerDomainPolicy } from '../../src/directory/tenant.entity.js';
import {
  checkPartnerDomain,
  MAX_DISPLAY_NAME,
  MAX_INVITATION_TEXT,
  normalizeCcAddress,
  normalizeDisplayName,
  normalizeInvitationText,
  refuseConsumerDomain,
} from '../../src/invitations/invitation-fields.js';
import { emailDomain, normalizeEmail } from '../../src/invitations/invitation.policy.js';
import { checkRedirectUrl } from '../../src/invitations/redirect-url.js';
import { codeOf, outcome } from '../helpers/domain-outcome.js';

/** Invitation rules on the inputs: addresses, domains, free text and the redirect URL. */
describe('normalizeEmail', () => {
  it('accepts an address of exactly 254 characters and refuses 255', () => {
    const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(57)}.com`;
    const longest = `${'a'.repeat(64)}@${domain}`;
    expect(longest).toHaveLength(254);
    expect(normalizeEmail(longest)).toBe(longest);
    expect(codeOf(() => normalizeEmail(`a${longest}`))).toBe('INVALID_EMAIL');
  });

  it('refuses CR and LF even where the address syntax allows them (quoted local part)', () => {
    expect(codeOf(() => normalizeEmail('"a b"@x.example'))).toBe('ok');
    expect(codeOf(() => normalizeEmail('"a\rb"@x.example'))).toBe('INVALID_EMAIL');
    expect(codeOf(() => normalizeEmail('"a\nb"@x.example'))).toBe('INVALID_EMAIL');
    expect(codeOf(() => normalizeEmail('"a\r\nb"@x.example'))).toBe('INVALID_EMAIL');
  });

  it('refuses IP literals, missing TLDs and non-ASCII local parts', () => {
    expect(codeOf(() => normalizeEmail('a@[192.168.0.1]'))).toBe('INVALID_EMAIL');
    expect(codeOf(() => normalizeEmail('a@192.168.0.1'))).toBe('INVALID_EMAIL');
    expect(codeOf(() => normalizeEmail('a@localhost'))).toBe('INVALID_EMAIL');
    expect(codeOf(() => normalizeEmail('zoë@x.example'))).toBe('INVALID_EMAIL');
    expect(codeOf(() => normalizeEmail('Carol <carol@x.example>'))).toBe('INVALID_EMAIL');
  });

  it('names the field and quotes at most 320 characters of the input', () => {
    expect(outcome(() => normalizeEmail('nope'))).toEqual({
      code: 'INVALID_EMAIL',
      message: 'email is not a valid email address: "nope"',
      details: { field: 'email' },
    });
    expect(outcome(() => normalizeEmail(' x ', 'ccEmailAddress'))).toEqual({
      code: 'INVALID_EMAIL',
      message: 'ccEmailAddress is not a valid email address: " x "',
      details: { field: 'ccEmailAddress' },
    });
    const long = outcome(() => normalizeEmail('z'.repeat(400)));
    expect(long !== 'ok' && long.message).toBe(`email is not a valid email address: "${'z'.repeat(320)}"`);
  });
});

describe('domains', () => {
  it('takes the domain after the last @', () => {
    expect(emailDomain('carol@fabrikam.example')).toBe('fabrikam.example');
    expect(emailDomain('"x@y"@contoso.example')).toBe('contoso.example');
  });

  it('refuses consumer domains exactly, naming the domain', () => {
    const consumer = new Set(['gmail.com']);
    expect(outcome(() => refuseConsumerDomain('a@gmail.com', consumer))).toEqual({
      code: 'CONSUMER_EMAIL_NOT_SUPPORTED',
      message: "Consumer email addresses (gmail.com) cannot be invited; use the person's work address",
      details: { domain: 'gmail.com' },
    });
    expect(codeOf(() => refuseConsumerDomain('a@fabrikam.example', consumer))).toBe('ok');
  });

  const policy = (partnerDomainPolicy: PartnerDomainPolicy, partnerDomains: string[]) => ({ partnerDomainPolicy, partnerDomains });

  it('allows only listed domains and their subdomains under an allow list', () => {
    const allow = policy(PartnerDomainPolicy.AllowList, ['other.example', 'fabrikam.example']);
    expect(codeOf(() => checkPartnerDomain(allow, 'fabrikam.example'))).toBe('ok');
    expect(codeOf(() => checkPartnerDomain(allow, 'eu.fabrikam.example'))).toBe('ok');
    expect(codeOf(() => checkPartnerDomain(allow, 'xfabrikam.example'))).toBe('DOMAIN_NOT_ALLOWED');
    expect(codeOf(() => checkPartnerDomain(allow, 'example'))).toBe('DOMAIN_NOT_ALLOWED');
    expect(codeOf(() => checkPartnerDomain(policy(PartnerDomainPolicy.AllowList, []), 'fabrikam.example'))).toBe('DOMAIN_NOT_ALLOWED');
    expect(outcome(() => checkPartnerDomain(allow, 'evil.example'))).toEqual({
      code: 'DOMAIN_NOT_ALLOWED',
      message: 'This organization does not collaborate with evil.example',
      details: { domain: 'evil.example' },
    });
  });

  it('refuses listed domains and their subdomains under a block list', () => {
    const block = policy(PartnerDomainPolicy.BlockList, ['evil.example']);
    expect(codeOf(() => checkPartnerDomain(block, 'evil.example'))).toBe('DOMAIN_NOT_ALLOWED');
    expect(codeOf(() => checkPartnerDomain(block, 'mail.evil.example'))).toBe('DOMAIN_NOT_ALLOWED');
    expect(codeOf(() => checkPartnerDomain(block, 'notevil.example'))).toBe('ok');
    expect(codeOf(() => checkPartnerDomain(block, 'fabrikam.example'))).toBe('ok');
  });

  it('allows everyone without a policy, listed or not', () => {
    const none = policy(PartnerDomainPolicy.None, ['evil.example']);
    expect(codeOf(() => checkPartnerDomain(none, 'evil.example'))).toBe('ok');
    expect(codeOf(() => checkPartnerDomain(none, 'fabrikam.example'))).toBe('ok');
  });
});

describe('free-text fields', () => {
  it('takes one CC address, trimmed and lower-cased, and refuses lists', () => {
    expect(normalizeCcAddress(null)).toBeNull();
    expect(normalizeCcAddress(undefined)).toBeNull();
    expect(normalizeCcAddress('   ')).toBeNull();
    expect(normalizeCcAddress(' Boss@Fabrikam.example ')).toBe('boss@fabrikam.example');
    for (const list of ['a@x.example,b@x.example', 'a@x.example;b@x.example', 'a@x.example\tb@x.example', 'a@x.example , b@x.example']) {
      expect(outcome(() => normalizeCcAddress(list))).toEqual({
        code: 'TOO_MANY_CC_RECIPIENTS',
        message: 'At most one CC email address is allowed',
        details: { field: 'ccEmailAddress' },
      });
    }
    // A stray separator is not a second address, but it is not an address either.
    expect(outcome(() => normalizeCcAddress('a@x.example,'))).toMatchObject({
      code: 'INVALID_EMAIL',
      details: { field: 'ccEmailAddress' },
    });
    expect(outcome(() => normalizeCcAddress('nope'))).toMatchObject({ code: 'INVALID_EMAIL', details: { field: 'ccEmailAddress' } });
  });

  it('keeps invitation text verbatim up to the limit', () => {
    expect(normalizeInvitationText(null)).toBeNull();
    expect(normalizeInvitationText(undefined)).toBeNull();
    expect(normalizeInvitationText(' \n ')).toBeNull();
    expect(normalizeInvitationText('  Hello <b>there</b>\nBye ')).toBe('Hello <b>there</b>\nBye');
    expect(normalizeInvitationText('x'.repeat(MAX_INVITATION_TEXT))).toHaveLength(2000);
    expect(outcome(() => normalizeInvitationText('x'.repeat(2001)))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'invitationText must be at most 2000 characters',
      details: { field: 'invitationText' },
    });
  });

  it('makes display names one line, bounded, with the address as fallback', () => {
    expect(normalizeDisplayName('a\tb', 'f')).toBe('a b');
    expect(normalizeDisplayName('a\0b', 'f')).toBe('a b');
    expect(normalizeDisplayName('a\rb', 'f')).toBe('a b');
    expect(normalizeDisplayName('a\nb', 'f')).toBe('a b');
    expect(normalizeDisplayName('a\r\n\t\0b', 'f')).toBe('a b');
    expect(normalizeDisplayName(null, 'f@x.example')).toBe('f@x.example');
    expect(normalizeDisplayName(undefined, 'f@x.example')).toBe('f@x.example');
    expect(normalizeDisplayName('\r\n', 'f@x.example')).toBe('f@x.example');
    expect(normalizeDisplayName(` ${'n'.repeat(MAX_DISPLAY_NAME)} `, 'f')).toHaveLength(256);
    expect(outcome(() => normalizeDisplayName('n'.repeat(257), 'f'))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'displayName must be at most 256 characters',
      details: { field: 'displayName' },
    });
  });
});

describe('checkRedirectUrl', () => {
  const refused = {
    code: 'REDIRECT_URL_NOT_ALLOWED',
    message: expect.stringContaining('in redirectUrl is not allowed'),
    details: { field: 'redirectUrl' },
  };

  it('treats empty as the access panel', () => {
    expect(checkRedirectUrl(null, [], [])).toBeNull();
    expect(checkRedirectUrl(undefined, [], [])).toBeNull();
    expect(checkRedirectUrl('  ', [], [])).toBeNull();
  });

  it('accepts a reply URL of a granted app, even over http, trimmed and normalised', () => {
    expect(checkRedirectUrl(' http://localhost:3000/cb ', ['http://localhost:3000/cb'], [])).toBe('http://localhost:3000/cb');
    expect(checkRedirectUrl('HTTPS://App.Example/cb', ['https://app.example/cb'], [])).toBe('https://app.example/cb');
  });

  it('accepts https on an allowed host only', () => {
    expect(checkRedirectUrl('https://portal.contoso.example/x?y=1', [], ['portal.contoso.example'])).toBe(
      'https://portal.contoso.example/x?y=1',
    );
    expect(checkRedirectUrl('https://portal.contoso.example/', [], ['Portal.Contoso.Example'])).toBe('https://portal.contoso.example/');
    expect(outcome(() => checkRedirectUrl('http://portal.contoso.example/', [], ['portal.contoso.example']))).toEqual(refused);
    expect(outcome(() => checkRedirectUrl('https://x.portal.contoso.example/', [], ['portal.contoso.example']))).toEqual(refused);
    expect(outcome(() => checkRedirectUrl('https://other.example/', [], ['portal.contoso.example']))).toEqual(refused);
  });

  it('matches *.suffix on subdomains only, not the suffix itself', () => {
    expect(checkRedirectUrl('https://a.contoso.example/', [], ['*.Contoso.example'])).toBe('https://a.contoso.example/');
    expect(outcome(() => checkRedirectUrl('https://contoso.example/', [], ['*.contoso.example']))).toEqual(refused);
    expect(outcome(() => checkRedirectUrl('https://.contoso.example/', [], ['*.contoso.example']))).toEqual(refused);
  });

  it('refuses other schemes, credentials and garbage, even when listed', () => {
    expect(outcome(() => checkRedirectUrl('javascript:alert(1)', ['javascript:alert(1)'], []))).toEqual(refused);
    expect(outcome(() => checkRedirectUrl('ftp://app.example/', ['ftp://app.example/'], ['app.example']))).toEqual(refused);
    expect(outcome(() => checkRedirectUrl('https://user@app.example/', ['https://user@app.example/'], ['app.example']))).toEqual(refused);
    expect(outcome(() => checkRedirectUrl('https://:pw@app.example/', ['https://:pw@app.example/'], ['app.example']))).toEqual(refused);
    expect(outcome(() => checkRedirectUrl('not a url', [], ['app.example']))).toEqual(refused);
  });
});
