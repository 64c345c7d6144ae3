import type { NextFunction, Request, Response } from 'express';
import { languageFromHeader } from '../i18n/index.js';
import { messagePage } from './views.js';

/**
 * No address holds a NUL (`%00`): it is never part of an id, a path or a parameter here, and
 * PostgreSQL would refuse it as text (a 500 on one database, a silent miss on the other). Refused up
 * front with a readable 400 page, the same on both databases.
 */
export function refuseNulInUrl() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!/%00/i.test(req.originalUrl)) return next();
    const message = 'This address is malformed: it holds a NUL character (%00).';
    // A script's JSON request (the console's, a GraphQL client's) is answered in GraphQL's error shape.
    if (req.is('application/json')) {
      res.status(400).json({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT', requestId: String(res.locals.requestId) } }] });
      return;
    }
    const language = languageFromHeader(req.get('accept-language'));
    res
      .status(400)
      .type('html')
      .send(messagePage({ language, csrf: '', requestId: String(res.locals.requestId) }, 'error.title', message));
  };
}
