import * as oidc from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { GRANT_REDIRECT, grantTarget, type GrantTarget } from '../helpers/oidc-grants.js';
import { WebClient } from '../helpers/web-client.js';

/**
 * The consent prompt is finished with the interaction its own request loaded (finish-interaction.ts),
 * no longer by the provider loading it again. Another browser that opens the prompt's URL, with or
 * without the victim's interaction cookie, must get no code for the victim; the victim still gets one.
 */
describe.each(testDatabases())('attack: finishing another browser’s consent prompt on %s', (kind) => {
  const suite = useGatewaySuite(kind);
  let target: GrantTarget;
  let config: oidc.Configuration;

  beforeAll(async () => {
    target = await grantTarget(suite.t.gateway, 'Consent');
    config = await oidc.discovery(new URL(target.issuer), target.clientId, undefined, oidc.ClientSecretBasic(target.clientSecret), {
      execute: [oidc.allowInsecureRequests],
    });
  });

  /** Starts a code flow in `web` and stops at the consent prompt's URL. */
  async function toConsent(web: WebClient) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: GRANT_REDIRECT,
      scope: 'openid email',
      prompt: 'consent',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    });
    let interactions = 0;
    const stopped = await web.follow(await web.get(url.href), (u) => u.includes('/interaction/') && ++interactions === 2);
    expect(stopped.url).toMatch(/\/interaction\//);
    return { consentUrl: stopped.url, verifier, state };
  }

  it('gives another browser no code, with or without the interaction cookie, and the owner still one', async () => {
    const victim = new WebClient();
    await target.signIn(victim);
    const { consentUrl, verifier, state } = await toConsent(victim);

    const stranger = new WebClient();
    const bare = await stranger.follow(await stranger.get(consentUrl), (u) => u.startsWith(GRANT_REDIRECT));
    expect(bare.url.startsWith(GRANT_REDIRECT)).toBe(false);
    expect(bare.status).toBeGreaterThanOrEqual(400);
    expect(bare.status).toBeLessThan(500);

    // The victim's interaction and resume cookies (`_i_…`, `_r_…`) without its provider session: the
    // prompt is finished (it passes the interaction page), but the provider's resume refuses it.
    const thief = new WebClient();
    for (const [name, value] of Object.entries(victim.cookies())) {
      if (/^_[ir]_/.test(name)) thief.plant(consentUrl, name, value);
    }
    const stolen = await thief.follow(await thief.get(consentUrl), (u) => u.startsWith(GRANT_REDIRECT));
    expect(stolen.url).not.toMatch(/\/interaction\//);
    expect(stolen.url.startsWith(GRANT_REDIRECT) && new URL(stolen.url).searchParams.has('code')).toBe(false);
    expect(stolen.status).toBeGreaterThanOrEqual(400);
    expect(stolen.status).toBeLessThan(500);

    const landed = await victim.follow(await victim.get(consentUrl), (u) => u.startsWith(GRANT_REDIRECT));
    const tokens = await oidc.authorizationCodeGrant(config, new URL(landed.url), { pkceCodeVerifier: verifier, expectedState: state });
    expect(tokens.claims()?.sub).toBeTruthy();
  });
});
