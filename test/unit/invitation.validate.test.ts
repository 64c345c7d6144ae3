import { describe, expect, it } from 'vitest';
import type { Application } from '../../src/apps/application.entity.js';
import type { Group } from '../../src/directory/group.entity.js';
import { PartnerDomainPolicy, type Tenant } from '../../src/directory/tenant.entity.js';
import type { InviteContext } from '../../src/invitations/invite-context.js';
import { sendsInvitationMessage, validateInvite } from '../../src/invitations/invitation.policy.js';
import { codeOf, outcome } from '../helpers/domain-outcome.js';

/** Invitation rules: validating a whole invite request. */
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
