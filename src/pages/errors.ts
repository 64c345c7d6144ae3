import { anyNul } from '../shared/nul.js';
import type { NextFunction, Request, Response } from 'express';
import type { OpenSession } from '../accounts/browser-session.service.js';
import type { BrowserContext } from '../http/browser.js';
import { DomainError, ErrorCode } from '../shared/errors.js';
import { httpStatus } from '../shared/http-status.js';
import { errorPage, sessionView } from './views.js';

/** The HTTP status of a page that explains a refusal: the one map in src/shared/http-status.ts. */
export function pageStatus(error: DomainError): number {
  return httpStatus(error.code);
}

/**
 * Pages read each query parameter once; a repeated one (`?ticket=a&ticket=b`) or a nested one
 * (`?a[b]=c`) is a malformed link, refused before any handler sees a non-string value. A POST's body
 * is one its route's parser read (a form; JSON for the passkey calls): another type, or none, leaves
 * no body for handlers to read fields of, and is refused too.
 * @throws BAD_USER_INPUT
 */
export function checkQuery(req: Request): void {
  if (req.method === 'POST' && (typeof req.body !== 'object' || req.body === null))
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'This form could not be read: it was not sent as a form.');
  for (const [name, value] of Object.entries(req.query)) {
    if (typeof value !== 'string')
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `This link is malformed: the parameter "${name}" appears more than once.`);
  }
  // A form field holding a NUL (PostgreSQL refuses it as text): the form was not typed by a person.
  if (anyNul(req.body)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'This form holds a character that is not allowed (NUL).');
}

type PageHandler = (req: Request, res: Response, next: NextFunction) => Promise<void>;

/** Runs a handler after `checkQuery`; a domain error that escapes it (e.g. a forged form) becomes a readable page. */
export const withErrorPage =
  (browser: BrowserContext) =>
  (handler: PageHandler) =>
  (req: Request, res: Response, next: NextFunction): Promise<void> =>
    Promise.resolve()
      .then(() => checkQuery(req))
      .then(() => handler(req, res, next))
      .catch(async (error: unknown) => {
        if (!(error instanceof DomainError)) return next(error);
        res
          .status(pageStatus(error))
          .type('html')
          .send(errorPage(sessionView(browser, res, await browser.ensure(req, res)), error));
      });

/** A page's work within the browser's session. */
export type SessionHandler = (req: Request, res: Response, session: OpenSession) => Promise<void>;
/** How a page answers a domain error its handler refused with. */
export type Refusal = (error: DomainError, req: Request, res: Response, session: OpenSession) => unknown;

/**
 * A page of the browser's session, opened first so that a refusal is answered in it: `checkQuery`,
 * the session's CSRF token on every POST (`BrowserContext.checkCsrf`), then the handler. A domain
 * error that escapes is answered by `refused` (by default the error page with its status); anything
 * else goes to the error handler.
 */
export const sessionStep =
  (browser: BrowserContext, refused?: Refusal) =>
  (handler: SessionHandler) =>
  async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const session = await browser.ensure(req, res);
    try {
      checkQuery(req);
      if (req.method === 'POST') browser.checkCsrf(session, req);
      await handler(req, res, session);
    } catch (error) {
      if (!(error instanceof DomainError)) return next(error);
      if (refused) await refused(error, req, res, session);
      else
        res
          .status(pageStatus(error))
          .type('html')
          .send(errorPage(sessionView(browser, res, session), error));
    }
  };
