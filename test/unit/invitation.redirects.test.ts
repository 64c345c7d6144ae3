import { describe, expect, it } from 'vitest';
import type { Application } from '../../src/apps/application.entity.js';
import { landingUrlsOf } from '../../src/apps/reply-urls.js';
import { PartnerDomainPolicy, type Tenant } from '../../src/directory/tenant.entity.js';
import type { InviteContext } from '../../src/invitations/invite-context.js';
import { validateInvite } from '../../src/invitations/invitation.policy.js';
import { checkRedirectUrl, csvRedirectUrl } from '../../src/invitations/redirect-url.js';
import { codeOf, outcome } from '../helpers/domain-outcome.js';

/** Redirects after redemption (issue 15): a granted app's homepage, scheme-less CSV cells, refusals that name the URL and its column. */
describe('redirects after redemption', () => {
  const salesforce = {
    id: 'app-obj-sf',
    appId: 'app-id-sf',
    displayName: 'Salesforce',
    replyUrls: [],
    homepageUrl: 'https://contoso.my.salesforce.com/',
  } as unknown as Application;
  const ctx = (): InviteContext => ({
    tenant: {
      refuseConsumerDomains: true,
      partnerDomainPolicy: PartnerDomainPolicy.None,
      partnerDomains: [],
      allowedRedirectHosts: [],
    } as unknown as Tenant,
    ownDomains: new Set(['contoso.example']),
    consumerDomains: new Set(),
    now: new Date('2026-03-01T00:00:00Z'),
    grantsAllowed: true,
    apps: new Map([
      [salesforce.id, salesforce],
      [salesforce.appId, salesforce],
    ]),
    groups: new Map(),
  });

  it('lands on the homepage of an app the invitation grants, and only of one it grants', () => {
    const request = { email: 'a@fabrikam.example', redirectUrl: 'https://contoso.my.salesforce.com' };
    expect(validateInvite({ ...request, applicationIds: ['app-id-sf'] }, ctx()).redirectUrl).toBe('https://contoso.my.salesforce.com/');
    expect(codeOf(() => validateInvite(request, ctx()))).toBe('REDIRECT_URL_NOT_ALLOWED');
    // The homepage itself, not another page of its host.
    expect(
      codeOf(() =>
        validateInvite({ ...request, redirectUrl: 'https://contoso.my.salesforce.com/evil', applicationIds: ['app-id-sf'] }, ctx()),
      ),
    ).toBe('REDIRECT_URL_NOT_ALLOWED');
  });

  it('counts a homepage only under the reply URL rule: https, or http on loopback', () => {
    expect(landingUrlsOf({ replyUrls: ['https://a.example/cb'], homepageUrl: 'https://a.example/' })).toEqual([
      'https://a.example/cb',
      'https://a.example/',
    ]);
    expect(landingUrlsOf({ replyUrls: [], homepageUrl: 'http://a.example/' })).toEqual([]);
    expect(landingUrlsOf({ replyUrls: [], homepageUrl: 'http://localhost:3000/' })).toEqual(['http://localhost:3000/']);
    expect(landingUrlsOf({ replyUrls: [], homepageUrl: null })).toEqual([]);
  });

  it('reads a scheme-less CSV cell as https, and leaves any scheme to the rule', () => {
    expect(csvRedirectUrl('contoso.my.salesforce.com')).toBe('https://contoso.my.salesforce.com');
    expect(csvRedirectUrl(' contoso.my.salesforce.com/home?x=1 ')).toBe('https://contoso.my.salesforce.com/home?x=1');
    expect(csvRedirectUrl('//contoso.my.salesforce.com')).toBe('https://contoso.my.salesforce.com');
    expect(csvRedirectUrl('http://azure.microsoft.com/')).toBe('http://azure.microsoft.com/');
    expect(csvRedirectUrl('HTTPS://x.example/')).toBe('HTTPS://x.example/');
    expect(csvRedirectUrl('  ')).toBeNull();
    expect(csvRedirectUrl(undefined)).toBeNull();
    // Read as https, a scheme in disguise is a host that parses as nothing, or has credentials: refused.
    for (const sneaky of ['javascript:alert(1)', 'mailto:x@evil.example', 'evil.example\\@contoso.my.salesforce.com'])
      expect(codeOf(() => checkRedirectUrl(csvRedirectUrl(sneaky), [], ['contoso.my.salesforce.com']))).toBe('REDIRECT_URL_NOT_ALLOWED');
  });

  it('names the URL and where it came from (the GraphQL field, or the CSV column as spelled)', () => {
    const url = 'http://azure.microsoft.com/services/active-directory/';
    expect(outcome(() => checkRedirectUrl(url, [], ['azure.microsoft.com'], 'InviteReplyUrl'))).toEqual({
      code: 'REDIRECT_URL_NOT_ALLOWED',
      message: expect.stringMatching(
        /^The redirect URL "http:\/\/azure\.microsoft\.com\/services\/active-directory\/" in InviteReplyUrl is not allowed/,
      ),
      details: { field: 'redirectUrl' },
    });
    expect(outcome(() => checkRedirectUrl('https://evil.example/', [], []))).toMatchObject({
      message: expect.stringContaining('"https://evil.example/" in redirectUrl'),
    });
  });
});
