import { decodeJwt } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { userToken } from '../helpers/members.js';
import { forgot, resetCode, resetWorld } from '../helpers/password-reset.js';
import { GraphQLClient } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';
import { GrantApiAccessDocument, RevokeSignInSessionsDocument, ViewerDocument } from '../graphql/generated.js';

/**
 * API access tokens are JWTs the provider does not keep, so ending Bob's sign-ins (revokeSignInSessions,
 * a self-service password reset) must refuse them at the API by their `iat`: his member's token and
 * his guest's (whose home account he is); a guest's revocation ends only that tenant's tokens.
 */
describe.each(testDatabases())('API access tokens after sign-ins end on %s', (kind) => {
  const w = resetWorld(kind);
  const { bob } = w;

  beforeAll(async () => {
    await w.home.admin.client.data(GrantApiAccessDocument, { applicationId: w.appA.id, scopes: ['DirectoryAccessAsUserAll'] });
    await w.other.admin.client.data(GrantApiAccessDocument, { applicationId: w.appB.id, scopes: ['DirectoryAccessAsUserAll'] });
  });

  /** Bob's API tokens at both apps, once the second they were issued in has passed (`iat` has whole seconds). */
  async function bobsTokens() {
    const a = await userToken(w.t, w.appA, bob.email, bob.password);
    const b = await userToken(w.t, w.appB, bob.email, bob.password);
    const issued = Math.max(decodeJwt(a).iat!, decodeJwt(b).iat!);
    await new Promise((r) => setTimeout(r, Math.max(0, (issued + 1) * 1000 - Date.now())));
    return { a: new GraphQLClient(w.t, a), b: new GraphQLClient(w.t, b) };
  }
  const works = async (client: GraphQLClient) => (await client.run(ViewerDocument)).errors?.[0]?.extensions?.code ?? 'OK';

  it('revokeSignInSessions of a member refuses its API tokens, and those of its guests; new ones work', async () => {
    const before = await bobsTokens();
    expect([await works(before.a), await works(before.b)]).toEqual(['OK', 'OK']);
    await w.home.admin.client.data(RevokeSignInSessionsDocument, { userId: bob.id });
    expect(await works(before.a), 'the member’s token').toBe('UNAUTHENTICATED');
    expect(await works(before.b), 'the guest’s token (its home account was signed out)').toBe('UNAUTHENTICATED');
    // Straight after (in the same second, too): a new sign-in's tokens are accepted.
    const a = await userToken(w.t, w.appA, bob.email, bob.password);
    expect(await works(new GraphQLClient(w.t, a))).toBe('OK');
  });

  it('revokeSignInSessions of a guest refuses its tokens in that tenant only', async () => {
    const before = await bobsTokens();
    await w.other.admin.client.data(RevokeSignInSessionsDocument, { userId: bob.guestId });
    expect(await works(before.b)).toBe('UNAUTHENTICATED');
    expect(await works(before.a), 'the home tenant is not the resource tenant’s to end').toBe('OK');
  });

  it('a self-service password reset refuses the API tokens issued before it', async () => {
    const before = await bobsTokens();
    const web = new WebClient();
    const mails = w.smtp.received.length;
    const sent = await forgot(w, web, bob.email);
    const code = await resetCode(w, bob.email, mails);
    const done = await web.submit(sent, '/password/reset', { email: bob.email, code, password: 'tokens die with this reset' });
    expect(done.status, text(done)).toBe(200);
    bob.password = 'tokens die with this reset';
    expect(await works(before.a)).toBe('UNAUTHENTICATED');
    expect(await works(before.b)).toBe('UNAUTHENTICATED');
    const after = await userToken(w.t, w.appB, bob.email, bob.password);
    expect(await works(new GraphQLClient(w.t, after))).toBe('OK');
  });
});
