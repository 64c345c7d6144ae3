import express from 'express';
import { exportJWK, generateKeyPair } from 'jose';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, interactionPolicy } from 'oidc-provider';

interface UpstreamAccount {
  email: string;
  name: string;
  disabled: boolean;
  /** What the provider asserts as email_verified (a partner's provider may say false). */
  emailVerified: boolean;
  givenName?: string;
  familyName?: string;
  /** How the person signed in there (the ID token's `amr`), e.g. ['pwd', 'mfa']. */
  amr?: string[];
  /** A sign-in there stamped this many seconds ago (its `auth_time`), as a provider ignoring prompt=login would. */
  authTimeAgo?: number;
}

/**
 * A partner company's own identity provider for federation tests: a plain oidc-provider on loopback.
 * The "person at the keyboard" is whoever `signInAs` names; a disabled account is refused.
 */
export async function startUpstreamIdp(redirectUri: string) {
  const accounts = new Map<string, UpstreamAccount>();
  let current: string | null = null;
  /** What each sign-in the provider asked for was requested with (prompt, max_age). */
  const prompted: Array<{ prompt: unknown; maxAge: unknown }> = [];
  const app = express();
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/idp`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const policy = interactionPolicy.base();
  policy
    .get('login')!
    .checks.add(
      new interactionPolicy.Check('disabled', 'account disabled', (ctx) =>
        accounts.get(String(ctx.oidc.account?.accountId))?.disabled
          ? interactionPolicy.Check.REQUEST_PROMPT
          : interactionPolicy.Check.NO_NEED_TO_PROMPT,
      ),
    );
  const configuration: Configuration = {
    clients: [
      {
        client_id: 'gateway',
        client_secret: 'upstream-secret',
        redirect_uris: [redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        // Its ID tokens say when the person signed in there, as most providers' do.
        require_auth_time: true,
      },
    ],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'upstream-1', alg: 'RS256', use: 'sig' } as never] },
    cookies: { keys: ['upstream-cookie-key'] },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      return account
        ? {
            accountId: sub,
            claims: () => ({
              sub,
              email: account.email,
              email_verified: account.emailVerified,
              name: account.name,
              given_name: account.givenName,
              family_name: account.familyName,
            }),
          }
        : undefined;
    },
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], profile: ['name', 'given_name', 'family_name'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}`, policy },
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  app.get('/interaction/:uid', async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') prompted.push({ prompt: details.params.prompt, maxAge: details.params.max_age });
    const account = current ? accounts.get(current) : undefined;
    if (!account || account.disabled) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'the account is disabled' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name === 'consent') {
      const grant = new provider.Grant({ accountId: current!, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope));
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    const ts = account.authTimeAgo ? Math.floor(Date.now() / 1000) - account.authTimeAgo : undefined;
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: current!, amr: account.amr, ts } },
      { mergeWithLastSubmission: false },
    );
  });
  app.use('/idp', provider.callback());
  return {
    issuer,
    addAccount: (
      sub: string,
      email: string,
      name: string,
      options: { emailVerified?: boolean; givenName?: string; familyName?: string; amr?: string[] } = {},
    ) =>
      accounts.set(sub, {
        email,
        name,
        disabled: false,
        emailVerified: options.emailVerified ?? true,
        givenName: options.givenName,
        familyName: options.familyName,
        amr: options.amr,
      }),
    signInAs: (sub: string | null) => {
      current = sub;
    },
    prompted,
    /** The next sign-ins there are stamped `seconds` ago (0: now). */
    stampSignInsAgo: (sub: string, seconds: number) => {
      accounts.get(sub)!.authTimeAgo = seconds;
    },
    disable: (sub: string) => {
      accounts.get(sub)!.disabled = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
