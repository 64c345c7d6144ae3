import { anyNul } from '../shared/nul.js';
import type { NextFunction, Request, Response } from 'express';
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
