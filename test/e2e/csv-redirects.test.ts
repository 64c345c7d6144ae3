import { beforeAll, describe, expect, it } from 'vitest';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { uploadCsv } from '../helpers/upload.js';
import { CreateApplicationDocument } from '../graphql/generated.js';

/** The documentation's 2015 sample row, verbatim (its InviteAppID is the walkthrough's app). */
const SAMPLE_2015 = [
  'Email,DisplayName,InviteAppID,InviteReplyUrl,InviteAppResources,InviteGroupResources,InviteContactUsUrl',
  'wharp@contoso.com,Walter Harp,cd3ed3de-93ee-400b-8b19-b61ef44a0f29,http://azure.microsoft.com/services/active-directory/,,,http://azure.microsoft.com/services/active-directory/',
].join('\n');

/** Redirects after redemption in a CSV upload (issue 15): a granted app's homepage, a scheme-less cell read as https, the 2015 sample's refusal. */
describe.each(testDatabases())('CSV redirect URLs on %s', (kind) => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let salesforceId: string;
  const suite = useGatewaySuite(kind, { tenants: [{ domains: ['contoso.example'] }] });
  beforeAll(async () => {
    ({
      t,
      tenants: [contoso],
    } = suite);
    salesforceId = (
      await contoso.admin.client.data(CreateApplicationDocument, {
        input: { displayName: 'Salesforce', replyUrls: [], homepageUrl: 'https://contoso.my.salesforce.com' },
      })
    ).createApplication.application.appId;
    // The walkthrough's app, with the AppId the sample names.
    await t.gateway.services.apps.createAsOperator(
      contoso.tenant.id,
      { displayName: 'Moodle' },
      [],
      undefined,
      'cd3ed3de-93ee-400b-8b19-b61ef44a0f29',
    );
  });
  const upload = (name: string, content: string, dryRun = false) => uploadCsv(t, contoso.admin.token, name, content, { dryRun });
  const rows = (result: Awaited<ReturnType<typeof upload>>) =>
    result.batch!.rows.nodes.map((r) => ({ line: r.line, outcome: r.outcome, code: r.code, message: r.message }));

  it('reads contoso.my.salesforce.com as https; the homepage of an app the row grants is allowed, not otherwise', async () => {
    const result = await upload(
      'salesforce.csv',
      [
        'Email,DisplayName,InviteRedirectURL,InvitedToApplications',
        `sf1@fabrikam.example,SF One,contoso.my.salesforce.com,${salesforceId}`,
        'sf2@fabrikam.example,SF Two,contoso.my.salesforce.com,',
      ].join('\n'),
    );
    expect(rows(result)).toEqual([
      { line: 2, outcome: 'Created', code: null, message: null },
      {
        line: 3,
        outcome: 'Failed',
        code: 'REDIRECT_URL_NOT_ALLOWED',
        message: expect.stringContaining('"https://contoso.my.salesforce.com" in InviteRedirectURL is not allowed'),
      },
    ]);
    const invitation = await t.gateway.db.manager.findOneByOrFail(Invitation, {
      tenantId: contoso.tenant.id,
      email: 'sf1@fabrikam.example',
    });
    expect(invitation.redirectUrl).toBe('https://contoso.my.salesforce.com/');
  });

  it('the documentation’s literal 2015 row fails only because of its http:// URL, named with its column', async () => {
    const result = await upload('sample-2015.csv', SAMPLE_2015, true);
    expect(rows(result)).toEqual([
      {
        line: 2,
        outcome: 'Failed',
        code: 'REDIRECT_URL_NOT_ALLOWED',
        message: expect.stringContaining('"http://azure.microsoft.com/services/active-directory/" in InviteReplyUrl is not allowed'),
      },
    ]);
    // The same row without that URL is accepted as it stands (its app, its http contact link).
    const withoutUrl = SAMPLE_2015.replace(',http://azure.microsoft.com/services/active-directory/,,,', ',,,,');
    expect(rows(await upload('sample-2015-no-url.csv', withoutUrl, true))).toEqual([
      { line: 2, outcome: 'Created', code: null, message: null },
    ]);
  });
});
