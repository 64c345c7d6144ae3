// BrowserContext on a real database with express's own request and response objects, no server
// (tests in test/service/browser-context.*).
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import express, { type Request, type Response } from 'express';
import { afterAll, beforeAll } from 'vitest';
import { BrowserSessionService } from '../../src/accounts/browser-session.service.js';
import { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/data-source.js';
import { FamiliarDevices } from '../../src/accounts/familiar-device.js';
import { BrowserContext } from '../../src/http/browser.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './databases.js';
import { TestClock } from './test-clock.js';

/**
 * Opens a database for the surrounding suite (closed after it); returns the contexts and request
 * builders. The clock is stopped at one instant (`clock.fixed`), which a test sets to move it.
 */
export function useBrowserHarness(kind: DatabaseKind) {
  let tdb: TestDatabase;
  let db: Database;
  let sessions: BrowserSessionService;
  const clock = new TestClock();
  clock.fixed = new Date('2026-03-01T12:00:00.000Z');
  const key = Buffer.alloc(32, 7);

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = new Database(await openDatabase(tdb.database));
    sessions = new BrowserSessionService(db, clock);
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  /** A request (with a Cookie header when given, and a parsed body) and its express response. */
  function exchange(cookie?: string, body?: unknown): { req: Request; res: Response } {
    const req = new IncomingMessage(new Socket()) as Request;
    req.headers = cookie === undefined ? {} : { cookie };
    (req as { body?: unknown }).body = body;
    const res = Object.setPrototypeOf(new ServerResponse(req), express.response) as Response;
    (res as { req: Request }).req = req;
    return { req, res };
  }

  const familiar = new FamiliarDevices(Buffer.alloc(32, 5), clock);
  return {
    clock,
    key,
    exchange,
    familiar,
    http: () => new BrowserContext(sessions, key, 'http://localhost:3000', clock, familiar),
    https: () => new BrowserContext(sessions, key, 'https://gw.example', clock, familiar),
    setCookies: (res: Response) => ([] as string[]).concat((res.getHeader('set-cookie') as string[] | string | undefined) ?? []),
    get db() {
      return db;
    },
    get sessions() {
      return sessions;
    },
  };
}
