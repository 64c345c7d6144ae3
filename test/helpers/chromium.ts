import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium; browser suites are skipped where it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = () => fs.existsSync(CHROMIUM);
const SHOTS = path.resolve(import.meta.dirname, '../../test-output/screenshots');

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
