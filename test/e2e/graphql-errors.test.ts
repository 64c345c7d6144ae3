import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import type { TestGateway } from '../helpers/test-gateway.js';

describe('GraphQL errors and the Sandbox', () => {
  let t: TestGateway;
  let a: TenantFixture;
  const logLines: string[] = [];

  const destination = new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) });
  const suite = useGatewaySuite('sqlite', { logger: createLogger('info', { destination }), tenants: [{}] });
  beforeAll(
    () =>
      void ({
        t,
        tenants: [a],
      } = suite),
  );

  async function post(body: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.admin.token}`, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as any };
  }

  it('masks an unexpected failure, logs it with the request id, and tells the client that id', async () => {
    // Break the database under one request: a real unexpected failure, not a domain error.
    await t.gateway.db.dataSource.query('ALTER TABLE directory_group RENAME TO directory_group_gone');
    try {
      const result = await post({ query: '{ groups { totalCount } }' });
      const error = result.body.errors[0];
      expect(error.message).toBe('Internal server error');
      expect(error.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(result.body)).not.toMatch(/directory_group|SQL|no such table/i);
      expect(error.extensions.requestId).toBe(result.requestId);
      const logged = logLines.map((l) => JSON.parse(l)).find((l) => l.requestId === result.requestId);
      expect(logged?.msg).toBe('unexpected GraphQL error');
      expect(JSON.stringify(logged)).toMatch(/directory_group/);
    } finally {
      await t.gateway.db.dataSource.query('ALTER TABLE directory_group_gone RENAME TO directory_group');
    }
  });

  it('keeps GraphQL validation codes and gives every error a code', async () => {
    const unknownField = await post({ query: '{ nope }' });
    expect(unknownField.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badVariable = await post({ query: 'query($id: ID!) { user(id: $id) { id } }', variables: {} });
    expect(badVariable.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const syntax = await post({ query: '{ viewer { ' });
    expect(syntax.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const domain = await post({
      query: 'query($id: ID!) { user(id: $id) { id } }',
      variables: { id: '01a20000-0000-7000-8000-000000000000' },
    });
    expect(domain.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', category: 'NOT_FOUND', details: { entity: 'User' } });
    expect(domain.body.errors[0].extensions.stacktrace).toBeUndefined();
  });

  it('serves the Apollo Sandbox landing page to a browser in development', async () => {
    const response = await fetch(`${t.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/sandbox/i);
  });

  it('keeps CSRF prevention on: a simple form-like GET query without a preflight header is refused', async () => {
    const response = await fetch(`${t.baseUrl}/graphql?query=${encodeURIComponent('{ viewer { id } }')}`);
    expect(response.status).toBe(400);
  });
});
