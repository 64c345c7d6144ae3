import { describe, expect, it } from 'vitest';
import type { Application } from '../../src/apps/application.entity.js';
import type { Group } from '../../src/directory/group.entity.js';
import { PartnerDomainPolicy, type Tenant } from '../../src/directory/tenant.entity.js';
import { ExternalUserState, UserType } from '../../src/directory/user.entity.js';
import type { InviteContext } from '../../src/invitations/invite-context.js';
import { type Invitation, InvitationStatus } from '../../src/invitations/invitation.entity.js';
import {
  checkInvitee,
  checkPartnerDomain,
  checkRedirectUrl,
  effectiveStatus,
  emailDomain,
  keepEarlierLimits,
  MAX_DISPLAY_NAME,
  MAX_INVITATION_TEXT,
  normalizeCcAddress,
  normalizeDisplayName,
  normalizeEmail,
  normalizeInvitationText,
  refuseConsumerDomain,
  requirePending,
  sendsInvitationMessage,
  validateInvite,
  type ValidatedInvite,
} from '../../src/invitations/invitation.policy.js';
import { DomainError } from '../../src/shared/errors.js';

/** The DomainError a rule throws (code, message, details), or 'ok'. */
function outcome(fn: () => unknown): { code: string; message: string; details?: Record<string, unknown> } | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, message: error.message, details: error.details };
  }
}
const codeOf = (fn: () => unknown) => {
  const o = outcome(fn);
  return o === 'ok' ? 'ok' : o.code;
};

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
    message: expect.stringContaining('redirectUrl must be'),
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

describe('invitation status', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const inv = (status: InvitationStatus, expiresAt: Date | null) => ({ status, expiresAt }) as Invitation;

  it('expires only pending invitations', () => {
    expect(effectiveStatus(inv(InvitationStatus.Accepted, new Date('2026-01-01')), now)).toBe('Accepted');
    expect(effectiveStatus(inv(InvitationStatus.PendingAcceptance, new Date('2026-02-28T23:59:59Z')), now)).toBe('Expired');
    expect(effectiveStatus(inv(InvitationStatus.PendingAcceptance, new Date('2026-03-01T00:00:01Z')), now)).toBe('PendingAcceptance');
  });

  it('requires a pending invitation, naming the status it has', () => {
    expect(codeOf(() => requirePending(inv(InvitationStatus.PendingAcceptance, null), now))).toBe('ok');
    expect(outcome(() => requirePending(inv(InvitationStatus.PendingAcceptance, now), now))).toEqual({
      code: 'INVITATION_NOT_PENDING',
      message: 'The invitation is Expired, not pending',
      details: { status: 'Expired' },
    });
    expect(outcome(() => requirePending(inv(InvitationStatus.Revoked, null), now))).toMatchObject({ details: { status: 'Revoked' } });
  });
});

describe('checkInvitee', () => {
  it('invites nobody yet, or a guest who has not accepted', () => {
    expect(codeOf(() => checkInvitee(null))).toBe('ok');
    expect(
      codeOf(() =>
        checkInvitee({ id: 'g', mail: 'g@x.example', userType: UserType.Guest, externalUserState: ExternalUserState.PendingAcceptance }),
      ),
    ).toBe('ok');
  });

  it('refuses a member and a guest who accepted, naming them', () => {
    expect(outcome(() => checkInvitee({ id: 'm', mail: 'm@x.example', userType: UserType.Member, externalUserState: null }))).toEqual({
      code: 'USER_ALREADY_MEMBER',
      message: 'm@x.example is already a member of this tenant',
      details: { userId: 'm' },
    });
    expect(
      outcome(() =>
        checkInvitee({ id: 'g', mail: 'g@x.example', userType: UserType.Guest, externalUserState: ExternalUserState.Accepted }),
      ),
    ).toEqual({
      code: 'GUEST_ALREADY_ACCEPTED',
      message: 'g@x.example has already accepted an invitation; assign apps or groups to the guest directly',
      details: { userId: 'g' },
    });
  });
});

