import { describe, expect, it } from 'vitest';
import { ExternalUserState, type User, UserType } from '../../src/directory/user.entity.js';
import { accessTokenClaims, accountClaims, CLAIMS_BY_SCOPE } from '../../src/oidc/claims.js';

const URL_ = 'https://gw.example';
const RESOURCE = '0a000000-0000-7000-8000-00000000000a';
const HOME_TENANT = '0b000000-0000-7000-8000-00000000000b';

const user = (fields: Partial<User>): User =>
  ({
    id: 'u-1',
    tenantId: RESOURCE,
    displayName: 'Carol Partner',
    mail: 'carol@fabrikam.example',
    signInName: null,
    emailVerified: false,
    userType: UserType.Member,
    externalUserState: null,
    altSecId: null,
    upstreamIssuer: null,
    ...fields,
  }) as unknown as User;

describe('ID token claims: accountClaims', () => {
  it('names a member by its own object, with its own verification state', () => {
    const member = user({ id: 'm-1', displayName: 'Mia Member', mail: 'mia@contoso.example', emailVerified: false });
    expect(accountClaims(URL_, RESOURCE, member, null)).toEqual({
      sub: 'm-1',
      oid: 'm-1',
      tid: RESOURCE,
      name: 'Mia Member',
      ver: '2.0',
      unique_name: 'mia@contoso.example',
      email: 'mia@contoso.example',
      email_verified: false,
      acct: 0,
    });
    expect(accountClaims(URL_, RESOURCE, user({ emailVerified: true }), null)).toMatchObject({ email_verified: true, acct: 0 });
  });

  it('names a guest by the resource object and its home identity on the gateway', () => {
    const guest = user({
      id: 'g-1',
      userType: UserType.Guest,
      externalUserState: ExternalUserState.Accepted,
      signInName: 'carol@fabrikam.example',
      mail: 'carol.mail@fabrikam.example',
      altSecId: '5::home-1',
      emailVerified: false,
    });
    const home = user({ id: 'home-1', tenantId: HOME_TENANT });
    expect(accountClaims(URL_, RESOURCE, guest, home)).toEqual({
      sub: 'g-1',
      oid: 'g-1',
      tid: RESOURCE,
      name: 'Carol Partner',
      ver: '2.0',
      idp: `${URL_}/${HOME_TENANT}/v2.0`,
      altsecid: '5::home-1',
      unique_name: 'carol@fabrikam.example',
      email: 'carol@fabrikam.example',
      email_verified: true,
      acct: 1,
    });
  });

  it('falls back to the mail of a guest without a sign-in name', () => {
    const guest = user({ userType: UserType.Guest, signInName: null, mail: 'dan@fabrikam.example', altSecId: 'x' });
    const claims = accountClaims(URL_, RESOURCE, guest, user({ tenantId: HOME_TENANT }));
    expect(claims).toMatchObject({ unique_name: 'dan@fabrikam.example', email: 'dan@fabrikam.example', acct: 1 });
  });

  it("names a federated guest's upstream provider as idp and in unique_name", () => {
    const guest = user({ userType: UserType.Guest, signInName: 'erin@partner.example', altSecId: '5::up' });
    const home = user({ tenantId: HOME_TENANT, upstreamIssuer: 'https://login.partner.example' });
    const claims = accountClaims(URL_, RESOURCE, guest, home);
    expect(claims.idp).toBe('https://login.partner.example');
    expect(claims.unique_name).toBe('https://login.partner.example#erin@partner.example');
    expect(claims.email).toBe('erin@partner.example');
  });

  it('treats a guest without a home as an account of its own (no idp, no altsecid)', () => {
    const guest = user({ userType: UserType.Guest, mail: 'f@x.example', emailVerified: false, altSecId: 'a' });
    const claims = accountClaims(URL_, RESOURCE, guest, null);
    expect(claims).toEqual({
      sub: 'u-1',
      oid: 'u-1',
      tid: RESOURCE,
      name: 'Carol Partner',
      ver: '2.0',
      unique_name: 'f@x.example',
      email: 'f@x.example',
      email_verified: false,
      acct: 0,
    });
  });

  it('never gives a member the guest claims, even with a home at hand', () => {
    const claims = accountClaims(URL_, RESOURCE, user({ altSecId: 'a' }), user({ tenantId: HOME_TENANT }));
    expect(claims).not.toHaveProperty('idp');
    expect(claims).not.toHaveProperty('altsecid');
    expect(claims.acct).toBe(0);
  });

  it('releases the documented claims per scope', () => {
    expect(CLAIMS_BY_SCOPE).toEqual({
      openid: ['sub', 'oid', 'tid', 'idp', 'altsecid', 'unique_name', 'acct', 'ver', 'amr', 'roles'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name'],
    });
  });
});

describe('access token claims: accessTokenClaims', () => {
  it("names a guest user's object, tenant, scopes and bound home identity", () => {
    expect(
      accessTokenClaims(RESOURCE, { kind: 'AccessToken', accountId: 'g-1', scope: 'Directory.Read.All' }, { altSecId: '5::home' }),
    ).toEqual({
      oid: 'g-1',
      tid: RESOURCE,
      scp: 'Directory.Read.All',
      altsecid: '5::home',
    });
  });

  it('reads a scope requested as `<the API>/<scope>` by its short name', () => {
    const resourceServer = { identifier: () => 'https://gw.example/graphql' };
    const token = { accountId: 'm-1', scope: 'https://gw.example/graphql/Directory.Read.All openid', resourceServer };
    expect(accessTokenClaims(RESOURCE, token, null)).toMatchObject({ scp: 'Directory.Read.All openid' });
  });

  it('leaves altsecid out for a member, or when the account is gone', () => {
    expect(accessTokenClaims(RESOURCE, { accountId: 'm-1', scope: 'a b' }, { altSecId: null })).toEqual({
      oid: 'm-1',
      tid: RESOURCE,
      scp: 'a b',
      altsecid: undefined,
    });
    expect(accessTokenClaims(RESOURCE, { accountId: 'm-1' }, null)).toEqual({
      oid: 'm-1',
      tid: RESOURCE,
      scp: undefined,
      altsecid: undefined,
    });
  });

  it('marks an app-only token with idtyp app and no user', () => {
    expect(accessTokenClaims(RESOURCE, { kind: 'ClientCredentials', scope: 'x' }, null)).toEqual({ tid: RESOURCE, idtyp: 'app' });
  });

  it('prefers the user when a token names one, whatever its kind', () => {
    expect(accessTokenClaims(RESOURCE, { kind: 'ClientCredentials', accountId: 'u' }, null)).toMatchObject({ oid: 'u' });
    expect(accessTokenClaims(RESOURCE, { kind: 'ClientCredentials', accountId: 'u' }, null)).not.toHaveProperty('idtyp');
  });

  it('adds nothing to other tokens', () => {
    expect(accessTokenClaims(RESOURCE, { kind: 'AccessToken' }, null)).toBeUndefined();
    expect(accessTokenClaims(RESOURCE, {}, null)).toBeUndefined();
    expect(accessTokenClaims(RESOURCE, { kind: 'ClientCredentials', accountId: '' }, null)).toEqual({ tid: RESOURCE, idtyp: 'app' });
  });
});
