import Provider, { type AdapterPayload, type Configuration, errors, interactionPolicy } from 'oidc-provider';
import type { Application } from '../apps/application.entity.js';
import type { ApplicationService } from '../apps/application.service.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { UserService } from '../directory/user.service.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Clock } from '../shared/clock.js';
import { deriveKey } from '../shared/secrets.js';
import { createAdapterClass } from './adapter.js';
import { issuerFor } from './issuer.js';
import { accountClaims, CLAIMS_BY_SCOPE } from './claims.js';
import { grantRequested } from './first-party-grant.js';
import type { AccessService } from '../access/access.service.js';
import { html, page, SafeHtml } from '../pages/layout.js';
import { SIGNING_ALG, type SigningKeyService } from './signing-key.service.js';

export interface ProviderDeps {
  config: Config;
  db: Database;
  clock: Clock;
  apps: ApplicationService;
  users: UserService;
  access: AccessService;
  signingKeys: SigningKeyService;
  logger: Logger;
  metrics: Metrics;
}

export { issuerFor };

/**
 * Builds the OpenID provider of one tenant (wiring only; rules live in the services).
 * Clients are the tenant's applications, read at each use, so app changes need no restart.
 */
export async function createTenantProvider(deps: ProviderDeps, tenantId: string): Promise<Provider> {
  const { config } = deps;
  const configuration: Configuration = {
    adapter: createAdapterClass({
      db: deps.db,
      clock: deps.clock,
      tenantId,
      findClient: async (clientId) => {
        const app = await deps.apps.findByAppId(tenantId, clientId);
        return app ? clientMetadata(app, deps.apps.clientSecretOf(app)) : undefined;
      },
    }),
    jwks: { keys: (await deps.signingKeys.privateJwks(tenantId)) as NonNullable<Configuration['jwks']>['keys'] },
    // Called at every authorization, token, refresh and userinfo request: access is re-checked each time.
    findAccount: async (ctx, sub) => {
      const user = await deps.users.findById(sub);
      if (!user || user.tenantId !== tenantId) return undefined;
      const clientId = ctx.oidc?.client?.clientId;
      const app = clientId ? await deps.apps.findByAppId(tenantId, clientId) : null;
      let denied = false;
      try {
        await deps.access.checkSignIn(user, app);
      } catch {
        // Tokens, refresh and userinfo end here; in the browser the login prompt explains why (below).
        if (!INTERACTIVE_ROUTES.has(String(ctx.oidc?.route))) return undefined;
        denied = true;
      }
      const home = user.homeUserId ? await deps.users.findById(user.homeUserId) : null;
      return { accountId: user.id, denied, claims: () => accountClaims(config.publicUrl, tenantId, user, home) as { sub: string } };
    },
    interactions: { url: (_ctx, interaction) => `/${tenantId}/interaction/${interaction.uid}`, policy: accessAwarePolicy() },
    claims: CLAIMS_BY_SCOPE,
    conformIdTokenClaims: false,
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    rotateRefreshToken: true,
    // Apps registered in the tenant are first-party: no consent screen; the grant covers what they ask for.
    loadExistingGrant: async (ctx) => {
      const { client, session } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (existing) {
        const found = await ctx.oidc.provider.Grant.find(existing);
        if (found) return found;
      }
      const grant = grantRequested(new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId }), ctx.oidc.params ?? {}, config.apiResource);
      await grant.save();
      return grant;
    },
    extraTokenClaims: async (_ctx, token) => {
      // API access tokens (JWT) of a user name the user, so the GraphQL API can load its roles.
      const accountId = (token as { accountId?: string }).accountId;
      return accountId ? { oid: accountId, tid: tenantId } : undefined;
    },
    cookies: {
      keys: [deriveKey(config.gatewaySecret, 'oidc-cookies').toString('base64url')],
      // Per-tenant names: every tenant's provider lives on the same host.
      names: { session: `_s_${tenantId.slice(-12)}`, interaction: `_i_${tenantId.slice(-12)}`, resume: `_r_${tenantId.slice(-12)}` },
    },
    ttl: { ClientCredentials: config.apiTokenTtlSeconds, AccessToken: 600, IdToken: 3600, RefreshToken: 14 * 86_400, Session: 8 * 3600, Grant: 14 * 86_400, Interaction: 3600 },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page({ title: 'Sign-in error' }, html`<h1>Sign-in error</h1><p id="message">${String(out.error_description ?? out.error)}</p>`);
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // A CSP-friendly confirmation page around the provider's own form.
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = page({ title: 'Sign out' }, html`<h1>Sign out</h1><p>Do you want to sign out?</p>${new SafeHtml(form)}
<button type="submit" form="op.logoutForm" name="logout" value="yes" id="logout">Sign out</button>`);
        },
      },
      resourceIndicators: {
        enabled: true,
        // A client-credentials request without `resource` is for the gateway's API.
        defaultResource: (ctx) => (ctx.oidc.params?.grant_type === 'client_credentials' ? config.apiResource : undefined) as string,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== config.apiResource) throw new errors.InvalidTarget();
          return {
            scope: 'directory',
            audience: config.apiResource,
            accessTokenTTL: config.apiTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: SIGNING_ALG } },
          };
        },
      },
    },
  };
  const provider = new Provider(issuerFor(config.publicUrl, tenantId), configuration);
  provider.proxy = config.trustProxy !== false;
  // Koa reads the client from the right of X-Forwarded-For, as many entries as there are proxies.
  if (typeof config.trustProxy === 'number') provider.maxIpsCount = config.trustProxy;
  provider.on('server_error', (_ctx, err) => deps.logger.error({ err, tenantId }, 'OIDC provider error'));
  provider.on('grant.success', (ctx) => deps.metrics.oidcGrants.inc({ grant_type: String(ctx.oidc.params?.grant_type ?? 'unknown'), outcome: 'issued', reason: '' }));
  provider.on('grant.error', (ctx, err) =>
    deps.metrics.oidcGrants.inc({ grant_type: String(ctx.oidc.params?.grant_type ?? 'unknown'), outcome: 'refused', reason: String((err as { error?: string }).error ?? 'error') }));
  provider.on('authorization.error', (_ctx, err) =>
    deps.metrics.oidcGrants.inc({ grant_type: 'authorization_code', outcome: 'refused', reason: String((err as { error?: string }).error ?? 'error') }));
  return provider;
}