describe('validateInvite', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const app = {
    id: 'app-obj-1',
    appId: 'app-id-1',
    displayName: 'Expenses',
    replyUrls: ['https://expenses.example/cb'],
  } as unknown as Application;
  const group = { id: 'grp-1', displayName: 'Partners' } as unknown as Group;
  const ctx = (over: Partial<InviteContext> = {}, tenant: Partial<Tenant> = {}): InviteContext => ({
    tenant: {
      refuseConsumerDomains: true,
      partnerDomainPolicy: PartnerDomainPolicy.None,
      partnerDomains: [],
      allowedRedirectHosts: [],
      ...tenant,
    } as Tenant,
    ownDomains: new Set(['contoso.example']),
    consumerDomains: new Set(['gmail.com']),
    now,
    grantsAllowed: true,
    apps: new Map([
      [app.id, app],
      [app.appId, app],
    ]),
    groups: new Map([[group.id, group]]),
    ...over,
  });

  it('applies defaults to a bare request', () => {
    expect(validateInvite({ email: ' Carol@Fabrikam.example ' }, ctx())).toEqual({
      email: 'carol@fabrikam.example',
      displayName: 'carol@fabrikam.example',
      redirectUrl: null,
      apps: [],
      groups: [],
      invitationText: null,
      ccEmailAddress: null,
      language: 'en',
      sendInvitationMessage: true,
      contactUrl: null,
      accessExpiresAt: null,
    });
  });

  it('keeps every field of a full request', () => {
    const ends = new Date('2026-06-01T00:00:00Z');
    expect(
      validateInvite(
        {
          email: 'carol@fabrikam.example',
          displayName: 'Carol',
          redirectUrl: 'https://expenses.example/cb',
          applicationIds: ['app-id-1', ' app-obj-1 '],
          groupIds: ['grp-1', 'grp-1'],
          invitationText: ' Welcome ',
          ccEmailAddress: 'Boss@Fabrikam.example',
          language: 'de',
          sendInvitationMessage: false,
          contactUrl: 'https://contoso.example/help',
          accessExpiresAt: ends,
        },
        ctx(),
      ),
    ).toEqual({
      email: 'carol@fabrikam.example',
      displayName: 'Carol',
      redirectUrl: 'https://expenses.example/cb',
      apps: [app],
      groups: [group],
      invitationText: 'Welcome',
      ccEmailAddress: 'boss@fabrikam.example',
      language: 'de',
      sendInvitationMessage: false,
      contactUrl: 'https://contoso.example/help',
      accessExpiresAt: ends,
    });
  });

  it('refuses consumer domains only when the tenant says so', () => {
    expect(codeOf(() => validateInvite({ email: 'a@gmail.com' }, ctx()))).toBe('CONSUMER_EMAIL_NOT_SUPPORTED');
    expect(codeOf(() => validateInvite({ email: 'a@gmail.com' }, ctx({}, { refuseConsumerDomains: false })))).toBe('ok');
  });

  it('applies the partner-domain policy', () => {
    const allow = { partnerDomainPolicy: PartnerDomainPolicy.AllowList, partnerDomains: ['fabrikam.example'] };
    expect(codeOf(() => validateInvite({ email: 'a@fabrikam.example' }, ctx({}, allow)))).toBe('ok');
    expect(codeOf(() => validateInvite({ email: 'a@other.example' }, ctx({}, allow)))).toBe('DOMAIN_NOT_ALLOWED');
  });

  it("refuses the tenant's own domains", () => {
    expect(outcome(() => validateInvite({ email: 'bob@contoso.example' }, ctx()))).toEqual({
      code: 'EMAIL_DOMAIN_OWNED_BY_TENANT',
      message: 'contoso.example is a domain of this tenant; add the person as a member instead',
      details: undefined,
    });
    expect(codeOf(() => validateInvite({ email: 'bob@eu.contoso.example' }, ctx()))).toBe('ok');
  });

  it('checks the optional fields', () => {
    expect(codeOf(() => validateInvite({ email: 'a@f.example', ccEmailAddress: 'x@f.example y@f.example' }, ctx()))).toBe(
      'TOO_MANY_CC_RECIPIENTS',
    );
    expect(codeOf(() => validateInvite({ email: 'a@f.example', language: 'xx' }, ctx()))).toBe('UNSUPPORTED_LANGUAGE');
    expect(codeOf(() => validateInvite({ email: 'a@f.example', invitationText: 'x'.repeat(2001) }, ctx()))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => validateInvite({ email: 'a@f.example', displayName: 'x'.repeat(257) }, ctx()))).toBe('BAD_USER_INPUT');
    expect(outcome(() => validateInvite({ email: 'a@f.example', contactUrl: 'ftp://x.example' }, ctx()))).toMatchObject({
      details: { field: 'contactUrl' },
    });
    expect(codeOf(() => validateInvite({ email: 'a@f.example', redirectUrl: 'https://evil.example/' }, ctx()))).toBe(
      'REDIRECT_URL_NOT_ALLOWED',
    );
  });

  it('allows a redirect to a reply URL only of an app granted by this invitation', () => {
    expect(codeOf(() => validateInvite({ email: 'a@f.example', redirectUrl: 'https://expenses.example/cb' }, ctx()))).toBe(
      'REDIRECT_URL_NOT_ALLOWED',
    );
    expect(
      validateInvite({ email: 'a@f.example', redirectUrl: 'https://expenses.example/cb', applicationIds: ['app-obj-1'] }, ctx())
        .redirectUrl,
    ).toBe('https://expenses.example/cb');
    expect(
      validateInvite(
        { email: 'a@f.example', redirectUrl: 'https://p.contoso.example/' },
        ctx({}, { allowedRedirectHosts: ['*.contoso.example'] }),
      ).redirectUrl,
    ).toBe('https://p.contoso.example/');
  });

  it('refuses apps and groups from a caller who may not grant, before resolving them', () => {
    const inviter = ctx({ grantsAllowed: false });
    const refused = {
      code: 'GRANT_NOT_ALLOWED',
      message: 'Only a GlobalAdministrator may give apps or groups with an invitation; invite without them',
      details: { permission: 'GrantAccessOnInvite' },
    };
    expect(outcome(() => validateInvite({ email: 'a@f.example', applicationIds: ['unknown'] }, inviter))).toEqual(refused);
    expect(outcome(() => validateInvite({ email: 'a@f.example', groupIds: ['grp-1'] }, inviter))).toEqual(refused);
    expect(outcome(() => validateInvite({ email: 'a@f.example', applicationIds: [' ', ''], groupIds: ['', 'grp-1'] }, inviter))).toEqual(
      refused,
    );
    // Blank ids (an empty CSV cell) name nothing.
    expect(validateInvite({ email: 'a@f.example', applicationIds: [' ', ''], groupIds: [''] }, inviter)).toMatchObject({
      apps: [],
      groups: [],
    });
    expect(validateInvite({ email: 'a@f.example', applicationIds: null, groupIds: null }, inviter)).toMatchObject({ apps: [], groups: [] });
  });

  it('resolves apps by object id or appId once each, and refuses unknown ids', () => {
    const both = validateInvite({ email: 'a@f.example', applicationIds: ['app-obj-1', 'app-id-1', ' '], groupIds: [' grp-1 ', ''] }, ctx());
    expect(both.apps).toEqual([app]);
    expect(both.groups).toEqual([group]);
    expect(outcome(() => validateInvite({ email: 'a@f.example', applicationIds: ['app-obj-1', 'nope'] }, ctx()))).toEqual({
      code: 'NOT_FOUND',
      message: 'Application nope was not found',
      details: { entity: 'Application', id: 'nope' },
    });
    expect(outcome(() => validateInvite({ email: 'a@f.example', groupIds: [' nope '] }, ctx()))).toEqual({
      code: 'NOT_FOUND',
      message: 'Group nope was not found',
      details: { entity: 'Group', id: 'nope' },
    });
  });

  it('keeps distinct apps in the order given', () => {
    const other = { id: 'app-obj-2', appId: 'app-id-2', replyUrls: [] } as unknown as Application;
    const apps = new Map([
      [app.id, app],
      [app.appId, app],
      [other.id, other],
      [other.appId, other],
    ]);
    expect(validateInvite({ email: 'a@f.example', applicationIds: ['app-id-2', 'app-obj-1', 'app-obj-2'] }, ctx({ apps })).apps).toEqual([
      other,
      app,
    ]);
  });

  it('takes an access end only in the future', () => {
    const field = { details: { field: 'accessExpiresAt' }, message: 'accessExpiresAt must be in the future' };
    expect(outcome(() => validateInvite({ email: 'a@f.example', accessExpiresAt: now }, ctx()))).toMatchObject(field);
    expect(outcome(() => validateInvite({ email: 'a@f.example', accessExpiresAt: new Date('2025-01-01') }, ctx()))).toMatchObject(field);
    expect(outcome(() => validateInvite({ email: 'a@f.example', accessExpiresAt: new Date('nope') }, ctx()))).toMatchObject(field);
    const later = new Date(now.getTime() + 1);
    expect(validateInvite({ email: 'a@f.example', accessExpiresAt: later }, ctx()).accessExpiresAt).toBe(later);
    expect(validateInvite({ email: 'a@f.example', accessExpiresAt: null }, ctx()).accessExpiresAt).toBeNull();
  });

  it('sends the invitation email unless told not to', () => {
    expect(sendsInvitationMessage({})).toBe(true);
    expect(sendsInvitationMessage({ sendInvitationMessage: null })).toBe(true);
    expect(sendsInvitationMessage({ sendInvitationMessage: true })).toBe(true);
    expect(sendsInvitationMessage({ sendInvitationMessage: false })).toBe(false);
  });
});

