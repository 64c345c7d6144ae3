import type { User } from '../directory/user.entity.js';
import { UserType } from '../directory/user.entity.js';
import { homeIdentityProvider } from './issuer.js';
import { shortScope } from './first-party-grant.js';

/**
 * The claims of an account of the resource tenant `tenantId`, as the README's "Tokens" table lists
 * them (the rule comes from the "Tokens" section of the team's design notes, kept outside this
 * repository): `tid`/`oid` name the resource tenant's object, and a guest's token also names its
 * home identity (`idp`, `altsecid`, `unique_name`, `acct: 1`). `given_name`/`family_name` appear
 * only when known.
 */
export function accountClaims(publicUrl: string, tenantId: string, account: User, home: User | null): Record<string, unknown> {
  // A guest's names are its home identity's (the profile, or what its company's provider asserted).
  const named = account.userType === UserType.Guest && home ? home : account;
  const common = {
    sub: account.id,
    oid: account.id,
    tid: tenantId,
    name: account.displayName,
    ...(named.givenName ? { given_name: named.givenName } : {}),
    ...(named.familyName ? { family_name: named.familyName } : {}),
    ver: '2.0',
  };
  if (account.userType === UserType.Guest && home) {
    const email = account.signInName ?? account.mail;
    return {
      ...common,
      // A partner company's own provider, or the home gateway tenant.
      idp: homeIdentityProvider(publicUrl, home),
      altsecid: account.altSecId,
      unique_name: home.upstreamIssuer ? `${home.upstreamIssuer}#${email}` : email,
      email: account.signInName ?? account.mail,
      email_verified: true,
      acct: 1,
    };
  }
  return { ...common, unique_name: account.mail, email: account.mail, email_verified: account.emailVerified, acct: 0 };
}

/** Claims per scope; with conformIdTokenClaims off, ID tokens carry them all. */
export const CLAIMS_BY_SCOPE = {
  openid: ['sub', 'oid', 'tid', 'idp', 'altsecid', 'unique_name', 'acct', 'ver', 'amr', 'roles'],
  email: ['email', 'email_verified'],
  profile: ['name', 'given_name', 'family_name'],
};

/**
 * Claims added to access tokens (JWT for the API): every token names the tenant that issued it. A
 * user's token names the user (`oid`, so the API loads its roles), its delegated scopes (`scp`, Entra's
 * name) and, for a guest, the home identity it is bound to (`altsecid`, checked by the API so a reset
 * redemption ends it). An app-only token says so (`idtyp: app`, as Entra ID does).
 */
export function accessTokenClaims(
  tenantId: string,
  token: { kind?: string; accountId?: string; scope?: string; resourceServer?: { identifier(): string } },
  account: Pick<User, 'altSecId'> | null,
): Record<string, unknown> | undefined {
  if (token.accountId) {
    // Scopes requested as `<the API's URL>/<scope>` read as their short names, as the API checks them.
    const api = token.resourceServer?.identifier();
    const scp =
      token.scope === undefined || !api
        ? token.scope
        : token.scope
            .split(' ')
            .map((s) => shortScope(s, api))
            .join(' ');
    return { oid: token.accountId, tid: tenantId, scp, altsecid: account?.altSecId ?? undefined };
  }
  if (token.kind === 'ClientCredentials') return { tid: tenantId, idtyp: 'app' };
  return undefined;
}
