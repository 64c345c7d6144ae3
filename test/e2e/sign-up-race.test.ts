import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../src/directory/user.entity.js';
import { createLogger } from '../../src/logging/logger.js';
import { newId } from '../../src/shared/ids.js';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, latestMail } from '../helpers/partner-flow.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';

/** Issue #10 finding 11: parallel sign-up posts gave 500s, and the log held the scrypt hash with its salt. */
describe.each(testDatabases())('sign-up races and database errors on %s', (kind) => {
  const lines: string[] = [];
  const logger = createLogger('trace', { destination: new Writable({ write: (chunk, _e, done) => (lines.push(String(chunk)), done()) }) });
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let contoso: TenantFixture;

  const suite = useGatewaySuite(kind, { smtp: true, logger, tenants: [{ domains: ['contoso.example'] }] });
  beforeAll(
    () =>
      void ({
        smtp,
        t,
        tenants: [contoso],
      } = suite),
  );

  const secretsOf = (hash: string, password: string) => {
    const [, , , , salt, digest] = hash.split('$');
    return { hash, salt: salt!, digest: digest!, password };
  };

  it('six parallel profile posts in one verified session: exactly one account, no 500, nothing secret logged', async () => {
    const email = 'racer@fabrikam.example';
    const invitation = await invite(contoso, email, null);
    const web = new WebClient();
    const codePage = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
    const code = /\b(\d{6})\b/.exec((await latestMail(t, smtp, email)).text ?? '')![1]!;
    const profile = await web.submit(codePage, '/redeem/code', { code });
    const password = 'Cobalt-Heron-Sixty-Two';
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => web.submit(profile, '/redeem/profile', { displayName: 'Racer', password })),
    );

    const statuses = answers.map((a) => a.status);
    expect(
      statuses.filter((s) => s === 303),
      String(statuses),
    ).toHaveLength(1);
    expect(
      statuses.filter((s) => s >= 500),
      String(statuses),
    ).toEqual([]);
    for (const loser of answers.filter((a) => a.status !== 303)) {
      // 403: the account exists now; 429: beyond the sign-up hashes one address may have in flight.
      expect([403, 404, 429]).toContain(loser.status);
      expect(text(loser)).toMatch(
        /An account with this address exists already; sign in instead|This invitation link is not valid|Too many/,
      );
    }
    const accounts = await t.gateway.db.manager.findBy(User, { mail: email, userType: 'Member' as never });
    expect(accounts).toHaveLength(1);

    const log = lines.join('');
    for (const [name, secret] of Object.entries(secretsOf(accounts[0]!.passwordHash!, password))) {
      expect(log.includes(secret), `${name} appears in the logs`).toBe(false);
    }
  });

  it('a failed query is logged with its SQL and message but never its parameters', async () => {
    const [home] = await t.gateway.db.manager.findBy(User, { mail: 'racer@fabrikam.example', userType: 'Member' as never });
    // A duplicate of the account: the unique index refuses it, and the error carries every value of the row.
    const failure = await t.gateway.db.manager.insert(User, { ...home!, id: newId() }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ name: 'QueryFailedError', parameters: expect.arrayContaining([home!.passwordHash]) });
    lines.length = 0;
    logger.error({ err: failure }, 'as the HTTP error handler logs it');
    logger.error({ err: new Error('wrapped', { cause: failure }) }, 'wrapped');
    logger.warn({ error: failure }, 'under another key');
    const log = lines.join('');
    expect(log).toContain('directory_user');
    expect(log).toMatch(/UNIQUE|duplicate key/i);
    for (const [name, secret] of Object.entries(secretsOf(home!.passwordHash!, 'Cobalt-Heron-Sixty-Two'))) {
      expect(log.includes(secret), `${name} appears in the logs`).toBe(false);
    }
  });
});
