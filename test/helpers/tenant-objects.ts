import type { Principal } from './fixtures.js';
import type { TestGateway } from './test-gateway.js';
import { uploadCsv } from './upload.js';
import * as ops from '../graphql/generated.js';

export type TenantObjects = Awaited<ReturnType<typeof holdOneOfEach>>;

/** One object of each kind in the tenant of `principal` (its Global Administrator), made through the API. */
export async function holdOneOfEach(t: TestGateway, principal: Principal, upstreamIssuer: string) {
  const admin = principal.client;
  const tag = Math.random().toString(36).slice(2, 8);
  const partnerDomain = `partner-${tag}.example`;
  const { domains } = await admin.data(ops.DomainsDocument, {});
  const domain = domains.find((d) => d.isDefault)!.name;
  const app = async (displayName: string, replyUrls: string[] = []) =>
    (await admin.data(ops.CreateApplicationDocument, { input: { displayName, replyUrls } })).createApplication.application;
  // The shared app signs people in (a reply URL): only such an app is given with an invitation.
  const [api, client] = [await app(`Shared ${tag}`, [`https://shared-${tag}.example/callback`]), await app(`Client ${tag}`)];
  await admin.data(ops.ExposeApiDocument, {
    applicationId: api.id,
    input: { identifierUri: `api://${api.appId}`, scopes: [{ value: 'Files.Read', adminConsentDescription: 'Read files' }] },
  });
  await admin.data(ops.GrantApiPermissionsDocument, {
    applicationId: client.id,
    resourceApplicationId: api.id,
    permissions: { scopes: ['Files.Read'] },
  });
  const { createApplication: saml } = await admin.data(ops.CreateApplicationDocument, {
    input: {
      displayName: `SAML ${tag}`,
      protocol: 'SAML',
      saml: { entityId: `urn:sp:${tag}`, acsUrls: [`https://sp-${tag}.example/acs`] },
    },
  });
  const { addApplicationSecret } = await admin.data(ops.AddApplicationSecretDocument, {
    applicationId: api.id,
    input: { displayName: 'kept' },
  });
  const { createGroup } = await admin.data(ops.CreateGroupDocument, { input: { displayName: `Partners ${tag}` } });
  const { inviteUser } = await admin.data(ops.InviteUserDocument, {
    input: { email: `guest@${partnerDomain}`, applicationIds: [api.id], groupIds: [createGroup.id] },
  });
  const { createUser } = await admin.data(ops.CreateUserDocument, {
    input: { email: `member-${tag}@${domain}`, displayName: 'Member', roles: ['GuestInviter'] },
  });
  const { batch } = await uploadCsv(t, principal.token, `batch-${tag}.csv`, `Email,DisplayName\nrow@${partnerDomain},Row\n`);
  const { addDomain } = await admin.data(ops.AddDomainDocument, { name: `added-${tag}.example` });
  const { registerIdentityProvider } = await admin.data(ops.RegisterIdentityProviderDocument, {
    input: { issuer: upstreamIssuer, clientId: 'gateway', clientSecret: 'secret', domains: [domain] },
  });
  const { outbox } = await admin.data(ops.OutboxDocument, {});
  const { partners } = await admin.data(ops.PartnersDocument, { search: partnerDomain });
  return {
    appId: api.id,
    clientAppId: client.id,
    samlAppId: saml.application.id,
    secretId: addApplicationSecret.secret.id,
    groupId: createGroup.id,
    invitationId: inviteUser.id,
    guestId: inviteUser.invitedUser!.id,
    memberId: createUser.id,
    batchId: batch!.id,
    partnerId: partners.nodes.find((p) => p.domains.includes(partnerDomain))!.id,
    partnerDomain,
    memberDomain: domain,
    upstreamIssuer,
    addedDomain: addDomain.name,
    identityProviderId: registerIdentityProvider.id,
    outboxMessageId: outbox.nodes[0]!.id,
    automationId: principal.app.id,
  };
}
