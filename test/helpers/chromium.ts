import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium; browser suites are skipped where it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = () => fs.existsSync(CHROMIUM);
const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = path.join(ROOT, 'test-output/screenshots');
const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');

/** Headless Chromium as every browser suite runs it (no sandbox, nothing fetched from outside). */
export function launchChromium(): Promise<Browser> {
  fs.mkdirSync(SHOTS, { recursive: true });
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

/** A full-page screenshot under test-output/screenshots, to look at. */
export const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** Nothing on the page is wider than the phone's screen. */
export async function fitsTheScreen(page: Page): Promise<void> {
  // A string, evaluated in the page: the tests compile without the DOM's types.
  const { scrollWidth, innerWidth } = await page.evaluate<{ scrollWidth: number; innerWidth: number }>(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  );
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** A partner app's landing page on loopback: records every URL the browser lands on. */
export async function startReplyServer(): Promise<{ replyUrl: string; landed: string[]; close: () => void }> {
  const landed: string[] = [];
  const server = http.createServer((req, res) => {
    landed.push(`http://127.0.0.1:${(server.address() as { port: number }).port}${req.url}`);
    res.setHeader('content-type', 'text/html');
    res.end('<!doctype html><title>Partner app</title><h1>Partner app</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { replyUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}/callback`, landed, close: () => server.close() };
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
