import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const INCOMING = /^[A-Za-z0-9._-]{8,64}$/;

/** Gives every request an id (a well-formed incoming X-Request-Id is kept) and echoes it in the response. */
export function requestId(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.get('x-request-id');
  const id = incoming && INCOMING.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader('x-request-id', id);
  next();
}
