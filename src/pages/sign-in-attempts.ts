import type { Request, Response } from 'express';
import type { AppSignIn } from '../access/access.service.js';
import type { OpenSession } from '../accounts/browser-session.service.js';
import { type BrowserContext, signInContext } from '../http/browser.js';
import { type Amr, parseAmr } from '../shared/amr.js';
import type { DomainError } from '../shared/errors.js';
import { SignInKind } from '../sign-ins/sign-in-event.entity.js';
import type { SecondFactorAttempt, SignInAttempt, SignInLogService } from '../sign-ins/sign-in-log.service.js';

/**
 * What the pages tell the sign-in log (src/sign-ins/), built from the request: where it came from and,
 * once signed in, how the browser's person signed in. The rules (what is kept, truncated, counted)
 * live in SignInLogService.
 */
export function pageSignIn(req: Request, session: OpenSession, kind: SignInKind = SignInKind.Interactive): AppSignIn {
  return { kind, context: signInContext(req), authMethods: parseAmr(session.session.amr) };
}

/** A successful sign-in of `homeUserId` at a page of `tenantId` that is no app's (the access panel, the account page). */
export function pageSignedIn(req: Request, session: OpenSession, tenantId: string, homeUserId: string): SignInAttempt {
  return { ...pageSignIn(req, session), tenantId, homeUserId };
}

/**
 * A refused sign-in at a page: the address typed (never the password) and the reason. `tenantId`
 * null: the page belongs to no tenant (the account page), so the refusal is only counted.
 */
export function pageSignInRefused(
  req: Request,
  tenantId: string | null,
  error: DomainError,
  options: { address?: string; clientId?: string; kind?: SignInKind } = {},
): SignInAttempt {
  const { kind = SignInKind.Interactive, ...named } = options;
  return { kind, tenantId, context: signInContext(req), reasonCode: error.code, ...named };
}

/** The tenant a second factor's return path names: its access panel or one of its apps' sign-ins (OIDC or SAML). */
const NAMED_TENANT = /^\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/(myapps|interaction\/|saml2\/sso\/)/i;

/** A second factor's step for `homeUserId` at /mfa or a passkey ceremony; the tenant rule is SignInLogService.recordSecondFactor's. */
function secondFactorStep(req: Request, session: OpenSession, homeUserId: string, returnTo: string): SecondFactorAttempt {
  const namedTenantId = NAMED_TENANT.exec(returnTo)?.[1]?.toLowerCase() ?? null;
  return { context: signInContext(req), authMethods: parseAmr(session.session.amr), homeUserId, namedTenantId };
}

/**
 * Completes the browser's second factor and, when that finished a sign-in (a pending one) at the access
 * panel, the account page or a redemption, logs it with the method. An app's sign-in is logged when
 * its interaction completes, and a signed-in browser's step-up is no new sign-in.
 */
export async function secondFactorCompleted(
  deps: { browser: BrowserContext; signIns: SignInLogService },
  req: Request,
  res: Response,
  session: OpenSession,
  method: Extract<Amr, 'otp' | 'hwk' | 'swk'>,
  returnTo: string,
): Promise<void> {
  const finishing = session.session.pendingUserId;
  await deps.browser.completeSecondFactor(res, session, method);
  const step = NAMED_TENANT.exec(returnTo)?.[2];
  if (!finishing || step === 'interaction/' || step === 'saml2/sso/') return;
  await deps.signIns.recordSecondFactor(secondFactorStep(req, session, finishing, returnTo));
}

/** Logs a refused second factor (a wrong or used code, a spent budget, a refused passkey) of the person this browser is proving. */
export async function secondFactorRefused(
  signIns: SignInLogService,
  req: Request,
  session: OpenSession,
  returnTo: string,
  error: DomainError,
): Promise<void> {
  const homeUserId = session.session.pendingUserId ?? session.session.userId;
  if (!homeUserId) return;
  await signIns.recordSecondFactor({ ...secondFactorStep(req, session, homeUserId, returnTo), reasonCode: error.code });
}
