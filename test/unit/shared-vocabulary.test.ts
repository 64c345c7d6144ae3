import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InvitationStatus } from '../../src/invitations/invitation.entity.js';
import { checkCsvSize, csvUploadCutoff } from '../../src/invitations/batch/csv-size.js';
import { effectiveStatus, pendingButExpired } from '../../src/invitations/invitation-state.js';
import { canonicalEmail, emailDomain, normalizeEmail, sameEmail } from '../../src/shared/email.js';
import { type ErrorCode, ErrorCode as Codes, DomainError } from '../../src/shared/errors.js';
import { escapeHtml } from '../../src/shared/html.js';
import { httpStatus } from '../../src/shared/http-status.js';
import { loginHintMatches } from '../../src/shared/login-hint.js';
import { isLoopbackHost } from '../../src/shared/loopback.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as DomainError).code;
  }
  return 'no error';
};

describe('email addresses', () => {
  it('stores one spelling: trimmed and lower-cased', () => {
    expect(canonicalEmail('  Alice@Fabrikam.EXAMPLE ')).toBe('alice@fabrikam.example');
    expect(normalizeEmail(' Bob@Contoso.com')).toBe('bob@contoso.com');
    expect(sameEmail('ALICE@fabrikam.example', ' alice@FABRIKAM.example ')).toBe(true);
    expect(sameEmail('alice@fabrikam.example', 'alicia@fabrikam.example')).toBe(false);
    expect(emailDomain('a@b.example')).toBe('b.example');
  });

  it('refuses what could inject a mail header or is not an address', () => {
    expect(codeOf(() => normalizeEmail('a@b.example\r\nBcc: x@y.example'))).toBe('INVALID_EMAIL');
    expect(codeOf(() => normalizeEmail('a@[127.0.0.1]'))).toBe('INVALID_EMAIL');
    expect(codeOf(() => normalizeEmail('Alice <a@b.example>'))).toBe('INVALID_EMAIL');
  });
});

describe('login_hint', () => {
  it('matches the signed-in address however it is spelled; no hint names nobody', () => {
    expect(loginHintMatches(' Alice@Fabrikam.example', 'alice@fabrikam.example')).toBe(true);
    expect(loginHintMatches('bob@fabrikam.example', 'alice@fabrikam.example')).toBe(false);
    expect(loginHintMatches(undefined, 'alice@fabrikam.example')).toBe(true);
    expect(loginHintMatches('  ', 'alice@fabrikam.example')).toBe(true);
  });
});

describe('loopback hosts', () => {
  it('are localhost, 127.0.0.1 and [::1] as URLs spell them', () => {
    expect(['localhost', '127.0.0.1', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true]);
    expect(isLoopbackHost(new URL('http://[::1]:8080/cb').hostname)).toBe(true);
    expect(isLoopbackHost('127.0.0.2')).toBe(false);
    expect(isLoopbackHost('localhost.evil.example')).toBe(false);
  });
});

describe('HTML escaping', () => {
  it('escapes every character that can leave text or a quoted attribute', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('is the one escaper: mail and pages import it from src/shared', () => {
    const files = (dir: string): string[] =>
      readdirSync(new URL(`../../src/${dir}/`, import.meta.url)).map((f) =>
        readFileSync(new URL(`../../src/${dir}/${f}`, import.meta.url), 'utf8'),
      );
    expect([...files('pages'), ...files('mail')].filter((text) => /function escapeHtml/.test(text))).toEqual([]);
  });
});

describe('pending but expired', () => {
  const now = new Date('2026-01-10T00:00:00Z');
  const pending = (expiresAt: Date | null) => ({ status: InvitationStatus.PendingAcceptance, expiresAt });
  it('is a pending invitation at or past its expiry', () => {
    expect(pendingButExpired(pending(new Date('2026-01-09T00:00:00Z')), now)).toBe(true);
    expect(pendingButExpired(pending(now), now)).toBe(true);
    expect(pendingButExpired(pending(new Date('2026-01-11T00:00:00Z')), now)).toBe(false);
    expect(pendingButExpired(pending(null), now)).toBe(false);
    expect(pendingButExpired({ status: InvitationStatus.Accepted, expiresAt: new Date('2026-01-01T00:00:00Z') }, now)).toBe(false);
    expect(effectiveStatus(pending(now), now)).toBe(InvitationStatus.Expired);
    expect(effectiveStatus({ status: InvitationStatus.Revoked, expiresAt: now }, now)).toBe(InvitationStatus.Revoked);
  });
});

describe('CSV size limit', () => {
  it('accepts a file of exactly the limit and refuses one byte more', () => {
    expect(codeOf(() => checkCsvSize(1024, 1024))).toBe('no error');
    expect(codeOf(() => checkCsvSize(1025, 1024))).toBe('CSV_FILE_TOO_LARGE');
    expect(csvUploadCutoff(1024)).toBe(1025);
  });
});

describe('HTTP status of an error', () => {
  it('follows the category, with the codes that say more', () => {
    const cases: [ErrorCode, number][] = [
      ['UNAUTHENTICATED', 401],
      ['INVALID_CREDENTIALS', 401],
      ['FORBIDDEN', 403],
      ['ACCESS_DENIED', 403],
      ['CSRF_TOKEN_INVALID', 403],
      ['SIGN_UP_NOT_ALLOWED', 403],
      ['FEDERATION_FAILED', 403],
      ['NOT_FOUND', 404],
      ['INVITATION_INVALID', 404],
      ['BAD_USER_INPUT', 400],
      ['WEAK_PASSWORD', 400],
      ['INVALID_CODE', 400],
      ['WRONG_ACCOUNT', 409],
      ['INVITATION_EXPIRED', 410],
      ['TOO_MANY_ATTEMPTS', 429],
    ];
    expect(cases.map(([code]) => [code, httpStatus(code)])).toEqual(cases);
  });

  it('gives every code of the catalogue a 4xx status', () => {
    for (const code of Object.values(Codes)) expect(httpStatus(code), code).toBeGreaterThanOrEqual(400);
    for (const code of Object.values(Codes)) expect(httpStatus(code), code).toBeLessThan(500);
  });
});
