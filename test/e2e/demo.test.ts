import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, shot } from '../helpers/chromium.js';
import { type DemoProcess, ROOT as root, run, startDemo } from '../helpers/demo-process.js';
import { PASSWORD } from '../helpers/members.js';

/** The README's first command, as a user runs it: build, start with the demo tenant, paste the printed curl. */
describe('npm run demo', () => {
  let demo: DemoProcess | undefined;
  afterAll(() => demo?.stop());

  it('prints URLs and a curl that answers with data', { timeout: 120_000 }, async () => {
    demo = await startDemo();
    const { child, port, dataDir } = demo;
    const output = demo.output();
    expect(output).toContain(`http://localhost:${port}/graphql`);
    expect(output).toMatch(new RegExp(`http://localhost:${port}/[0-9a-f-]{36}/v2\\.0/\\.well-known/openid-configuration`));

    const lines = output.split('\n');
    const start = lines.findIndex((l) => l.trim().startsWith('TOKEN=$('));
    const script = lines.slice(start, start + 4).join('\n');
    const { stdout } = await run('bash', ['-c', script], { cwd: root });
    const body = JSON.parse(stdout);
    expect(body.errors).toBeUndefined();
    expect(body.data.viewer).toMatchObject({
      displayName: 'Contoso admin automation',
      roles: ['GlobalAdministrator'],
      tenant: { name: 'Contoso (demo)' },
    });
    expect(body.data.applications.nodes.map((a: { displayName: string }) => a.displayName)).toContain('Contoso Expenses');

    // The human admin, alongside the automation credentials: its printed link opens the activation page.
    expect(output).toContain('Human admin        admin@contoso.example (GlobalAdministrator)');
    const link = new RegExp(`Activate it\\s+(http://localhost:${port}/activate\\?token=[\\w-]+)`).exec(output)![1]!;
    const activation = await fetch(link);
    expect(activation.status).toBe(200);
    expect(await activation.text()).toContain('Choose a password for admin@contoso.example');

    // Without SMTP the welcome names the folder the mail goes to, and the admin's activation mail is there.
    const mailDir = /Mail\s+(\S+)\/<message id>\.eml/.exec(output)?.[1];
    expect(mailDir).toBe(path.join(dataDir, 'outbox'));
    await expect
      .poll(() => (fs.existsSync(mailDir!) ? fs.readdirSync(mailDir!).filter((f) => f.endsWith('.eml')).length : 0), { timeout: 10_000 })
      .toBe(1);
    const mail = fs.readFileSync(path.join(mailDir!, fs.readdirSync(mailDir!)[0]!), 'utf8');
    expect(mail).toContain('Subject: Activate your Contoso (demo) account');

    // SIGTERM: the process drains and exits cleanly.
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(demo.output()).toContain('shutting down');
  });
});

/**
 * The journey's last step: a person assigned to Contoso Expenses opens it (its access-panel tile) and
 * lands in the demo's sample app, signed in by the gateway, the ID token's claims on the page.
 */
