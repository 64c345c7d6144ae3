import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');

/** The README's first command, as a user runs it: build, start with the demo tenant, paste the printed curl. */
describe('npm run demo', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'b2b-demo-'));
  let child: ReturnType<typeof spawn> | undefined;
  afterAll(() => {
    child?.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints URLs and a curl that answers with data', { timeout: 120_000 }, async () => {
    await run('npm', ['run', '-s', 'build'], { cwd: root });
    const port = 41_000 + Math.floor(Math.random() * 2000);
    child = spawn(process.execPath, ['dist/src/main.js', '--seed-demo'], {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        SQLITE_PATH: path.join(dataDir, 'demo.sqlite'),
        MAIL_OUTBOX_DIR: path.join(dataDir, 'outbox'),
        LOG_LEVEL: 'info',
      },
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += String(chunk)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 60_000);
      child!.stdout!.on('data', () => output.includes('-d \'{"query"') && (clearTimeout(timer), resolve()));
      child!.once('exit', (code) => reject(new Error(`demo exited with ${code}:\n${output}`)));
    });
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
    expect(output).toContain('shutting down');
  });
});
