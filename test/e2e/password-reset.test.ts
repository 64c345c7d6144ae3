import { describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../src/mail/outbox-message.entity.js';
import { testDatabases } from '../helpers/databases.js';
import { createTenant } from '../helpers/fixtures.js';
import { login } from '../helpers/partner-flow.js';
import { forgot, refreshes, resetCode, resetPage, resetWorld, signInEverywhere } from '../helpers/password-reset.js';
import { text, WebClient, type WebResponse } from '../helpers/web-client.js';
import { AuditEventsDocument, RegisterIdentityProviderDocument } from '../graphql/generated.js';

const SENT = 'If an account exists for';
const REFUSED = 'That code is not right, has expired or was used already';

/**
 * "Forgot your password?" over real HTTP, with openid-client as the relying party: a mailed code sets
 * a new password and ends every session and refresh token of the account, in every tenant; nothing
 * tells a stranger whether an address has an account. The admins' side: password-reset-admin.test.ts.
 */
describe.each(testDatabases())('password reset on %s', (kind) => {
  const w = resetWorld(kind);
  const { bob, clock } = w;

  it('offers "Forgot your password?" on the redemption’s sign-in page', () => {
    expect(w.redemptionSignIn.body).toContain('href="/password/forgot?email=bob%40reset-home.example"');
  });

  it('forgot password → code → new password: old refresh tokens refused in every tenant, old password too', async () => {
    const before = await signInEverywhere(w);
    // The app's sign-in page links to the reset.
    const { page: signInPage } = await login(new WebClient(), w.appA);
    expect(signInPage.body).toContain('id="forgot-password"');

    const web = new WebClient();
    const mails = w.smtp.received.length;
    const sent = await forgot(w, web, bob.email);
    expect(sent.status).toBe(200);
    expect(text(sent)).toContain(`${SENT} ${bob.email}`);
    const code = await resetCode(w, bob.email, mails);
    const queued = await w.t.gateway.db.manager.findOneByOrFail(OutboxMessage, { toAddress: bob.email, subject: '' });
    expect(queued).toMatchObject({ audience: 'System', invitationId: null });

    const done = await web.submit(sent, '/password/reset', { email: bob.email, code, password: 'a brand new passphrase' });
    expect(done.status, text(done)).toBe(200);
    expect(text(done)).toContain('Your password was changed');

    expect(await refreshes(w.appA, before.a.refresh_token!), 'home tenant refresh token').toBe(false);
    expect(await refreshes(w.appB, before.b.refresh_token!), 'guest tenant refresh token').toBe(false);
    expect((await login(before.web, w.appA, { prompt: 'none' })).callback?.searchParams.get('error'), 'provider session ended').toBe(
      'login_required',
    );
    expect(text(await before.web.get(`${w.t.baseUrl}/${w.home.tenant.id}/myapps`))).not.toContain(`Signed in as ${bob.email}`);

    expect(
      (await login(new WebClient(), w.appA, { credentials: { email: bob.email, password: bob.password } })).tokens,
      'the old password',
    ).toBeNull();
    const after = await signInEverywhere(w, 'a brand new passphrase');
    expect(await refreshes(w.appB, after.b.refresh_token!)).toBe(true);

    const { auditEvents } = await w.home.admin.client.data(AuditEventsDocument, { first: 100 });
    expect(auditEvents.nodes.find((e) => e.action === 'Reset password (self-service)')).toMatchObject({
      actorId: bob.id,
      targetId: bob.id,
    });

    // The used code: a clear refusal with the way to a new one.
    const again = await web.submit(await resetPage(w, web, bob.email), '/password/reset', {
      email: bob.email,
      code,
      password: 'yet another passphrase',
    });
    expect(again.status).toBe(400);
    expect(text(again)).toContain(REFUSED);
    expect(again.body).toContain('id="ask-new"');
    bob.password = 'a brand new passphrase';
  });

  it('answers an unknown address exactly as a known one, and refuses its codes with the same words', async () => {
    clock.offsetMs = 5 * 60 * 1000; // each test a minute past the last code: one code a minute per account
    const web = new WebClient();
    const mails = w.smtp.received.length;
    const unknown = await forgot(w, web, 'nobody@reset-home.example');
    const known = await forgot(w, new WebClient(), bob.email);
    const strip = (page: WebResponse, email: string) =>
      text(page)
        .replaceAll(email, 'EMAIL')
        .replace(/Request id: \S+/, '');
    expect(unknown.status).toBe(known.status);
    expect(strip(unknown, 'nobody@reset-home.example')).toBe(strip(known, bob.email));
    await resetCode(w, bob.email, mails);
    expect(w.smtp.received.filter((m) => m.to.includes('nobody@reset-home.example'))).toEqual([]);

    const unknownTry = await web.submit(unknown, '/password/reset', {
      email: 'nobody@reset-home.example',
      code: '123456',
      password: 'a brand new passphrase 2',
    });
    const stranger = new WebClient();
    const knownTry = await stranger.submit(await resetPage(w, stranger, bob.email), '/password/reset', {
      email: bob.email,
      code: '000000',
      password: 'a brand new passphrase 2',
    });
    expect(unknownTry.status).toBe(400);
    expect(strip(unknownTry, 'nobody@reset-home.example')).toBe(strip(knownTry, bob.email));
    expect(text(knownTry)).toContain(REFUSED);
    clock.offsetMs = 0;
  });

  it('an expired code is refused with a way to ask for a new one; a weak password keeps the code', async () => {
    const web = new WebClient();
    const mails = w.smtp.received.length;
    clock.offsetMs = 10 * 60 * 1000;
    const sent = await forgot(w, web, bob.email);
    const code = await resetCode(w, bob.email, mails);
    const weak = await web.submit(sent, '/password/reset', { email: bob.email, code, password: 'short' });
    expect(weak.status).toBe(400);
    expect(text(weak)).toContain('Choose a stronger password');
    clock.offsetMs += 11 * 60 * 1000;
    try {
      const expired = await web.submit(weak, '/password/reset', { email: bob.email, code, password: 'a brand new passphrase 3' });
      expect(text(expired)).toContain(REFUSED);
      expect(expired.body).toContain(`href="/password/forgot?email=${encodeURIComponent(bob.email)}"`);
    } finally {
      clock.offsetMs = 0;
    }
    expect(
      (await login(new WebClient(), w.appA, { credentials: { email: bob.email, password: bob.password } })).tokens,
      'the password is unchanged',
    ).not.toBeNull();
  });

  it('dies after five wrong codes, even for the right one', async () => {
    const web = new WebClient();
    const mails = w.smtp.received.length;
    clock.offsetMs = 30 * 60 * 1000;
    try {
      const sent = await forgot(w, web, bob.email);
      const code = await resetCode(w, bob.email, mails);
      const wrong = code === '000000' ? '111111' : '000000';
      let page = sent;
      for (let i = 0; i < 5; i++)
        page = await web.submit(page, '/password/reset', { email: bob.email, code: wrong, password: 'a brand new passphrase 4' });
      const right = await web.submit(page, '/password/reset', { email: bob.email, code, password: 'a brand new passphrase 4' });
      expect(text(right)).toContain(REFUSED);
    } finally {
      clock.offsetMs = 0;
    }
  });

  it('uses a code once, also when two browsers send it at once', async () => {
    clock.offsetMs = 40 * 60 * 1000;
    try {
      const mails = w.smtp.received.length;
      await forgot(w, new WebClient(), bob.email);
      const code = await resetCode(w, bob.email, mails);
      const browsers = [new WebClient(), new WebClient()];
      const pages = await Promise.all(browsers.map((b) => resetPage(w, b, bob.email)));
      const results = await Promise.all(
        browsers.map((b, i) =>
          b.submit(pages[i]!, '/password/reset', { email: bob.email, code, password: `raced passphrase number ${i}` }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
      const winner = results.findIndex((r) => r.status === 200);
      bob.password = `raced passphrase number ${winner}`;
    } finally {
      clock.offsetMs = 0;
    }
    expect(
      (await login(new WebClient(), w.appA, { credentials: { email: bob.email, password: bob.password } })).tokens,
      'the winner’s password holds',
    ).not.toBeNull();
  });

  it('refuses forms without the CSRF token, and limits requests per address whether or not it has an account', async () => {
    for (const path of ['/password/forgot', '/password/reset']) {
      const web = new WebClient();
      await web.get(`${w.t.baseUrl}/password/forgot`);
      const forged = await web.post(`${w.t.baseUrl}${path}`, { email: bob.email, code: '123456', password: 'a brand new passphrase' });
      expect(forged.status).toBe(403);
      expect(forged.body).toContain('CSRF_TOKEN_INVALID');
    }
    for (const email of ['limited@reset-home.example', 'limited@nowhere-at-all.example']) {
      const codes: number[] = [];
      for (let i = 0; i < 6; i++) codes.push((await forgot(w, new WebClient(), email)).status);
      expect(codes, email).toEqual([200, 200, 200, 200, 200, 429]);
    }
  });

  it('sends a federated address to its organization, and mails nothing', async () => {
    const fabrikam = await createTenant(w.t, 'http', { domains: ['fabrikam-reset.example'] });
    await fabrikam.admin.client.data(RegisterIdentityProviderDocument, {
      input: { issuer: w.upstream.issuer, clientId: 'gateway', clientSecret: 'upstream-secret', domains: ['fabrikam-reset.example'] },
    });
    const mails = w.smtp.received.length;
    const page = await forgot(w, new WebClient(), 'alice@fabrikam-reset.example');
    expect(page.status).toBe(200);
    expect(text(page)).toContain(`${fabrikam.tenant.name} manages the password of this address`);
    await w.t.gateway.outboxWorker.drain();
    expect(w.smtp.received.length).toBe(mails);
  });
});
