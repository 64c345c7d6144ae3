import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';

/** Operations that make graphql-js suggest schema names (field, argument, input type, enum value). */
const PROBES = [
  { query: '{ viewr { id } }', named: 'viewer' },
  { query: '{ invitations(firs: 5) { totalCount } }', named: '"first"' },
  { query: 'query($f: InvitationFilterInputt) { invitations(filter: $f) { totalCount } }', named: 'InvitationFilterInput"' },
  {
    query: 'query($f: InvitationFilterInput) { invitations(filter: $f) { totalCount } }',
    variables: { f: { status: 'Acepted' } },
    named: '"Accepted"',
  },
];

async function messages(t: TestGateway, probe: (typeof PROBES)[number]): Promise<string[]> {
  const response = await fetch(`${t.baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: probe.query, variables: probe.variables }),
  });
  const body = (await response.json()) as { errors?: { message: string }[] };
  expect(body.errors?.length, JSON.stringify(body)).toBeGreaterThan(0);
  return body.errors!.map((e) => e.message);
}

describe('production mode', () => {
  let production: TestGateway;
  let development: TestGateway;

  beforeAll(async () => {
    production = await startTestGateway('sqlite', { NODE_ENV: 'production' });
    development = await startTestGateway('sqlite', { NODE_ENV: 'development' });
  });
  afterAll(async () => {
    await production?.stop();
    await development?.stop();
  });

  it('gives no "Did you mean" suggestions with introspection off (development still does)', async () => {
    for (const probe of PROBES) {
      const shown = (await messages(development, probe)).join('\n');
      expect(shown, probe.query).toContain('Did you mean');
      expect(shown, probe.query).toContain(probe.named);

      const hidden = (await messages(production, probe)).join('\n');
      expect(hidden, probe.query).not.toMatch(/did you mean/i);
      expect(hidden, probe.query).not.toContain(probe.named);
      expect(hidden.length, probe.query).toBeGreaterThan(0);
    }
    const introspection = await messages(production, { query: '{ __schema { types { name } } }', named: '' });
    expect(introspection.join()).toMatch(/introspection/i);
  });

  it('serves /metrics in production only behind METRICS_TOKEN: without one it is not there', async () => {
    expect((await fetch(`${production.baseUrl}/metrics`)).status).toBe(404);
    expect((await fetch(`${production.baseUrl}/metrics`, { headers: { authorization: 'Bearer anything-at-all-0123' } })).status).toBe(404);
    const open = await fetch(`${development.baseUrl}/metrics`);
    expect(open.status).toBe(200);
    expect(await open.text()).toContain('gateway_http_requests_total');
  });
});
