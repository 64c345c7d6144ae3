import type { Response } from 'express';
import type { AccessService } from '../access/access.service.js';
import {
  type BrowserSessionService,
  type OpenSession,
  tenantSessionStart,
  withTenantSessionStart,
} from '../accounts/browser-session.service.js';
import type { User } from '../directory/user.entity.js';
import { beginsNewSession, type BrowserSignInFacts } from '../policies/policy-decision.js';
import type { PanelSignIns } from '../policies/panel-sign-in.js';
import type { PolicyGate, PolicyVerdict } from '../policies/policy-gate.js';
import { type Amr, parseAmr } from '../shared/amr.js';
import { requestsMfa } from '../policies/acr.js';

/** The login result an OIDC interaction finishes with: how the person signed in. */
export interface LoginResult {
  amr: Amr[];
  acr: string;
  ts: number | undefined;
}

/**
 * What the browser session knows of the sign-in, for the policy of `tenantId` (`startedAt`: this
 * tenant's sign-in began, if any).
 */
export function browserSignIn(session: OpenSession, tenantId: string, startedAt: Date | null): BrowserSignInFacts {
  const amr = parseAmr(session.session.amr);
  return {
    kind: 'browser',
    authenticatedAt: session.session.authenticatedAt,
    sessionStartedAt: tenantSessionStart(session.session, tenantId),
    ownMfaAt: session.session.mfaAt,
    // A partner's provider said MFA (federation.routes.ts signs in with `fed` + `mfa`), the gateway did not verify it.
    partnerMfa: amr.includes('fed') && amr.includes('mfa'),
    tenantSignInStartedAt: startedAt,
  };
}

/** This tenant's sign-in as the checkpoint needs it: where it lives, when it began, whether the app asked for MFA. */
export function signInStarted(details: { iat?: number; params: Record<string, unknown> }, base: string, uid: string) {
  return { base, uid, startedAt: new Date((details.iat ?? 0) * 1000), mfaRequested: requestsMfa(details.params) };
}

/** Where a step sends the browser, back to `returnTo` afterwards (the second-factor pages are /mfa and /mfa/enrol). */
export function stepUrl(step: 'mfa' | 'enrolMfa', returnTo: string): string {
  return `${step === 'mfa' ? '/mfa' : '/mfa/enrol'}?return=${encodeURIComponent(returnTo)}`;
}

/**
 * The tenant's decision for a browser sign-in. A session that outlived the tenant's session lifetime
 * ends; when the person signed in again since (beginsNewSession), that sign-in begins a new session,
 * recorded in the browser session, and the decision is asked again.
 */
async function decideForBrowser(
  deps: { policyGate: PolicyGate; sessions: BrowserSessionService },
  session: OpenSession,
  account: User,
  startedAt: Date,
  mfaRequested = false,
): Promise<PolicyVerdict> {
  const signIn = () => browserSignIn(session, account.tenantId, startedAt);
  const verdict = await deps.policyGate.decide(account, signIn(), mfaRequested);
  if (verdict.step !== 'sessionEnded' || !beginsNewSession(verdict.policy, signIn())) return verdict;
  // A new session for this tenant only: another tenant's (the home's) ended session stays ended.
  const at = session.session.authenticatedAt!;
  await deps.sessions.update(session, { tenantSessionStarts: withTenantSessionStart(session.session, account.tenantId, at) });
  return deps.policyGate.decide(account, signIn(), mfaRequested);
}

/**
 * Whether a browser's sign-in as `account` is within the session lifetime of the account's tenant:
 * the home tenant's for the account and MFA pages, the resource tenant's for its terms page (a
 * sign-in since it ended begins a new session, as at an app).
 */
export async function sessionHolds(
  deps: { policyGate: PolicyGate; sessions: BrowserSessionService },
  session: OpenSession,
  account: User,
): Promise<boolean> {
  const { step } = await decideForBrowser(deps, session, account, session.session.authenticatedAt ?? new Date(0));
  return step !== 'sessionEnded';
}

/**
 * The OIDC interaction's policy checkpoint, after AccessService.admit: asks the tenant's policy (and
 * the app's acr request) for the next step and carries it out: a redirect to the second-factor pages
 * or the terms page (marking the interaction as signed in for, so prompt=login and max_age do not ask
 * again on return), or the sign-in page (`signInAgain`: the sign-in is too old, or its session ended).
 * Returns the login result once nothing is owed.
 */
export async function interactionCheckpoint(
  deps: { policyGate: PolicyGate; sessions: BrowserSessionService },
  res: Response,
  session: OpenSession,
  account: User,
  interaction: { base: string; uid: string; startedAt: Date; mfaRequested: boolean },
  signInAgain: () => void,
): Promise<LoginResult | null> {
  const verdict = await decideForBrowser(deps, session, account, interaction.startedAt, interaction.mfaRequested);
  switch (verdict.step) {
    case 'ok': {
      const amr = parseAmr(session.session.amr);
      const at = session.session.authenticatedAt;
      await deps.policyGate.rememberSessionStart(account, at, tenantSessionStart(session.session, account.tenantId));
      return { amr: amr.length ? amr : ['pwd'], acr: verdict.acr, ts: at ? Math.floor(at.getTime() / 1000) : undefined };
    }
    case 'sessionEnded':
    case 'signInAgain':
      signInAgain();
      return null;
    case 'mfa':
    case 'enrolMfa':
      await deps.sessions.update(session, { freshLoginUid: interaction.uid });
      res.redirect(303, stepUrl(verdict.step, interaction.base));
      return null;
    case 'acceptTerms':
      await deps.sessions.update(session, { freshLoginUid: interaction.uid });
      res.redirect(303, `${interaction.base}/terms`);
      return null;
  }
}

/**
 * The access panel's policy checkpoint for the signed-in person's account in the tenant: a second
 * factor or terms still owed sends the browser there (back to the panel afterwards), an old sign-in
 * or an ended session to the sign-in page (`signInAgain`). The panel's sign-in begins when it first
 * finds a factor owed and travels sealed in the return path (`since`, PanelSignIns), so a guest's
 * second factor counts only when completed since, like an OIDC interaction's. True when the response
 * was sent.
 */
export async function panelCheckpoint(
  deps: { policyGate: PolicyGate; sessions: BrowserSessionService; access: AccessService; panelSignIns: PanelSignIns },
  res: Response,
  session: OpenSession,
  panel: { tenantId: string; since: unknown },
  home: User,
  signInAgain: () => void,
): Promise<boolean> {
  const account = await deps.access.accountInTenant(panel.tenantId, home);
  if (!account) return false;
  const signIn = deps.panelSignIns.read(panel.since, panel.tenantId, home.id) ?? deps.panelSignIns.begin(panel.tenantId, home.id);
  const { step } = await decideForBrowser(deps, session, account, signIn.startedAt);
  const path = `/${panel.tenantId}/myapps`;
  if (step === 'ok') return false;
  if (step === 'signInAgain' || step === 'sessionEnded') signInAgain();
  else if (step === 'acceptTerms') res.redirect(303, `${path}/terms`);
  else res.redirect(303, stepUrl(step, `${path}?since=${encodeURIComponent(signIn.sealed)}`));
  return true;
}
