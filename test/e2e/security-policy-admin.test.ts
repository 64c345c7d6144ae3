import { describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { twoTenants } from '../helpers/fixtures.js';
import {
  AuditEventsDocument,
  SecurityPolicyDocument,
  TermsAcceptancesDocument,
  UpdateSecurityPolicyDocument,
} from '../graphql/generated.js';

/** The security policy over GraphQL: defaults, validation with stable codes, audit, and one tenant's only. */
describe.each(testDatabases())('the securityPolicy API on %s', (kind) => {
  const s = twoTenants(kind, 'http');

  it('starts with MFA for administrators only, and changes only what the input names, audited', async () => {
    const { securityPolicy } = await s.a.admin.client.data(SecurityPolicyDocument);
    expect(securityPolicy).toEqual({
      mfaForAdmins: true,
      mfaForMembers: false,
      mfaForGuests: false,
      trustPartnerMfa: false,
      signInFrequencyMinutes: null,
      sessionLifetimeMinutes: null,
      termsAudience: 'None',
      termsUrl: null,
      termsVersion: null,
      termsDocuments: [],
    });
    const { updateSecurityPolicy } = await s.a.admin.client.data(UpdateSecurityPolicyDocument, {
      input: {
        mfaForGuests: true,
        signInFrequencyMinutes: 720,
        sessionLifetimeMinutes: 1440,
        termsAudience: 'Everyone',
        termsUrl: 'https://a.example/terms',
        termsVersion: 'v1',
        termsDocuments: [{ language: 'fr', url: 'https://a.example/conditions' }],
      },
    });
    expect(updateSecurityPolicy).toMatchObject({
      mfaForAdmins: true,
      mfaForGuests: true,
      signInFrequencyMinutes: 720,
      sessionLifetimeMinutes: 1440,
    });
    expect(updateSecurityPolicy.termsDocuments).toEqual([{ language: 'fr', url: 'https://a.example/conditions' }]);
    const cleared = await s.a.admin.client.data(UpdateSecurityPolicyDocument, { input: { signInFrequencyMinutes: null } });
    expect(cleared.updateSecurityPolicy).toMatchObject({
      signInFrequencyMinutes: null,
      sessionLifetimeMinutes: 1440,
      mfaForGuests: true,
      termsVersion: 'v1',
    });
    const { auditEvents } = await s.a.admin.client.data(AuditEventsDocument, { filter: { actions: ['Update security policy'] } });
    expect(auditEvents.nodes).toHaveLength(2);
    expect(auditEvents.nodes[1]).toMatchObject({
      targetType: 'Tenant',
      targetId: s.a.tenant.id,
      details: {
        mfaForGuests: true,
        signInFrequencyMinutes: 720,
        sessionLifetimeMinutes: 1440,
        termsAudience: 'everyone',
        termsLanguages: ['fr'],
      },
    });
    expect(auditEvents.nodes[0]!.details).toMatchObject({ signInFrequencyMinutes: null, sessionLifetimeMinutes: 1440 });
  });

  it('refuses values out of range with INVALID_SECURITY_POLICY and the field, changing nothing', async () => {
    const before = (await s.a.admin.client.data(SecurityPolicyDocument)).securityPolicy;
    const refused = async (input: Record<string, unknown>, field: string) => {
      const result = await s.a.admin.client.run(UpdateSecurityPolicyDocument, { input });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_SECURITY_POLICY', details: { field } });
    };
    await refused({ signInFrequencyMinutes: 1 }, 'signInFrequencyMinutes');
    await refused({ sessionLifetimeMinutes: 4 }, 'sessionLifetimeMinutes');
    await refused({ sessionLifetimeMinutes: 0 }, 'sessionLifetimeMinutes');
    await refused({ sessionLifetimeMinutes: 525_601 }, 'sessionLifetimeMinutes');
    await refused({ signInFrequencyMinutes: 60, sessionLifetimeMinutes: -60 }, 'sessionLifetimeMinutes');
    await refused({ termsUrl: 'http://a.example/terms' }, 'termsUrl');
    await refused({ termsVersion: '' }, 'termsVersion');
    await refused({ termsDocuments: [{ language: 'tlh', url: 'https://a.example/klingon' }] }, 'termsUrls');
    await refused({ termsUrl: null }, 'termsUrl');
    expect((await s.a.admin.client.data(SecurityPolicyDocument)).securityPolicy).toEqual(before);
  });

  it("never shows or changes another tenant's policy or acceptances", async () => {
    await s.a.admin.client.data(UpdateSecurityPolicyDocument, { input: { mfaForMembers: true, sessionLifetimeMinutes: 60 } });
    expect((await s.b.admin.client.data(SecurityPolicyDocument)).securityPolicy).toMatchObject({
      mfaForMembers: false,
      mfaForGuests: false,
      sessionLifetimeMinutes: null,
    });
    await s.b.admin.client.data(UpdateSecurityPolicyDocument, { input: { mfaForAdmins: false } });
    expect((await s.a.admin.client.data(SecurityPolicyDocument)).securityPolicy.mfaForAdmins).toBe(true);
    const { auditEvents } = await s.b.admin.client.data(AuditEventsDocument, { filter: { actions: ['Update security policy'] } });
    expect(auditEvents.nodes.map((e) => e.targetId)).toEqual([s.b.tenant.id]);
    expect((await s.b.admin.client.data(TermsAcceptancesDocument, {})).termsAcceptances.nodes).toEqual([]);
  });
});
