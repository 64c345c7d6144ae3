import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import type { TenantFixture } from '../helpers/fixtures.js';
import { useGatewaySuite } from '../helpers/gateway-suite.js';
import { invite, latestMail, REPLY_URL, type PartnerApp } from '../helpers/partner-flow.js';
import type { TestSmtpServer } from '../helpers/smtp.js';
import type { TestGateway } from '../helpers/test-gateway.js';
import { text, WebClient } from '../helpers/web-client.js';

/** Sign-up over real HTTP: the code-send budget per address and the password rules. */
describe.each(testDatabases())('sign-up rules on %s', (kind) => {
  let smtp: TestSmtpServer;
  let t: TestGateway;
  let contoso: TenantFixture;
  let app: PartnerApp;
  let n = 0;

  const suite = useGatewaySuite(kind, { smtp: true, tenants: [{ domains: ['contoso.example'] }], app: true });
  beforeAll(
    () =>
      void ({
        smtp,
        t,
        tenants: [contoso],
        app,
      } = suite),
  );

  it('mails at most 5 codes per address per hour, whichever browser asks', async () => {
    const email = `codes${++n}@fabrikam.example`;
    const invitation = await invite(contoso, email, app);
    const accept = async () => {
      const web = new WebClient(); // a new browser: a new redemption, so the once-a-minute rule does not apply
      return web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
    };
    for (let i = 0; i < 5; i++) expect((await accept()).status).toBe(200);
    const refused = await accept();
    expect(refused.status).toBe(429);
    expect(text(refused)).toMatch(/Too many attempts; try again in \d+ seconds/);
    // The address's budget, not the browser's address: another invitee from the same IP gets a code.
    const other = await invite(contoso, `codes${++n}@fabrikam.example`, app);
    const web = new WebClient();
    expect((await web.submit(await web.get(other.inviteRedeemUrl!), '/redeem/accept')).status).toBe(200);
  });

  it('refuses a password shorter than 10 characters, a most-used one, and one made of the address', async () => {
    const local = `quentin${++n}`;
    const email = `${local}@fabrikam.example`;
    const invitation = await invite(contoso, email, app);
    const web = new WebClient();
    const codePage = await web.submit(await web.get(invitation.inviteRedeemUrl!), '/redeem/accept');
    const code = /\b(\d{6})\b/.exec((await latestMail(t, smtp, email)).text ?? '')![1]!;
    let page = await web.submit(codePage, '/redeem/code', { code });
    const signUp = async (password: string) => (page = await web.submit(page, '/redeem/profile', { displayName: 'Quentin', password }));

    // Each refused password passes every other rule, so each line is the one that refuses it.
    expect((await signUp('Tq7$vb!k2')).status).toBe(400); // 9 characters
    expect(text(page)).toContain('use at least 10 characters');
    expect((await signUp('Password123')).status).toBe(400);
    expect(text(page)).toContain('among the most used ones');
    expect((await signUp(`${local.toUpperCase()}-Tq7$vb`)).status).toBe(400);
    expect(text(page)).toContain(`do not include "${local}" from your email address`);

    const done = await signUp('Tq7$vb!k2x');
    expect(done.status).toBe(303);
    expect(done.location).toBe(REPLY_URL);
  });
});