describe('keepEarlierLimits', () => {
  const d = (iso: string) => new Date(iso);
  const base = (fields: Partial<ValidatedInvite>): ValidatedInvite => ({
    email: 'g@f.example',
    displayName: 'G',
    redirectUrl: null,
    apps: [],
    groups: [],
    invitationText: null,
    ccEmailAddress: null,
    language: 'en',
    sendInvitationMessage: true,
    contactUrl: null,
    accessExpiresAt: null,
    ...fields,
  });

  describe('from a GuestInviter (never loosens)', () => {
    it('keeps the sooner access end', () => {
      const sooner = d('2026-04-01T00:00:00Z');
      const later = d('2026-05-01T00:00:00Z');
      expect(
        keepEarlierLimits(base({ accessExpiresAt: later }), { accessExpiresAt: sooner, ccEmailAddress: null }, false).accessExpiresAt,
      ).toEqual(sooner);
      expect(
        keepEarlierLimits(base({ accessExpiresAt: sooner }), { accessExpiresAt: later, ccEmailAddress: null }, false).accessExpiresAt,
      ).toEqual(sooner);
    });

    it('keeps whichever end exists, and none when neither does', () => {
      const end = d('2026-04-01T00:00:00Z');
      expect(keepEarlierLimits(base({}), { accessExpiresAt: end, ccEmailAddress: null }, false).accessExpiresAt).toEqual(end);
      expect(
        keepEarlierLimits(base({ accessExpiresAt: end }), { accessExpiresAt: null, ccEmailAddress: null }, false).accessExpiresAt,
      ).toEqual(end);
      expect(keepEarlierLimits(base({}), { accessExpiresAt: null, ccEmailAddress: null }, false).accessExpiresAt).toBeNull();
    });

    it('keeps the earlier CC address unless a new one is given', () => {
      expect(keepEarlierLimits(base({}), { accessExpiresAt: null, ccEmailAddress: 'old@f.example' }, false).ccEmailAddress).toBe(
        'old@f.example',
      );
      expect(
        keepEarlierLimits(base({ ccEmailAddress: 'new@f.example' }), { accessExpiresAt: null, ccEmailAddress: 'old@f.example' }, false)
          .ccEmailAddress,
      ).toBe('new@f.example');
      expect(keepEarlierLimits(base({}), { accessExpiresAt: null, ccEmailAddress: null }, false).ccEmailAddress).toBeNull();
    });

    it('changes nothing else', () => {
      const invite = base({ displayName: 'New', invitationText: 'hi', language: 'fr' });
      expect(keepEarlierLimits(invite, { accessExpiresAt: null, ccEmailAddress: null }, false)).toEqual(invite);
    });
  });

  describe('from a GlobalAdministrator (decides both)', () => {
    it('sets a later access end or keeps the earlier one when naming none', () => {
      const sooner = d('2026-04-01T00:00:00Z');
      const later = d('2026-05-01T00:00:00Z');
      expect(
        keepEarlierLimits(base({ accessExpiresAt: later }), { accessExpiresAt: sooner, ccEmailAddress: null }, true).accessExpiresAt,
      ).toBe(later);
      expect(keepEarlierLimits(base({}), { accessExpiresAt: sooner, ccEmailAddress: null }, true).accessExpiresAt).toBe(sooner);
      expect(keepEarlierLimits(base({}), { accessExpiresAt: null, ccEmailAddress: null }, true).accessExpiresAt).toBeNull();
    });

    it('drops the earlier CC address when naming none', () => {
      const invite = base({ displayName: 'New' });
      expect(keepEarlierLimits(invite, { accessExpiresAt: null, ccEmailAddress: 'old@f.example' }, true)).toEqual(invite);
    });
  });
});
