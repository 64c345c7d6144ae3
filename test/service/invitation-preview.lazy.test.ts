import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/directory/actor.js';
import { DirectoryRole, PrincipalKind } from '../../src/directory/role-assignment.entity.js';
import { InvitationPreviewService } from '../../src/invitations/invitation-preview.service.js';
import { type InvitationMessageInput, renderInvitationMessage } from '../../src/mail/invitation-message.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

/**
 * The console's branding preview asks, each pause in typing, for the subject and refusal (its own
 * query), the mail (one frame) and the redemption page (the other): the mail is rendered only for the
 * request that reads it, once, so a pause costs one rendering of the mail, not three.
 */
describe.each(testDatabases())('invitation preview rendering on %s', (kind) => {
  let t: TestGateway;
  let contoso: TenantFixture;
  let admin: Actor;
  const renders: InvitationMessageInput[] = [];
  let previews: InvitationPreviewService;
  beforeAll(async () => {
    t = await startTestGateway(kind);
    contoso = await createTenant(t, 'in-process');
    admin = {
      tenantId: contoso.tenant.id,
      kind: PrincipalKind.User,
      id: 'preview-admin',
      displayName: 'Ada Admin',
      roles: [DirectoryRole.GlobalAdministrator],
      scopes: null,
    };
    previews = new InvitationPreviewService({ now: () => new Date() }, t.gateway.config, t.gateway.services.tenants, (input) => {
      renders.push(input);
      return renderInvitationMessage(input);
    });
  });
  afterAll(() => t.stop());
  const input = { settings: { name: 'Draft Name', brandColor: '#aa3300' }, invitationText: 'Hello', language: 'de' };

  it('gives the subject and the draft tenant without rendering the mail', async () => {
    renders.length = 0;
    const preview = await previews.preview(admin, input);
    expect(preview.subject).toContain('Draft Name');
    expect(preview.tenant).toMatchObject({ name: 'Draft Name', brandColor: '#aa3300' });
    expect(renders).toHaveLength(0);
  });

  it('renders the mail once, when its HTML or text is read', async () => {
    renders.length = 0;
    const preview = await previews.preview(admin, input);
    expect(preview.tenant).toMatchObject({ name: 'Draft Name', brandColor: '#aa3300' });
    expect(renders).toHaveLength(0);
    expect(preview.html).toContain('Draft Name');
    expect(preview.text).toContain('Hello');
    expect(preview.html).toContain('#aa3300');
    expect(renders).toHaveLength(1);
    // The subject given without rendering is the rendered mail's own.
    expect(preview.subject).toBe(renderInvitationMessage(renders[0]!).subject);
  });
});
