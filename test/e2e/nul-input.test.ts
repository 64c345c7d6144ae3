import { beforeAll, describe, expect, it } from 'vitest';
import { Invitation } from '../../src/invitations/invitation.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { uploadCsv } from '../helpers/upload.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';

/**
 * A NUL character is in no id, address, name or parameter here, and PostgreSQL refuses it in text: so
 * every way a client can send one (a GraphQL variable or literal, an address, a form field, an OIDC
 * client id) is refused as the client's error, the same on both databases, with nothing written.
 */
describe.each(testDatabases())('a NUL character in client input on %s', (kind) => {
  let t: TestGateway;
  let a: TenantFixture;
  const suite = useGatewaySuite(kind, { tenants: [{}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a],
      } = suite),
  );
  const nul = 'a\u0000b@nul-input.example';

  async function graphql(body: unknown) {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.admin.token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] } };
  }

  it('refuses a NUL in a GraphQL variable or literal with BAD_USER_INPUT, writing nothing', async () => {
    const refused = [
      await graphql({
        query: 'query($f: InvitationFilterInput) { invitations(filter: $f) { totalCount } }',
        variables: { f: { email: nul } },
      }),
      await graphql({ query: 'query($f: UserFilterInput) { users(filter: $f) { totalCount } }', variables: { f: { search: nul } } }),
      await graphql({ query: 'query($id: ID!) { user(id: $id) { id } }', variables: { id: nul } }),
      await graphql({ query: '{ user(id: "a\\u0000b") { id } }' }),
      // Again: the server keeps the parsed document and what was found in it, and refuses it still.
      await graphql({ query: '{ user(id: "a\\u0000b") { id } }' }),
      await graphql({
        query: 'mutation($input: InviteUserInput!) { inviteUser(input: $input) { id } }',
        variables: { input: { email: 'nul@nul-input.example', displayName: 'N\u0000L' } },
      }),
    ];
    for (const result of refused) {
      expect(result.status, JSON.stringify(result.body)).toBe(400);
      expect(result.body.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    }
    expect(await t.gateway.db.manager.countBy(Invitation, { tenantId: a.tenant.id })).toBe(0);
    // The same text without the NUL goes through.
    const fine = await graphql({ query: '{ user(id: "ab") { id } }' });
    expect(fine.body.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
  });

  it('answers an address holding %00 with a readable 400 page', async () => {
    for (const path of [`/${a.tenant.id}%00/myapps`, `/${a.tenant.id}%00/saml2/metadata`, `/${a.tenant.id}/v2.0/auth?client_id=a%00b`]) {
      const response = await fetch(`${t.baseUrl}${path}`, { redirect: 'manual' });
      expect(response.status, path).toBe(400);
      expect(await response.text()).toContain('NUL character');
    }
  });

  it('answers a script’s JSON request to such an address in GraphQL’s error shape', async () => {
    const response = await fetch(`${t.baseUrl}/admin/${a.tenant.id}%00/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { id } }' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ message: expect.stringContaining('NUL character'), extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('refuses a form field holding a NUL as the client’s error', async () => {
    const response = await fetch(`${t.baseUrl}/password/forgot`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: nul }),
      redirect: 'manual',
    });
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).toContain('not allowed (NUL)');
  });

  it('answers an OIDC client id holding a NUL with an OAuth error, not a server error', async () => {
    const token = (headers: Record<string, string>, fields: Record<string, string>) =>
      fetch(`${t.baseUrl}/${a.tenant.id}/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ grant_type: 'client_credentials', ...fields }),
      });
    const basic = `Basic ${Buffer.from(`${encodeURIComponent('a\u0000b')}:secret`).toString('base64')}`;
    for (const response of [
      await token({ authorization: basic }, {}),
      await token({}, { client_id: 'a\u0000b', client_secret: 'secret' }),
    ]) {
      expect([400, 401]).toContain(response.status);
      expect(['invalid_client', 'invalid_request']).toContain(((await response.json()) as { error: string }).error);
    }
  });

  it('refuses a CSV file holding a NUL as malformed, naming the line, writing nothing', async () => {
    const csv = 'Email,DisplayName,InvitationText\r\nok1@nul-csv.example,A,\r\nbad\u0000one@nul-csv.example,X,\r\n';
    const result = await uploadCsv(t, a.admin.token, 'nul.csv', csv);
    expect(result.code, JSON.stringify(result)).toBe('CSV_MALFORMED');
    expect(result.message).toMatch(/near line 3: it holds a NUL character/);
    // Excel's "Unicode text" (UTF-16) export: a NUL in every other byte.
    const utf16 = await uploadCsv(t, a.admin.token, 'utf16.csv', Buffer.from('Email\r\nok2@nul-csv.example\r\n', 'utf16le'));
    expect(utf16.code).toBe('CSV_MALFORMED');
    expect(await t.gateway.db.manager.countBy(Invitation, { tenantId: a.tenant.id })).toBe(0);
  });
});
