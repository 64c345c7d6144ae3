import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(import.meta.dirname, '../..');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

/** Debian's chromium, headless, without the background traffic a test does not want. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Builds the admin console into dist/console (Vite, a few seconds) so the gateway serves it. */
export function buildConsole(): void {
  execFileSync('npx', ['vite', 'build', '-c', 'vite.console.config.ts', '--logLevel', 'error'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * axe-core's serious and critical violations on the page. Evaluated through the DevTools protocol,
 * which the page's CSP (`script-src 'self'`, no inline scripts) does not govern, unlike addScriptTag.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: () => Promise<{ violations: { id: string; impact: string; help: string }[] }> } })
      .axe;
    return (await axe.run()).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

/** Screenshots of the page at desktop (1280 px) and phone (390 px) widths into test-output/<folder>/. */
export async function screenshots(page: Page, folder: string, name: string): Promise<void> {
  const dir = path.join(ROOT, 'test-output', folder);
  fs.mkdirSync(dir, { recursive: true });
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  }
}
