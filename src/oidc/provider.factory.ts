import type { IncomingMessage } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';
import type { ApplicationSecretService } from '../apps/application-secret.service.js';
import type { ApplicationService } from '../apps/application.service.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { UserService } from '../directory/user.service.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { Clock } from '../shared/clock.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { deriveKey } from '../shared/secrets.js';
import { batchWritesPerRequest, createAdapterClass } from './adapter.js';
import { issuerFor } from './issuer.js';
import { accessTokenClaims, accountClaims, CLAIMS_BY_SCOPE } from './claims.js';
import { accessFacts } from './access-facts.js';
import { exposedApiClaims, type IssuedToken, resourceApplication } from './exposed-api-claims.js';
import { clientMetadata, clientSecretStandIns, firstPartyOfflineAccess, verifyClientSecretsWith } from './first-party-clients.js';
import { type ApiResource, grantRequested } from './first-party-grant.js';
import type { AccessService } from '../access/access.service.js';
import { ACR_VALUES } from '../policies/acr.js';
import type { PolicyGate } from '../policies/policy-gate.js';
import { rememberedSignIn, sessionSatisfiesPolicy, signInTokenClaims } from './sign-in-policy.js';
import { apiResourceServer } from './api-resource-server.js';
import { accessAwarePolicy } from './interaction-policy.js';
import { tokenIntrospection } from './token-introspection.js';
import type { OidcPageRenderer, PageReader } from './oidc-pages.js';
import type { SigningKeyService } from './signing-key.service.js';
import { logRefreshDecisions, SessionLifetimeEnded } from './refresh-log.js';
import { requestLookups } from './request-lookups.js';
import type { SignInLogService } from '../sign-ins/sign-in-log.service.js';

export interface ProviderDeps {
  config: Config;
  db: Database;
  clock: Clock;
  apps: ApplicationService;
  appSecrets: ApplicationSecretService;
  users: UserService;
  access: AccessService;
  /** The tenant's security policy (MFA, sign-in frequency, terms) at authorization and token time. */
  policy: PolicyGate;
  signingKeys: SigningKeyService;
  api: ApiResource;
  logger: Logger;
  metrics: Metrics;
  signIns: SignInLogService;
  browser: BrowserSignIn;
  /** The provider's error and logout pages, rendered by src/pages. */
  pages: OidcPageRenderer;
}

/** The gateway's own sign-in of a browser, which every provider session of that browser depends on. */
export interface BrowserSignIn {
  /**
   * The home account the browser is signed in to the gateway with, if any, and when its sign-in as
   * that person began for `tenantId` (the session lifetime counts from it), if known: one read.
   */
  signedIn(req: IncomingMessage, tenantId: string): Promise<{ userId: string | null; startedAt: Date | null }>;
  /** Ends the gateway session of the browser and all its provider sessions, in every tenant. */
  signOut(req: IncomingMessage): Promise<void>;
}

const SESSION_COOKIE_PREFIX = '_s_';

/** The provider session ids among a browser's cookies, in whichever tenant (see `cookies.names`). */
export function providerSessionIds(cookies: Record<string, string | undefined>): string[] {
  return Object.entries(cookies)
    .filter(([name, value]) => /^_s_[0-9a-f]{12}$/.test(name) && value && value.length <= 100)
    .map(([, value]) => value!);
}

export { issuerFor };

/**
 * Builds the OpenID provider of one tenant (wiring only; rules live in the services).
 * Clients are the tenant's applications, read at each use, so app changes need no restart.
 */
