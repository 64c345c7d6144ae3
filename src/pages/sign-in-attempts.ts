import type { Request } from 'express';
import type { AppSignIn } from '../access/access.service.js';
import type { OpenSession } from '../accounts/browser-session.service.js';
import { signInContext } from '../http/browser.js';
import { parseAmr } from '../shared/amr.js';
import type { DomainError } from '../shared/errors.js';
import { SignInKind } from '../sign-ins/sign-in-event.entity.js';
import type { SignInAttempt } from '../sign-ins/sign-in-log.service.js';

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
