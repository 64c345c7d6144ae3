import { beforeAll, describe, expect, it } from 'vitest';
import { DirectoryRole } from '../../src/directory/role-assignment.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { clientCredentialsToken, type TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { TestClock } from '../helpers/test-clock.js';
import { GraphQLClient, type TestGateway } from '../helpers/test-gateway.js';
import { RotateSigningKeyDocument, SigningKeysDocument, ViewerDocument } from '../graphql/generated.js';

const kidOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()).kid as string;

describe.each(testDatabases())('signing-key rotation on %s', (kind) => {
  const clock = new TestClock();
  let t: TestGateway;
  let a: TenantFixture;

  const suite = useGatewaySuite(kind, { clock, tenants: [{}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a],
      } = suite),
  );

  const jwks = async () =>
    ((await (await fetch(`${t.baseUrl}/${a.tenant.id}/v2.0/jwks`)).json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
  const token = () => clientCredentialsToken(t, a.tenant.id, a.admin.app.appId, a.admin.clientSecret);

  it('publishes the next key before it signs, switches at activation, and keeps the old key published until its tokens expire', async () => {
    const [first] = (await a.admin.client.data(SigningKeysDocument)).signingKeys;
    expect(first).toMatchObject({ status: 'active' });
    const before = await token();
    expect(kidOf(before)).toBe(first!.kid);

    const rotated = (await a.admin.client.data(RotateSigningKeyDocument, { activateInSeconds: 60 })).rotateSigningKey;
    const next = rotated.find((k) => k.status === 'next')!;
    expect(rotated.map((k) => k.status)).toEqual(['active', 'next']);
    expect(await jwks()).toEqual([first!.kid, next.kid]);
    expect(kidOf(await token())).toBe(first!.kid);

    clock.offsetMs += 61_000;
    const after = await token();
    expect(kidOf(after)).toBe(next.kid);
    expect(await jwks()).toEqual([next.kid, first!.kid]);
    // A token signed by the retired key still verifies, and so does one by the new key.
    expect((await new GraphQLClient(t, before).data(ViewerDocument)).viewer.id).toBe(a.admin.app.id);
    expect((await new GraphQLClient(t, after).data(ViewerDocument)).viewer.id).toBe(a.admin.app.id);

    clock.offsetMs += 2 * 3600_000;
    expect(await jwks()).toEqual([next.kid]);
    // The admin's old token was signed by the dropped key: it no longer verifies; a new one does.
    expect(await a.admin.client.errorCode(SigningKeysDocument)).toBe('UNAUTHENTICATED');
    expect((await new GraphQLClient(t, await token()).data(SigningKeysDocument)).signingKeys.map((k) => k.status)).toEqual(['active']);
  });

  it('is for GlobalAdministrators only', async () => {
    const inviter = await a.principal([DirectoryRole.GuestInviter]);
    expect(await inviter.client.errorCode(RotateSigningKeyDocument, {})).toBe('FORBIDDEN');
    expect(await inviter.client.errorCode(SigningKeysDocument)).toBe('FORBIDDEN');
  });
});
