import express from 'express';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { securityHeaders } from '../../src/http/security.js';

/** Every header helmet gives a response, pages' and the API's (src/http/security.ts): a header dropped fails here. */
const COMMON = {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const PAGE_CSP =
  "default-src 'self';base-uri 'self';font-src 'self' https: data:;frame-ancestors 'self';img-src 'self' https: data:;" +
  "object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self';upgrade-insecure-requests";

let server: http.Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use((_req, res, next) => {
    res.setHeader('x-powered-by', 'set before'); // helmet removes it
    next();
  });
  app.use(securityHeaders());
  app.get(['/page', '/graphql', '/tenant/v2.0/token'], (_req, res) => void res.send('ok'));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

const headersOf = (path: string) =>
  new Promise<http.IncomingHttpHeaders>((resolve, reject) => {
    http.get(`${base}${path}`, (res) => resolve(res.resume().headers)).on('error', reject);
  });

describe('security headers', () => {
  it("gives pages and the provider's endpoints every header helmet sets, the strict CSP among them, each request", async () => {
    for (const path of ['/page', '/tenant/v2.0/token', '/page?again', '/tenant/v2.0/token']) {
      const headers = await headersOf(path);
      expect(headers).toMatchObject({ ...COMMON, 'content-security-policy': PAGE_CSP, 'referrer-policy': 'no-referrer' });
      expect(headers['x-powered-by']).toBeUndefined();
    }
  });

  it("gives /graphql the API's set: no CSP (Apollo Sandbox loads its own scripts), the default referrer policy", async () => {
    const headers = await headersOf('/graphql');
    expect(headers).toMatchObject({ ...COMMON, 'referrer-policy': 'no-referrer' });
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['cross-origin-embedder-policy']).toBeUndefined();
    expect(headers['x-powered-by']).toBeUndefined();
  });
});
