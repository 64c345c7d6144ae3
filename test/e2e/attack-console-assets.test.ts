import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_DIR } from '../../src/pages/console.routes.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';

const ASSETS = path.join(CONSOLE_DIR, 'assets');

function request(
  url: string,
  headers: Record<string, string>,
  method = 'GET',
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject)
      .end();
  });
}

/**
 * Attacks on the precompressed console assets: HEAD and Range on an encoded file, validators across
 * encodings, encoded and odd names, Accept-Encoding tricks, and nothing per user on a response any
 * shared cache keeps for a year.
 */
describe('attack: console assets', () => {
  const suite = useGatewaySuite('sqlite');
  let script: string;
  let url: (name: string) => string;
  beforeAll(() => {
    script = fs.readdirSync(ASSETS).find((n) => /^index-.*\.js$/.test(n))!;
    url = (name) => `${suite.t.baseUrl}/admin/assets/${name}`;
  });
  const file = (name: string) => fs.readFileSync(path.join(ASSETS, name));

  it('answers HEAD like GET for the encoded file, with no body', async () => {
    const get = await request(url(script), { 'accept-encoding': 'br' });
    const head = await request(url(script), { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-encoding', 'content-type', 'content-length', 'etag', 'cache-control', 'vary']) {
      expect(head.headers[name], name).toBe(get.headers[name]);
    }
    expect(Number(head.headers['content-length'])).toBe(file(`${script}.br`).length);
  });

  it('takes a Range against the encoded bytes it sends, never mixing representations', async () => {
    const br = file(`${script}.br`);
    const part = await request(url(script), { 'accept-encoding': 'br', range: 'bytes=0-9' });
    expect(part.status).toBe(206);
    expect(part.headers['content-encoding']).toBe('br');
    expect(part.headers['content-range']).toBe(`bytes 0-9/${br.length}`);
    expect(part.body.equals(br.subarray(0, 10))).toBe(true);
    const plain = await request(url(script), { 'accept-encoding': 'identity', range: 'bytes=0-9' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-range']).toBe(`bytes 0-9/${file(script).length}`);
    // Out of range, and a multi-range request: no 500, nothing beyond the file.
    const beyond = await request(url(script), { 'accept-encoding': 'br', range: `bytes=${br.length + 10}-` });
    expect(beyond.status).toBe(416);
    const many = await request(url(script), { 'accept-encoding': 'br', range: 'bytes=0-1,5-6,0-1' });
    expect([200, 206]).toContain(many.status);
  });

  it('keeps validators apart per encoding: the identity ETag never revalidates the brotli body', async () => {
    const plain = await request(url(script), {});
    const br = await request(url(script), { 'accept-encoding': 'br' });
    expect(plain.headers.etag).not.toBe(br.headers.etag);
    const revalidated = await request(url(script), { 'accept-encoding': 'br', 'if-none-match': plain.headers.etag! });
    expect(revalidated.status).toBe(200);
    expect(brotliDecompressSync(revalidated.body).equals(file(script))).toBe(true);
  });

  it('sends the file as it is for Accept-Encoding it cannot honour, and odd spellings', async () => {
    for (const accept of ['zstd', 'deflate', 'BR;q=0, GZIP;q=0', 'br;q=0.000', 'x-gzip;q=0, gzip;q=0, br;q=0', '*;q=0']) {
      const res = await request(url(script), { 'accept-encoding': accept });
      expect(res.status, accept).toBe(200);
      expect(res.headers['content-encoding'], accept).toBeUndefined();
      expect(res.body.equals(file(script)), accept).toBe(true);
    }
    const star = await request(url(script), { 'accept-encoding': '*' });
    expect(star.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(star.body).equals(file(script))).toBe(true);
  });

  it('serves encoded names only as the plain file, and refuses names that leave the directory', async () => {
    const encoded = await request(url(script.replace('.js', '%2Ejs')), { 'accept-encoding': 'br' });
    if (encoded.status === 200) {
      expect(encoded.headers['content-encoding']).toBeUndefined();
      expect(encoded.body.equals(file(script))).toBe(true);
    }
    for (const name of [
      `${script}.br%00`,
      `${script}%00.js`,
      '..%5c..%5cpackage.json',
      '%252e%252e%252fpackage.json',
      '.%2e/index.html',
      `${script}/`,
      `${script}.br.js`,
      '..',
    ]) {
      const res = await request(url(name), { 'accept-encoding': 'br, gzip' });
      expect(res.status, name).toBeGreaterThanOrEqual(300);
      expect(res.status, name).toBeLessThan(500);
      expect(res.headers['content-encoding'], name).toBeUndefined();
      expect(res.body.toString(), name).not.toContain('"dependencies"');
      expect(res.headers['cache-control'] ?? '', name).not.toContain('immutable');
    }
  });

  it('sets no cookie on a response shared caches keep, whatever the request carries', async () => {
    const res = await request(url(script), { 'accept-encoding': 'br', cookie: 'gw_console=abc; gw_session=def' });
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['set-cookie']).toBeUndefined();
    const missing = await request(url('index-00000000.js'), { 'accept-encoding': 'br', cookie: 'gw_console=abc' });
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control'] ?? '').not.toContain('immutable');
  });
});