describe.skipIf(!hasChromium())('npm run demo: the sample app', () => {
  let demo: DemoProcess | undefined;
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    demo?.stop();
  });

  it('signs an assigned member in to Contoso Expenses; a tampered state gets a readable page', { timeout: 180_000 }, async () => {
    demo = await startDemo();
    const base = `http://localhost:${demo.port}`;
    const printed = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(demo!.output())![1]!;
    const tenantId = printed('Tenant id');
    expect(demo.output()).toContain(`${base}/demo/   (a tiny relying party`);
    const basic = Buffer.from(`${printed('Admin client id')}:${printed('Admin secret')}`).toString('base64');
    const tokenResponse = await fetch(`${base}/${tenantId}/v2.0/token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const graphql = async (query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data: any; errors?: unknown };
      expect(body.errors).toBeUndefined();
      return body.data;
    };
    const email = 'erin@contoso.example';
    const { applications } = await graphql('{ applications { nodes { id displayName homepageUrl } } }');
    const expenses = applications.nodes.find((a: { displayName: string }) => a.displayName === 'Contoso Expenses');
    expect(expenses.homepageUrl).toBe(`${base}/demo/`);
    const { createUser } = await graphql('mutation($input: CreateUserInput!) { createUser(input: $input) { id } }', {
      input: { email, displayName: 'Erin <Expenses>' },
    });
    await graphql(
      'mutation($app: ID!, $user: ID!) { assignApplication(applicationId: $app, principal: { type: User, id: $user }) { id } }',
      {
        app: expenses.id,
        user: createUser.id,
      },
    );
    const outbox = path.join(demo.dataDir, 'outbox');
    const activationLink = async () => {
      for (const file of fs.existsSync(outbox) ? fs.readdirSync(outbox) : []) {
        const mail = await simpleParser(fs.readFileSync(path.join(outbox, file)));
        if (mail.to && JSON.stringify(mail.to).includes(email)) return /(http:\/\/\S+\/activate\?token=[\w-]+)/.exec(mail.text ?? '')?.[1];
      }
      return undefined;
    };
    await expect.poll(activationLink, { timeout: 15_000 }).toBeDefined();

    browser = await launchChromium();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto((await activationLink())!);
    await page.fill('#password', PASSWORD);
    await page.click('#submit');
    await page.locator('h1', { hasText: 'Your account is active' }).waitFor();
    // The session from the activation: the access panel lists the app, and its tile opens the sample app.
    await page.goto(`${base}/${tenantId}/myapps`);
    await page.click('a:text-is("Contoso Expenses")');
    await page.waitForURL(`${base}/demo/`);
    expect(await page.locator('#signed-in').textContent()).toMatch(
      /^Signed in to Contoso Expenses as\s+Erin <Expenses>\s+<erin@contoso\.example>$/,
    );
    const claims = Object.fromEntries(
      await page
        .locator('#claims tr')
        .evaluateAll((rows) => rows.map((row) => [row.children[0]!.textContent, row.children[1]!.textContent])),
    );
    expect(claims).toMatchObject({
      iss: `${base}/${tenantId}/v2.0`,
      tid: tenantId,
      oid: createUser.id,
      unique_name: email,
      email,
      acct: '0',
      aud: printed('Sample app\\s+Contoso Expenses \\(client id').replace(')', ''),
    });
    expect(await page.locator('a', { hasText: 'Back to My Apps' }).getAttribute('href')).toBe(`${base}/${tenantId}/myapps`);
    expect(await page.locator('script').count()).toBe(0);
    await shot(page, 'demo-sample-app');

    // The app's cookies are its own: HttpOnly, SameSite=Lax, under /demo, the flow's gone after the callback.
    const own = (await context.cookies()).filter((c) => c.name.startsWith('demo_expenses_'));
    expect(own.map((c) => [c.name, c.httpOnly, c.sameSite, c.path])).toEqual([['demo_expenses_session', true, 'Lax', '/demo']]);

    // A state that is not the one this browser's flow keeps: a readable page, no sign-in.
    // Signed out of the sample app (still of the gateway), the redirects are followed by hand up to the
    // callback, which this browser then opens with another state: a readable page, no sign-in.
    await context.clearCookies({ name: 'demo_expenses_session' });
    let next = `${base}/demo/`;
    for (let hop = 0; hop < 10 && !next.startsWith(`${base}/demo/callback?`); hop++) {
      const response = await context.request.get(next, { maxRedirects: 0 });
      next = new URL(response.headers().location!, next).href;
    }
    const callback = new URL(next);
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect((await context.cookies()).map((c) => c.name)).toContain('demo_expenses_flow');
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    const second = page;
    const answer = await second.goto(callback.href);
    expect(answer!.status()).toBe(400);
    expect(await second.locator('h1').textContent()).toBe('This sign-in was not started here');
    expect((await context.cookies()).filter((c) => c.name.startsWith('demo_expenses_'))).toEqual([]);

    // An error answer from the gateway: readable too, escaped.
    const refused = await second.goto(`${base}/demo/callback?error=access_denied&error_description=%3Cb%3Eno%3C%2Fb%3E`);
    expect(refused!.status()).toBe(400);
    expect(await second.locator('#failure').textContent()).toBe('access_denied: <b>no</b>');
    await context.close();
  });
});
