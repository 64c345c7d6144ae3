/**
 * The console's overview in Debian's Chromium (bench/console.ts runs it on both tenants): from the
 * token to the cards after a real sign-in, and a signed-in administrator coming back in the same tab.
 */
import fs from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CONSOLE_DIR } from '../src/pages/console.routes.js';
import { below } from './goals.js';
import type { BenchLine } from './report.js';

export const REPS = Number(process.env.BENCH_REPS ?? 7);
export const PASSWORD = 'Violet-Canyon-Radar-4';
const CHROMIUM = '/usr/bin/chromium';

export interface Stats {
  median: number;
  p95: number;
}

export function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]! };
}

export interface Side {
  tenantId: string;
  email: string;
  rows: number;
}

/**
 * Before any of the page's own scripts, every document of `target` gets an observer that notes
 * performance.now() (ms since the navigation began) when the overview's three cards are in the DOM.
 * Injected by the browser, so the page's CSP does not apply; a function, not a string.
 */
async function observeCards(target: BrowserContext): Promise<void> {
  await target.addInitScript(() => {
    // The page's globals, typed here: the bench compiles without the DOM's types.
    const page = globalThis as unknown as {
      cardsAt?: number;
      document: { querySelectorAll(s: string): { length: number } };
      MutationObserver: new (callback: () => void) => { observe(target: unknown, options: object): void; disconnect(): void };
    };
    // No named function inside: tsx would wrap it in a helper the page does not have.
    const observer = new page.MutationObserver(() => {
      if (page.document.querySelectorAll('dl.cards dd').length < 3) return;
      observer.disconnect();
      page.cardsAt = performance.now();
    });
    observer.observe(page.document as never, { childList: true, subtree: true });
  });
}

/** A tab of `context` (cards observed) that opened the console, signed in and sees the overview. */
async function signedInPage(context: BrowserContext, baseUrl: string, side: Side): Promise<Page> {
  await observeCards(context);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/admin/${side.tenantId}/`);
  await page.fill('input[name="email"]', side.email);
  await page.fill('#password', PASSWORD);
  await page.click('#submit');
  await page.locator('dl.cards dd').nth(2).waitFor({ timeout: 120_000 });
  return page;
}

/**
 * The measure, "interactive within 1 s of the token": a fresh browser profile signs in; the
 * console's callback gets the token and redirects (all same-origin), so the final document's
 * fetchStart is the moment after the token; timed from there to the cards. Nothing is cached.
 */
async function fromToken(browser: Browser, baseUrl: string, side: Side): Promise<Stats> {
  const samples: number[] = [];
  for (let i = 0; i < REPS + 1; i++) {
    const context = await browser.newContext();
    try {
      const page = await signedInPage(context, baseUrl, side);
      const at = await page.evaluate(() => {
        const page = globalThis as unknown as { cardsAt?: number; performance: { getEntriesByType(t: string): { fetchStart: number }[] } };
        return page.cardsAt === undefined ? null : page.cardsAt - page.performance.getEntriesByType('navigation')[0]!.fetchStart;
      });
      if (at === null) throw new Error('the overview rendered its cards unobserved');
      if (i >= 1) samples.push(at); // the first warms the server
    } finally {
      await context.close();
    }
  }
  return stats(samples);
}

/** navigationStart → the cards, per visit of a signed-in administrator in one tab (assets cached). */
async function revisits(browser: Browser, baseUrl: string, side: Side): Promise<Stats> {
  const context = await browser.newContext();
  try {
    const page = await signedInPage(context, baseUrl, side);
    const samples: number[] = [];
    for (let i = 0; i < REPS + 2; i++) {
      // The same tab goes to the console again (a new tab would add the start of a renderer process).
      await page.goto(`${baseUrl}/admin/${side.tenantId}/`, { waitUntil: 'commit' });
      await page.locator('dl.cards dd').nth(2).waitFor({ timeout: 120_000 });
      const at = await page.evaluate(() => (globalThis as { cardsAt?: number }).cardsAt ?? null);
      if (at === null) throw new Error('the overview rendered its cards unobserved');
      if (i >= 2) samples.push(at); // the first two warm the caches
    }
    return stats(samples);
  } finally {
    await context.close();
  }
}

/** Both measures on both tenants, or none when Chromium or the built console is missing. */
export async function overviewInChromium(baseUrl: string, big: Side, small: Side): Promise<BenchLine[]> {
  if (!fs.existsSync(CHROMIUM) || !fs.existsSync(`${CONSOLE_DIR}/index.html`)) {
    console.error('console bench: no Chromium or no built console (npm run build:console): browser timing skipped');
    return [];
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const tokenP = await fromToken(browser, baseUrl, big);
    const tokenB = await fromToken(browser, baseUrl, small);
    const p = await revisits(browser, baseUrl, big);
    const b = await revisits(browser, baseUrl, small);
    const token = 'console overview in Chromium, token → cards (fresh profile, signed in)';
    const visit = 'console overview in Chromium, revisit → cards (same tab, cached)';
    return [
      { name: `${token}: median`, project: tokenP.median, baseline: tokenB.median, unit: 'ms', goal: below(1000, 'ms') },
      { name: `${token}: p95`, project: tokenP.p95, baseline: tokenB.p95, unit: 'ms' },
      { name: `${visit}: median`, project: p.median, baseline: b.median, unit: 'ms', goal: below(1000, 'ms') },
      { name: `${visit}: p95`, project: p.p95, baseline: b.p95, unit: 'ms' },
    ];
  } finally {
    await browser.close();
  }
}
