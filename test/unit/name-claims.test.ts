import { describe, expect, it } from 'vitest';
import { User, UserType } from '../../src/directory/user.entity.js';
import { accountClaims, CLAIMS_BY_SCOPE } from '../../src/oidc/claims.js';

const user = (fields: Partial<User>): User =>
  Object.assign(new User(), {
    id: 'u1',
    tenantId: 't1',
    userType: UserType.Member,
    displayName: 'Ana Lima',
    mail: 'ana@fabrikam.example',
    givenName: null,
    familyName: null,
    signInName: null,
    altSecId: null,
    emailVerified: true,
    upstreamIssuer: null,
    ...fields,
  });

describe('given_name and family_name claims', () => {
  it('come under the profile scope', () => {
    expect(CLAIMS_BY_SCOPE.profile).toEqual(['name', 'given_name', 'family_name']);
  });

  it('carry a member’s own names when it has them, and are absent when it has none', () => {
    expect(accountClaims('https://gw', 't1', user({ givenName: 'Ana', familyName: 'Lima' }), null)).toMatchObject({
      given_name: 'Ana',
      family_name: 'Lima',
    });
    const nameless = accountClaims('https://gw', 't1', user({}), null);
    expect(nameless).not.toHaveProperty('given_name');
    expect(nameless).not.toHaveProperty('family_name');
    expect(accountClaims('https://gw', 't1', user({ familyName: 'Lima' }), null)).not.toHaveProperty('given_name');
  });

  it('carry a guest’s home identity’s names, not the guest object’s', () => {
    const guest = user({
      id: 'g1',
      userType: UserType.Guest,
      givenName: 'Stale',
      familyName: 'Guest',
      signInName: 'ana@fabrikam.example',
      altSecId: '5::AB',
    });
    const home = user({ id: 'h1', tenantId: 'home', givenName: 'Ana', familyName: 'Lima' });
    expect(accountClaims('https://gw', 't1', guest, home)).toMatchObject({ oid: 'g1', given_name: 'Ana', family_name: 'Lima', acct: 1 });
  });
});
