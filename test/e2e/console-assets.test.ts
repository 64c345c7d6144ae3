import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_DIR } from '../../src/pages/console.routes.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';

const ASSETS = path.join(CONSOLE_DIR, 'assets');

/** A raw GET (fetch would decode the body itself): status, headers and the bytes as sent. */
function get(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/**
 * The console's scripts and stylesheets go out precompressed (the build writes `.br` and `.gz`
 * beside them) to browsers that accept it, as they are otherwise, immutable either way; nothing
 * outside the assets directory is reachable through it. (The browser suites load them in Chromium.)
 */
describe('the console assets', () => {
  const suite = useGatewaySuite('sqlite');
  let script: string;
  let stylesheet: string;
  let url: (name: string) => string;

  beforeAll(() => {
    const names = fs.readdirSync(ASSETS);
    script = names.find((n) => /^index-.*\.js$/.test(n))!;
    stylesheet = names.find((n) => n.endsWith('.css'))!;
    url = (name) => `${suite.t.baseUrl}/admin/assets/${name}`;
  });

  const original = (name: string) => fs.readFileSync(path.join(ASSETS, name));

  it('sends brotli to a browser that accepts it, the same bytes once decoded', async () => {
    const res = await get(url(script), { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(res.body).equals(original(script))).toBe(true);
    expect(res.body.length).toBeLessThan(original(script).length / 2);
  });

  it('sends gzip when brotli is not accepted, and honours a refusal by quality', async () => {
    for (const accept of ['gzip', 'br;q=0, gzip']) {
      const res = await get(url(stylesheet), { 'accept-encoding': accept });
      expect(res.headers['content-encoding'], accept).toBe('gzip');
      expect(res.headers['content-type']).toBe('text/css; charset=utf-8');
      expect(gunzipSync(res.body).equals(original(stylesheet))).toBe(true);
    }
  });

  it('sends the file as it is to a client that accepts no encoding', async () => {
    const variants: Record<string, string>[] = [{}, { 'accept-encoding': 'identity' }, { 'accept-encoding': 'br;q=0, gzip;q=0' }];
    for (const headers of variants) {
      const res = await get(url(script), headers);
      expect(res.headers['content-encoding'], JSON.stringify(headers)).toBeUndefined();
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.body.equals(original(script))).toBe(true);
    }
  });

  it('reaches nothing outside the assets directory and no asset that is not there', async () => {
    for (const name of [
      '..%2f..%2fpackage.json',
      '..%2Findex.html',
      '%2e%2e/%2e%2e/package.json',
      'missing-0000.js',
      '.vite%2fmanifest.json',
    ]) {
      const res = await get(url(name), { 'accept-encoding': 'br, gzip' });
      expect(res.status, name).toBe(404);
      expect(res.headers['content-encoding'], name).toBeUndefined();
      expect(res.body.toString()).not.toContain('"dependencies"');
    }
  });

  it('a favicon from the gateway itself: named by the pages and the console, also at /favicon.ico', async () => {
    const icon = '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />';
    expect(fs.readFileSync(path.join(CONSOLE_DIR, 'index.html'), 'utf8')).toContain(icon);
    const page = await get(`${suite.t.baseUrl}/redeem?tenant=x&invitation=y&ticket=z`, {});
    expect(page.body.toString()).toContain(icon);
    for (const at of ['/static/favicon.svg', '/favicon.ico']) {
      const res = await get(`${suite.t.baseUrl}${at}`, {});
      expect(res.status, at).toBe(200);
      expect(res.headers['content-type'], at).toMatch(/^image\/svg\+xml/);
      expect(res.body.toString(), at).toMatch(/^<svg /);
    }
  });
});