const INTERACTIVE_ROUTES = new Set(['authorization', 'resume']);

/** The default prompts, plus: a signed-in account that lost access must go through the login page, which says why. */
function accessAwarePolicy() {
  const policy = interactionPolicy.base();
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('access_lost', 'the account has no access to this application', async (ctx) =>
      (ctx.oidc.account as { denied?: boolean } | undefined)?.denied ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT,
    ),
  );
  policy.get('login')!.checks.add(
    new interactionPolicy.Check('login_hint_other_account', 'login_hint names another account than the signed-in one', async (ctx) => {
      const hint = ctx.oidc.params?.login_hint;
      const account = ctx.oidc.account as { claims?: (use: string, scope: string) => Promise<{ email?: string }> | { email?: string } } | undefined;
      if (typeof hint !== 'string' || !account?.claims) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const { email } = await account.claims('id_token', 'openid email');
      return email && email.toLowerCase() !== hint.trim().toLowerCase() ? interactionPolicy.Check.REQUEST_PROMPT : interactionPolicy.Check.NO_NEED_TO_PROMPT;
    }),
  );
  return policy;
}

function clientMetadata(app: Application, clientSecret: string): AdapterPayload {
  const interactive = app.replyUrls.length > 0;
  return {
    client_id: app.appId,
    client_secret: clientSecret,
    client_name: app.displayName,
    redirect_uris: app.replyUrls,
    post_logout_redirect_uris: app.replyUrls,
    grant_types: interactive ? ['authorization_code', 'refresh_token', 'client_credentials'] : ['client_credentials'],
    response_types: interactive ? ['code'] : [],
    token_endpoint_auth_method: 'client_secret_basic',
  };
}
