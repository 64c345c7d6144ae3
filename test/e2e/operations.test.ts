import * as oidc from 'openid-client';
import pg from 'pg';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant, type TenantFixture } from '../helpers/fixtures.js';
import { invite, latestMail, login, registerApp } from '../helpers/partner-flow.js';
import { startSmtpServer } from '../helpers/smtp.js';
import { startTestGateway, type TestGateway } from '../helpers/test-gateway.js';
import { generatedCsv, uploadCsv } from '../helpers/upload.js';
import { WebClient } from '../helpers/web-client.js';
import { InviteUserDocument } from '../graphql/generated.js';

const metricValue = (text: string, name: string, labels: Record<string, string>) => {
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.split(' ').at(-1)) : 0;
};

describe('health and metrics', () => {
  let t: TestGateway;
  let a: TenantFixture;

  beforeAll(async () => {
    t = await startTestGateway('sqlite', { METRICS_TOKEN: 'metrics-token-0123456789' });
    a = await createTenant(t);
  });
  afterAll(() => t.stop());

  it('answers /healthz and /readyz without authentication or secrets', async () => {
    const health = await fetch(`${t.baseUrl}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${t.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: true, migrations: true, outboxWorker: true } });
  });

  it('reports not ready while the outbox worker that should run is stopped', async () => {
    const worker = await startTestGateway('sqlite', { OUTBOX_WORKER: 'true' });
    try {
      expect((await fetch(`${worker.baseUrl}/readyz`)).status).toBe(200);
      await worker.gateway.outboxWorker.stop();
      const body = await (await fetch(`${worker.baseUrl}/readyz`)).json();
      expect(body).toMatchObject({ status: 'not ready', checks: { outboxWorker: false } });
    } finally {
      await worker.stop();
    }
  });

  it('exposes Prometheus metrics behind the token, moving with a sign-in, a failed one, tokens and GraphQL calls', async () => {
    const scrape = async () =>
      (await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } })).text();
    expect((await fetch(`${t.baseUrl}/metrics`)).status).toBe(401);
    const before = await scrape();
    const member = await t.gateway.services.users.createMember(a.tenant.id, { displayName: 'M', mail: 'metrics@member.example' });
    await t.gateway.services.accounts.setPassword(member.id, 'Ochre-Lagoon-Pilot-5');
    const page = await new WebClient().get(`${t.baseUrl}/${a.tenant.id}/myapps`);
    const web = new WebClient();
    await web.submit(await web.get(`${t.baseUrl}/${a.tenant.id}/myapps`), `/${a.tenant.id}/myapps`, {
      email: 'metrics@member.example',
      password: 'wrong password',
    });
    const signedIn = await web.submit(await web.get(`${t.baseUrl}/${a.tenant.id}/myapps`), `/${a.tenant.id}/myapps`, {
      email: 'metrics@member.example',
      password: 'Ochre-Lagoon-Pilot-5',
    });
    expect(signedIn.status, signedIn.body.slice(0, 500)).toBe(303);
    expect(page.status).toBe(200);
    await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${a.admin.token}` },
      body: JSON.stringify({ query: 'query Who { viewer { id } }', operationName: 'Who' }),
    });
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => metricValue(after, name, labels) - metricValue(before, name, labels);
    expect(delta('gateway_credential_checks_total', { method: 'password', outcome: 'success' }), 'password success').toBe(1);
    expect(delta('gateway_credential_checks_total', { method: 'password', outcome: 'failure' }), 'password failure').toBe(1);
    expect(delta('gateway_sign_ins_total', { kind: 'interactive', result: 'success', reason: '' }), 'sign-in success').toBe(1);
    const refused = { kind: 'interactive', result: 'failure', reason: 'INVALID_CREDENTIALS' };
    expect(delta('gateway_sign_ins_total', refused), 'sign-in failure').toBe(1);
    expect(delta('gateway_graphql_operations_total', { operation: 'Who', outcome: 'success' }), 'graphql').toBe(1);
    expect(delta('gateway_http_requests_total', { route: '/:id/myapps', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(after).toContain('gateway_oidc_grants_total{grant_type="client_credentials",outcome="issued"');
    expect(after).toContain('gateway_process_cpu_user_seconds_total');
    expect(after).toMatch(/gateway_outbox_depth \d+/);
  });
});

describe('logs', () => {
  it('carry no secret of a whole flow: client secret, tokens, ticket, code, password, cookies', async () => {
    const lines: string[] = [];
    const destination = new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) });
    const smtp = await startSmtpServer();
    const t = await startTestGateway('sqlite', { SMTP_URL: smtp.url }, { logger: createLogger('trace', { destination }) });
    try {
      const a = await createTenant(t, 'http', { domains: ['contoso.example'] });
      const app = await registerApp(t, a);
      const email = 'secretive@fabrikam.example';
      const invitation = await invite(a, email, app);
      const web = new WebClient();
      const codePage = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
      const code = /\b(\d{6})\b/.exec((await latestMail(t, smtp, email)).text!)![1]!;
      await web.submit(codePage, '/redeem/code', { code: '000000' === code ? '111111' : '000000' });
      const profile = await web.submit(codePage, '/redeem/code', { code });
      const password = 'Indigo-Walrus-Tango-88';
      await web.submit(profile, '/redeem/profile', { displayName: 'Secretive', password });
      const { tokens } = await login(web, app);
      const refreshed = await oidc.refreshTokenGrant(app.config, tokens!.refresh_token!);
      await fetch(`${t.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-valid-token' },
        body: '{"query":"{ viewer { id } }"}',
      });
      await uploadCsv(t, a.admin.token, 'x.csv', generatedCsv(1, { prefix: 'logged' }));

      const log = lines.join('');
      expect(log).toContain('"msg":"request"');
      const ticket = new URL(invitation.inviteRedeemUrl!).searchParams.get('ticket')!;
      const secrets = {
        clientSecret: a.admin.clientSecret,
        appSecret: app.clientSecret,
        apiToken: a.admin.token,
        ticket,
        code,
        password,
        accessToken: tokens!.access_token,
        refreshToken: tokens!.refresh_token!,
        idToken: tokens!.id_token!,
        rotated: refreshed.refresh_token!,
        // Session cookies (the interaction cookies hold the interaction uid, which is in URLs by design).
        ...Object.fromEntries(Object.entries(web.cookies()).filter(([name]) => name === 'gw_session' || /^_s_[^.]+$/.test(name))),
      };
      for (const [name, secret] of Object.entries(secrets)) {
        expect(secret.length, name).toBeGreaterThan(5);
        expect(log.includes(secret), `${name} appears in the logs`).toBe(false);
      }
      expect(log).toContain('ticket=[redacted]');
    } finally {
      await t.stop();
      await smtp.close();
    }
  });
});

describe.each(testDatabases())('graceful shutdown and readiness on %s', (kind) => {
  it('finishes an in-flight request, then refuses new connections', async () => {
    const t = await startTestGateway(kind);
    const a = await createTenant(t);
    // Stopped once the server has the request: a fixed 50 ms raced its arrival (16 to 51 ms on a loaded
    // machine), and a stop before it refuses the connection ('other side closed') rather than drain it.
    const arrived = new Promise((resolve) => t.gateway.httpServer.once('request', resolve));
    const inFlight = uploadCsv(t, a.admin.token, 'big.csv', generatedCsv(2000, { prefix: 'inflight' }));
    await arrived;
    await t.stop();
    const done = await inFlight;
    expect(done.batch).toMatchObject({ createdCount: 2000 });
    await expect(fetch(`${t.ownUrl}/healthz`)).rejects.toThrow();
  });

  it('hands the mail it had claimed back on shutdown; another process sends every message exactly once', async () => {
    const smtp = await startSmtpServer(() => false, { delayMs: 300 });
    const first = await startTestGateway(kind, { SMTP_URL: smtp.url });
    let second: TestGateway | null = null;
    try {
      const a = await createTenant(first);
      for (let i = 0; i < 5; i++) await a.admin.client.data(InviteUserDocument, { input: { email: `claimed${i}@fabrikam.example` } });
      // Started after the five are queued, the worker claims all of them in one batch.
      first.gateway.outboxWorker.start();
      for (let i = 0; i < 100 && smtp.attempts.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(smtp.attempts).toHaveLength(1);
      await first.close();

      second = await startTestGateway(kind, { SMTP_URL: smtp.url }, { shareWith: first });
      const rows = () => second!.gateway.db.manager.find(OutboxMessage, { where: { tenantId: a.tenant.id } });
      const afterStop = await rows();
      expect(afterStop.map((m) => m.status).sort()).toEqual(['Queued', 'Queued', 'Queued', 'Queued', 'Sent']);
      for (const m of afterStop.filter((r) => r.status === 'Queued'))
        expect(m).toMatchObject({ lockedBy: null, lockedUntil: null, attempts: 0 });

      expect(await second.gateway.outboxWorker.drain()).toBe(4);
      const ids = smtp.received.map((m) => m.messageId);
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
      expect(smtp.attempts).toHaveLength(5);
      for (const m of await rows()) expect(m).toMatchObject({ status: 'Sent', attempts: 1 });
    } finally {
      await second?.stop();
      await first.stop();
      await smtp.close();
    }
  });

  it.runIf(kind === 'postgres')('goes not ready while the database is unreachable, and ready again when it returns', async () => {
    const t = await startTestGateway(kind);
    const dbName = new URL((t.gateway.config.database as { url: string }).url).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      expect((await fetch(`${t.baseUrl}/readyz`)).status).toBe(200);
      await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName]);
      const down = await fetch(`${t.baseUrl}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: 'not ready', checks: { database: false } });
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
      await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
      let ready = 0;
      for (let i = 0; i < 20 && ready !== 200; i++) {
        ready = (await fetch(`${t.baseUrl}/readyz`)).status;
        if (ready !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(ready).toBe(200);
    } finally {
      await admin.query(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
      await t.stop();
    }
  });
});
