import type { NextFunction, Request, Response } from 'express';
import { languageFromHeader, translate } from '../i18n/index.js';
import { messagePage } from './views.js';

/** What body-parser (express.json / express.urlencoded) throws for a body it will not read. */
interface BodyError {
  status: number;
  expose: boolean;
  type?: string;
  limit?: number;
}

function isBodyError(error: unknown): error is BodyError {
  const e = error as Partial<BodyError> | null;
  return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 && e.expose === true;
}

/**
 * What Express's router throws for a path parameter it cannot decode (`/branding/%ff`, `/%/v2.0/…`):
 * a URIError it marks 400 but not `expose`, so without this it would be a 500.
 */
function isMalformedAddress(error: unknown): boolean {
  return error instanceof URIError && (error as URIError & { status?: unknown }).status === 400;
}

const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`);

/** The status and message of an error that is the client's, or null for any other. */
function clientError(error: unknown): { status: number; message: string } | null {
  if (isMalformedAddress(error)) return { status: 400, message: 'This address is malformed: it holds a % that is not a valid escape.' };
  if (!isBodyError(error)) return null;
  const message =
    error.status === 413
      ? `The request is too large: its body may be at most ${size(error.limit ?? 0)}.`
      : error.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : 'The request body could not be read.';
  return { status: error.status, message };
}

/**
 * A body too large, malformed JSON or a bad encoding, or an address with a malformed percent-escape,
 * is the client's error: its own status with a readable page, never a 500. (/graphql answers body
 * errors in GraphQL's shape itself: graphql/body-errors.ts.)
 */
export function clientErrors() {
  return (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const refusal = clientError(error);
    if (!refusal || res.headersSent) return next(error);
    res.status(refusal.status);
    const language = languageFromHeader(req.get('accept-language'));
    res.type('html').send(messagePage({ language, csrf: '', requestId: String(res.locals.requestId) }, 'error.title', refusal.message));
  };
}

/**
 * An address no route answers (a mistyped link, a step of a form flow opened again from the address
 * bar): a readable page in the reader's language, not Express's bare "Cannot GET".
 */
export function notFoundPage() {
  return (req: Request, res: Response) => {
    const language = languageFromHeader(req.get('accept-language'));
    const ctx = { language, csrf: '', requestId: String(res.locals.requestId) };
    res
      .status(404)
      .type('html')
      .send(messagePage(ctx, 'notFound.title', translate(language, 'notFound.text')));
  };
}
