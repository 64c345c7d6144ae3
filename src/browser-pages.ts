import { Router } from 'express';
import type { BrowserContext } from './http/browser.js';
import type { ApiResource } from './oidc/first-party-grant.js';
import type { ProviderRegistry } from './oidc/provider.registry.js';
import { accountRoutes } from './pages/account.routes.js';
import { activationRoutes } from './pages/activation.routes.js';
import { brandingRoutes } from './pages/branding.routes.js';
import { CONSOLE_DIR, consoleRoutes } from './pages/console.routes.js';
import { federationRoutes } from './pages/federation.routes.js';
import type { SignInPagesDeps } from './pages/first-factor.js';
import { signedInHome } from './pages/home-session.js';
import { interactionRoutes } from './pages/interaction.routes.js';
import { mfaRoutes } from './pages/mfa.routes.js';
import { panelRoutes } from './pages/panel.routes.js';
import { passkeyRoutes } from './pages/passkey.routes.js';
import { passwordResetRoutes } from './pages/password-reset.routes.js';
import { redeemRoutes } from './pages/redeem.routes.js';
import { samlRoutes } from './pages/saml.routes.js';
import { termsRoutes } from './pages/terms.routes.js';
import type { Services } from './services.js';

export interface BrowserPagesDeps {
  services: Services;
  browser: BrowserContext;
  providers: ProviderRegistry;
  api: ApiResource;
  publicUrl: string;
  apiResource: string;
}

/**
 * Every page a person's browser opens (redemption, sign-in, MFA, account, terms, the console), wired
 * to the one set of services. Part of the composition root, beside app.ts: it only hands each route
 * module what it needs.
 */
export function browserPages({ services, browser, providers, api, publicUrl, apiResource }: BrowserPagesDeps): Router {
  const router = Router();
  const home = signedInHome({ profile: services.accountProfile, policyGate: services.policyGate, sessions: services.sessions });
  // The services every sign-in page (an app's, SAML's, the access panel's) is handed.
  const signInPages: SignInPagesDeps = {
    browser,
    accounts: services.accounts,
    access: services.access,
    mfa: services.mfa,
    federation: services.federation,
    sessions: services.sessions,
    signIns: services.signIns,
    policyGate: services.policyGate,
  };
  // First: every code flow opens an interaction page, and no other page's path looks like
  // `/<tenant>/interaction/...`, so its requests skip matching the routes of every router below.
  router.use(interactionRoutes({ ...signInPages, providers, publicUrl, api }));
  router.use(
    redeemRoutes({
      home,
      browser,
      sessions: services.sessions,
      mfa: services.mfa,
      redemption: services.redemption,
      flow: services.redemptionFlow,
      accounts: services.accounts,
      signUp: services.signUp,
      signIns: services.signIns,
    }),
  );
  router.use(passwordResetRoutes({ browser, passwordReset: services.passwordReset }));
  router.use(federationRoutes({ browser, sessions: services.sessions, federation: services.federation, flow: services.redemptionFlow }));
  router.use(activationRoutes({ browser, activation: services.activation, mfa: services.mfa, signIns: services.signIns }));
  router.use(mfaRoutes({ browser, home, mfa: services.mfa, signIns: services.signIns }));
  router.use(passkeyRoutes({ browser, home, passkeys: services.passkeys, signIns: services.signIns }));
  router.use(
    accountRoutes({
      browser,
      mfa: services.mfa,
      sessions: services.sessions,
      accounts: services.accounts,
      profile: services.accountProfile,
      federation: services.federation,
      signIns: services.signIns,
      home,
    }),
  );
  router.use(panelRoutes({ ...signInPages, tenants: services.tenants, panelSignIns: services.panelSignIns }));
  router.use(samlRoutes({ ...signInPages, saml: services.saml, tenants: services.tenants }));
  router.use(
    termsRoutes({
      browser,
      accounts: services.accounts,
      access: services.access,
      tenants: services.tenants,
      policies: services.policies,
      policyGate: services.policyGate,
      sessions: services.sessions,
    }),
  );
  router.use(brandingRoutes({ tenants: services.tenants }));
  router.use(
    consoleRoutes({
      consoleSessions: services.consoleSessions,
      tenants: services.tenants,
      browser,
      publicUrl: publicUrl,
      apiResource: apiResource,
      consoleDir: CONSOLE_DIR,
    }),
  );
  return router;
}
