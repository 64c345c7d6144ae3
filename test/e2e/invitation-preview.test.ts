import { describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { apiMatrix } from '../helpers/databases.js';
import { twoTenants } from '../helpers/fixtures.js';
import { InvitationPreviewDocument, TenantDocument } from '../graphql/generated.js';

/**
 * invitationPreview: the invitation mail with draft settings, rendered by the mail's own renderer,
 * for the console's live preview. It saves nothing, checks drafts as saving would, and never shows
 * another tenant's settings.
 */
describe.each(apiMatrix())('invitation preview (%s)', (_label, kind, transport) => {
  const s = twoTenants(kind, transport);

  it('renders the draft name, colour, links and message in the chosen language, saving nothing', async () => {
    const before = (await s.a.admin.client.data(TenantDocument)).tenant;
    const { invitationPreview } = await s.a.admin.client.data(InvitationPreviewDocument, {
      input: {
        settings: { name: 'Draft <Name>', brandColor: '#AA3300', privacyUrl: 'https://draft.example/privacy' },
        invitationText: 'Welcome aboard',
        language: 'de',
      },
    });
    expect(invitationPreview.html).toContain('Draft &lt;Name&gt;');
    expect(invitationPreview.html).toContain('#aa3300');
    expect(invitationPreview.html).toContain('https://draft.example/privacy');
    expect(invitationPreview.html).toContain('lang="de"');
    expect(invitationPreview.text).toContain('Welcome aboard');
    expect(invitationPreview.subject).toContain('Draft <Name>');
    expect(invitationPreview.tenant).toEqual({ id: before.id, name: 'Draft <Name>', brandColor: '#aa3300' });
    expect((await s.a.admin.client.data(TenantDocument)).tenant).toEqual(before);
  });

  it('refuses a bad draft beside its field, and roles that may not read the configuration', async () => {
    const bad = await s.a.admin.client.run(InvitationPreviewDocument, { input: { settings: { brandColor: 'red' } } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'brandColor' } });
    expect(await s.a.admin.client.errorCode(InvitationPreviewDocument, { input: { settings: {}, language: 'xx' } })).toBe(
      'UNSUPPORTED_LANGUAGE',
    );
    const inviter = await s.a.principal([DirectoryRole.GuestInviter]);
    expect(await inviter.client.errorCode(InvitationPreviewDocument, { input: { settings: {} } })).toBe('FORBIDDEN');
  });

  it("shows each tenant its own settings, never the other's", async () => {
    const b = (await s.b.admin.client.data(TenantDocument)).tenant;
    const { invitationPreview } = await s.b.admin.client.data(InvitationPreviewDocument, { input: { settings: {} } });
    expect(invitationPreview.html).toContain(b.name);
    const a = (await s.a.admin.client.data(TenantDocument)).tenant;
    expect(a.name).not.toBe(b.name);
    expect(invitationPreview.html).not.toContain(a.name);
  });
});
