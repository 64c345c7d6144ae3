import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { issuerFor } from '../../src/oidc/issuer.js';
import { testDatabases } from '../helpers/databases.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';

const b64 = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A raw POST (fetch refuses some header bytes this sends on purpose). */
function post(url: string, authorization: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query: '{ __typename }' });
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization } }, (res) => {
      let text = '';
      res.setEncoding('latin1');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Forged bearer tokens over HTTP against the node:crypto signature check: whatever the header,
 * signature or size, the answer is a 401 (or the server's 431 for an oversized header), never a 500.
 */
describe.each(testDatabases())('attack: API token signature over HTTP on %s', (kind) => {
  const suite = useGatewaySuite(kind, { tenants: [{}] });
  const claims = () => ({
    iss: issuerFor(suite.t.baseUrl, suite.tenants[0]!.tenant.id),
    aud: `${suite.t.baseUrl}/graphql`,
    sub: 'x',
    exp: 4102444800,
  });

  it.each([
    ['duplicate alg', () => `${b64('{"alg":"RS256","alg":"none","typ":"at+jwt","kid":"k"}')}.${b64(claims())}.AAAA`],
    ['a kid object', () => `${b64({ alg: 'RS256', typ: 'at+jwt', kid: { $ne: null } })}.${b64(claims())}.AAAA`],
    ['a kid number', () => `${b64('{"alg":"RS256","typ":"at+jwt","kid":1e400}')}.${b64(claims())}.AAAA`],
    ['a header array', () => `${b64('[1,2]')}.${b64(claims())}.AAAA`],
    ['a header of invalid UTF-8', () => `${Buffer.from([0xff, 0xfe, 0x7b]).toString('base64url')}.${b64(claims())}.AAAA`],
    ['an empty signature', () => `${b64({ alg: 'RS256', typ: 'at+jwt', kid: 'k' })}.${b64(claims())}.`],
    [
      'a 512-byte signature',
      () => `${b64({ alg: 'RS256', typ: 'at+jwt', kid: 'k' })}.${b64(claims())}.${Buffer.alloc(512, 1).toString('base64url')}`,
    ],
    ['a 12 kB payload', () => `${b64({ alg: 'RS256', typ: 'at+jwt', kid: 'k' })}.${b64({ ...claims(), pad: 'p'.repeat(9000) })}.AAAA`],
    ['latin-1 bytes', () => `${b64({ alg: 'RS256', typ: 'at+jwt', kid: 'k' })}.${b64(claims())}.AA\u00e9A`],
    ['a percent-encoded dot', () => `${b64({ alg: 'RS256', typ: 'at+jwt', kid: 'k' })}%2E${b64(claims())}.AAAA`],
  ])('answers 401 for a token with %s', async (_, token) => {
    const { status, body } = await post(`${suite.t.baseUrl}/graphql`, `Bearer ${token()}`);
    expect(status, body.slice(0, 300)).toBe(401);
    expect(body).toContain('UNAUTHENTICATED');
  });

  it('answers an oversized token before it reaches the verifier, not with a 500', async () => {
    const token = `${b64({ alg: 'RS256', typ: 'at+jwt', kid: 'k' })}.${b64({ ...claims(), pad: 'p'.repeat(100_000) })}.AAAA`;
    const { status } = await post(`${suite.t.baseUrl}/graphql`, `Bearer ${token}`);
    expect(status).toBe(431);
  });
});
