import type { Request, Response } from 'express';
import type { AccessService } from '../access/access.service.js';
import type { OpenSession } from '../accounts/browser-session.service.js';
import type { User } from '../directory/user.entity.js';
import type { BrowserContext } from '../http/browser.js';
import { errorText } from '../i18n/index.js';
import { DomainError } from '../shared/errors.js';
import type { SignInKind } from '../sign-ins/sign-in-event.entity.js';
import { pageStatus } from './errors.js';
import { interactionCheckpoint, type LoginResult, type signInStarted } from './policy-steps.js';
import { pageSignIn } from './sign-in-attempts.js';
import { accessDeniedPage, sessionView, signInPage } from './views.js';

/** What signing in to an app needs. */
export type AppSignInDeps = { browser: BrowserContext; access: AccessService } & Parameters<typeof interactionCheckpoint>[0];

/** The app a browser signs in to: its tenant, its client id (an OIDC client or a SAML SP), and how. */
export interface AppSignIn {
  tenantId: string;
  clientId: string;
  kind: SignInKind;
  /** Where the access-denied page lets the person give up at the app, if anywhere. */
  abortAction: string | null;
}

/**
 * Signs `home` in to an app, the same for an OIDC interaction and a SAML request: AccessService.admit
 * (a refusal is the access-denied page), then the tenant's policy checkpoint on `started()`, read
 * once admitted (a step still owed sends the browser there; an old sign-in or an ended session shows
 * the sign-in page again at `<base>/login`), then the sign-in log. Returns the admitted account and
 * how it signed in, or null when the response was sent.
 */
export async function signInToApp(
  deps: AppSignInDeps,
  req: Request,
  res: Response,
  session: OpenSession,
  home: User,
  app: AppSignIn,
  started: () => Promise<ReturnType<typeof signInStarted>>,
): Promise<{ account: User; login: LoginResult } | null> {
  const view = () => sessionView(deps.browser, res, session);
  const signIn = pageSignIn(req, session, app.kind);
  let account: User;
  try {
    account = await deps.access.admit(app.tenantId, home, app.clientId, signIn);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const ctx = view();
    res
      .status(pageStatus(error))
      .type('html')
      .send(accessDeniedPage(ctx, errorText(ctx.language, error), app.abortAction));
    return null;
  }
  const interaction = await started();
  const login = await interactionCheckpoint(deps, res, session, account, interaction, () => {
    res.type('html').send(signInPage(view(), { action: `${interaction.base}/login`, email: home.mail }));
  });
  if (!login) return null;
  await deps.access.recordSignIn(account, app.clientId, signIn);
  return { account, login };
}
