import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { clientCredentialsToken } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { GraphQLClient, type TestGateway } from '../helpers/test-gateway.js';
import { InviteUserDocument } from '../graphql/generated.js';

/**
 * An outside attack found that a tenant name and an inviter's name of the lengths the gateway
 * accepts (256 characters each) make an invitation mail's From and Subject longer than their
 * columns (512): on PostgreSQL every invitation from that inviter failed with a server error, while
 * SQLite stored them. Both are kept within their columns, the same on both databases.
 */
describe.each(testDatabases())('attack: the longest names in an invitation mail on %s', (kind) => {
  let t: TestGateway;
  const suite = useGatewaySuite(kind, { tenants: [{ name: 'T'.repeat(256) }] });
  let inviter: GraphQLClient;
  beforeAll(async () => {
    t = suite.t;
    const tenantId = suite.tenants[0]!.tenant.id;
    const { application, clientSecret } = await t.gateway.services.apps.createAsOperator(tenantId, { displayName: 'I'.repeat(256) }, [
      DirectoryRole.GlobalAdministrator,
    ]);
    inviter = new GraphQLClient(t, await clientCredentialsToken(t, tenantId, application.appId, clientSecret), 'http');
  });

  it('invites and queues the mail, its From and Subject within their columns', async () => {
    const { inviteUser } = await inviter.data(InviteUserDocument, {
      input: { email: 'guest@long-names.example', displayName: 'G'.repeat(256), sendInvitationMessage: true },
    });
    expect(inviteUser.inviterDisplayName).toBe('I'.repeat(256));
    const message = await t.gateway.db.manager.findOneByOrFail(OutboxMessage, { invitationId: inviteUser.id });
    expect(message.fromAddress.length).toBeLessThanOrEqual(512);
    expect(message.fromAddress).toMatch(/^"I+.*" <[^<>]+>$/);
    expect(message.subject.length).toBeLessThanOrEqual(512);
    expect(message.subject).toMatch(/^I{256} invited you to access applications in T+…$/);
    expect(message.toName.length).toBeLessThanOrEqual(256);
  });
});
