import { describe, expect, it } from 'vitest';
import { rememberedSignIn } from '../../src/oidc/sign-in-policy.js';

/** What a token remembers of the sign-in behind it, for the policy's token-time checks. */
describe('rememberedSignIn', () => {
  it("dates a refresh token's session from the earlier of its first issue and the sign-in behind it", () => {
    // Got silently 50 minutes into a browser session whose sign-in was at 1000: the session is the sign-in's.
    expect(rememberedSignIn({ kind: 'RefreshToken', acr: '1fa', authTime: 1000, iiat: 4000 })).toEqual({
      acr: '1fa',
      authTime: 1000,
      sessionStartedAt: 1000,
    });
    expect(rememberedSignIn({ kind: 'RefreshToken', authTime: 5000, iiat: 4000 })).toMatchObject({ sessionStartedAt: 4000 });
    expect(rememberedSignIn({ kind: 'RefreshToken', iiat: 4000 })).toMatchObject({ sessionStartedAt: 4000 });
    expect(rememberedSignIn({ kind: 'RefreshToken' }).sessionStartedAt).toBeUndefined();
  });

  it('reads an access token from its extra claims, and gives a code no session', () => {
    expect(rememberedSignIn({ kind: 'AccessToken', extra: { acr: 'mfa', auth_time: 7 } })).toEqual({ acr: 'mfa', authTime: 7 });
    expect(rememberedSignIn({ kind: 'AuthorizationCode', acr: '1fa', authTime: 9, iiat: 3 })).toEqual({ acr: '1fa', authTime: 9 });
    expect(rememberedSignIn(undefined)).toEqual({});
  });
});