export async function createTenantProvider(deps: ProviderDeps, tenantId: string): Promise<Provider> {
  const { config } = deps;
  // Each request reads an app, account or browser sign-in once however often the provider asks.
  const lookups = requestLookups(deps, tenantId);
  const standIn = clientSecretStandIns(config.gatewaySecret, tenantId);
  const configuration: Configuration = {
    adapter: createAdapterClass({
      db: deps.db,
      clock: deps.clock,
      tenantId,
      findClient: async (clientId) => {
        const app = await lookups.app(clientId);
        return app ? clientMetadata(app, standIn) : undefined;
      },
      accountRead: (account) => lookups.keepUser(account),
    }),
    jwks: { keys: (await deps.signingKeys.privateJwks(tenantId)) as NonNullable<Configuration['jwks']>['keys'] },
    // Called at every authorization, token, refresh and userinfo request: access is re-checked each time.
    findAccount: async (ctx, sub, token) => {
      const user = await lookups.user(sub);
      if (!user || user.tenantId !== tenantId) return undefined;
      const clientId = ctx.oidc?.client?.clientId;
      const app = clientId ? await lookups.app(clientId) : null;
      const interactive = INTERACTIVE_ROUTES.has(String(ctx.oidc?.route));
      // The tenant's policy and the account's assignments to the app are one statement (access-facts.ts)
      // for the checks below and for Entra's `roles` claim (ID tokens, userinfo); the roles and the home
      // account are read beside the checks rather than after them, and left unused when access is refused.
      const factsRead = app ? accessFacts(deps, user, app.id) : Promise.resolve(undefined);
      const rolesRead = app ? factsRead.then((facts) => deps.access.appRolesOf(user, app.id, facts!.assignments)) : Promise.resolve([]);
      const homeRead = user.homeUserId ? lookups.user(user.homeUserId) : Promise.resolve(null);
      rolesRead.catch(() => undefined);
      homeRead.catch(() => undefined);
      // At authorization, the browser's gateway sign-in too (read once per request, used below).
      if (interactive) lookups.signedInUserId(ctx.req).catch(() => undefined);
      let denied = false;
      try {
        const facts = await factsRead;
        await deps.access.checkSignIn(user, app, facts?.assignments);
        // Token, refresh and userinfo: the sign-in the token remembers must still satisfy the policy.
        if (!interactive) {
          // A token for another app's API: the user must be allowed into that app too (its assignment).
          const resourceApp = await resourceApplication(deps.api, tenantId, ctx, token);
          if (resourceApp && resourceApp.id !== app?.id) await deps.access.checkSignIn(user, resourceApp);
          const step = await deps.policy.tokenStep(user, rememberedSignIn(token), facts?.known);
          if (step === 'sessionEnded') throw new SessionLifetimeEnded();
          if (step !== 'ok') return undefined;
        }
        // Authorization: a provider session that falls short of the policy or the app's acr request goes
        // through the login prompt, where the interaction asks for what is missing.
        if (interactive && !(await sessionSatisfiesPolicy(deps.policy, ctx, user, await lookups.sessionStartedAt(ctx.req), facts?.known)))
          denied = true;
      } catch (error) {
        // Only a refusal ends here; anything else (a database failure) is the provider's server_error.
        if (!(error instanceof DomainError && error.code === ErrorCode.ACCESS_DENIED)) throw error;
        // Tokens, refresh and userinfo end here; in the browser the login prompt explains why (below).
        if (!interactive) return undefined;
        denied = true;
      }
      // A provider session lives only as long as the browser's gateway sign-in as the same person.
      const signedOut = interactive && !deps.access.isAccountOf(user, await lookups.signedInUserId(ctx.req));
      const [home, roles] = [await homeRead, await rolesRead];
      return {
        accountId: user.id,
        denied,
        signedOut,
        claims: () => ({ ...accountClaims(config.publicUrl, tenantId, user, home), ...(roles.length ? { roles } : {}) }) as { sub: string },
      };
    },
    interactions: { url: (_ctx, interaction) => `/${tenantId}/interaction/${interaction.uid}`, policy: accessAwarePolicy() },
    // How the person signed in (src/policies/acr.ts): in ID tokens, from the interaction's result.
    claims: { ...CLAIMS_BY_SCOPE, openid: [...CLAIMS_BY_SCOPE.openid, 'acr', 'amr', 'auth_time'] },
    acrValues: [...ACR_VALUES],
    // The claims parameter stays disabled, but an `acr` claim in it is a step-up request the gateway
    // enforces (requestsMfa): kept among the params, else the provider drops it and the app gets 1fa.
    extraParams: ['claims'],
    conformIdTokenClaims: false,
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    // RFC 9700 2.1.1: PKCE for every client, confidential ones too.
    pkce: { required: () => true },
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
      const grant = await grantRequested(
        new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId }),
        ctx.oidc.params ?? {},
        tenantId,
        deps.api,
      );
      await grant.save();
      return grant;
    },
    extraTokenClaims: async (ctx, token) => {
      const issued = token as IssuedToken;
      const account = issued.accountId ? await lookups.user(issued.accountId) : null;
      const identifier = issued.resourceServer?.identifier();
      const api = identifier && identifier !== config.apiResource ? await deps.api.find(tenantId, identifier) : null;
      const claims = api?.application
        ? await exposedApiClaims(deps, tenantId, { ...api, application: api.application }, issued, account)
        : accessTokenClaims(tenantId, issued, account);
      return claims && account ? { ...claims, ...signInTokenClaims(ctx) } : claims;
    },
    cookies: {
      keys: [deriveKey(config.gatewaySecret, 'oidc-cookies').toString('base64url')],
      // Per-tenant names: every tenant's provider lives on the same host.
      names: {
        session: `${SESSION_COOKIE_PREFIX}${tenantId.slice(-12)}`,
        interaction: `_i_${tenantId.slice(-12)}`,
        resume: `_r_${tenantId.slice(-12)}`,
      },
    },
    ttl: {
      ClientCredentials: config.apiTokenTtlSeconds,
      AccessToken: 600,
      IdToken: 3600,
      RefreshToken: 14 * 86_400,
      Session: 8 * 3600,
      Grant: 14 * 86_400,
      Interaction: 3600,
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = deps.pages.error(readerOf(ctx), String(out.error_description ?? out.error));
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: tokenIntrospection(deps, tenantId),
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // A CSP-friendly confirmation page around the provider's own form.
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = deps.pages.logoutConfirm(readerOf(ctx), form);
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = deps.pages.logoutDone(readerOf(ctx));
        },
      },
      resourceIndicators: apiResourceServer(config, deps.api, tenantId),
    },
  };
  const provider = new Provider(issuerFor(config.publicUrl, tenantId), configuration);
  // The route that mounts the provider (http/oidc.route.ts) rewrites the forwarded headers to the public
  // origin and the client address Express trusted, so the provider may read exactly one of each.
  provider.proxy = true;
  provider.maxIpsCount = 1;
  verifyClientSecretsWith(provider, (clientId, presented) => lookups.clientSecretMatches(clientId, presented));
  firstPartyOfflineAccess(provider);
  provider.use(async (ctx, next) => {
    await next();
    // A confirmed logout of the person the browser is signed in as signs the whole browser out. (The
    // provider also posts a logout itself when another account signs in: that must not undo the new sign-in.)
    const session = ctx.oidc?.session;
    if (ctx.oidc?.route !== 'end_session_confirm' || !session?.destroyed || !session.accountId) return;
    const account = await deps.users.findById(session.accountId);
    if (account && deps.access.isAccountOf(account, await lookups.signedInUserId(ctx.req))) await deps.browser.signOut(ctx.req);
  });
  provider.on('server_error', (_ctx, err) => deps.logger.error({ err, tenantId }, 'OIDC provider error'));
  provider.on('grant.success', (ctx) =>
    deps.metrics.oidcGrants.inc({ grant_type: String(ctx.oidc.params?.grant_type ?? 'unknown'), outcome: 'issued', reason: '' }),
  );
  provider.on('grant.error', (ctx, err) =>
    deps.metrics.oidcGrants.inc({
      grant_type: String(ctx.oidc.params?.grant_type ?? 'unknown'),
      outcome: 'refused',
      reason: String((err as { error?: string }).error ?? 'error'),
    }),
  );
  // Inside the logout hook (its sign-out deletes sessions after this request's writes), outside the
  // refresh log (whose entry joins them).
  batchWritesPerRequest(provider);
  logRefreshDecisions(provider, tenantId, deps.signIns, deps.logger, lookups);
  provider.on('authorization.error', (_ctx, err) =>
    deps.metrics.oidcGrants.inc({
      grant_type: 'authorization_code',
      outcome: 'refused',
      reason: String((err as { error?: string }).error ?? 'error'),
    }),
  );
  return provider;
}

const INTERACTIVE_ROUTES = new Set(['authorization', 'resume']);

/** The reader of a provider page: its language and the request id Express gave the request (http/request-id.ts). */
function readerOf(ctx: { get(field: string): string; res: unknown }): PageReader {
  const locals = (ctx.res as { locals?: { requestId?: unknown } }).locals;
  return {
    acceptLanguage: ctx.get('accept-language') || undefined,
    requestId: typeof locals?.requestId === 'string' ? locals.requestId : undefined,
  };
}
