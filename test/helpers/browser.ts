// Browser tests drive Debian's Chromium through playwright-core (never a downloaded browser),
// against a node listening on a free loopback port with the built UI.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import type { Browser, ConsoleMessage, Locator, Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import { startNode, type TestNode } from './node.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** Why browser tests are skipped here, or false when they run. */
export const BROWSER_SKIP: string | false = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} is absent (apt-get install chromium; CI's .ci/run installs it)`;

export const SCREENSHOTS = join(import.meta.dirname, '..', '..', 'test-results');

export interface UiNode extends TestNode {
  url: string;
}

/** A node on a free port, serving the UI (built first when missing or stale); `env`: its CONCORD_* settings. */
export async function startUiNode(env: Record<string, string> = {}): Promise<UiNode> {
  await buildWeb({ ifStale: true, quiet: true });
  const node = await startNode(env);
  const address = await node.app.listen({ host: '127.0.0.1', port: 0 });
  return { ...node, url: address };
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Expected 404s: federation's peer endpoints, which the UI probes and reports as "no peers". */
const EXPECTED = [/\/api\/v1\/peers(\/status)?$/];

/** Collects console errors and uncaught exceptions of `page`. `expected`: URLs whose failed
 *  requests a test provokes on purpose (a refused form); read when each message arrives, so a
 *  test may add to it as it goes. */
export function consoleErrors(page: Page, expected: RegExp[] = []): string[] {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() !== 'error') return;
    if (m.text().startsWith('Failed to load resource') && [...EXPECTED, ...expected].some((re) => re.test(m.location().url))) return;
    errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

/** Saves a full-page screenshot as test-results/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Opens the node's sign-in page and signs in as `person`, waiting for the app's header. */
export async function signIn(page: Page, url: string, person: { user: { username: string }; password: string }): Promise<void> {
  await page.goto(url);
  await page.getByLabel('User name').fill(person.user.username);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor();
}

/** Screenshots `page` as test-results/<name>-<width>.png at 1280, 1440 and 1920 px, asserting
 *  that nothing overflows the window at any of them; leaves the page at 1280 px. */
export async function shotsAtWidths(page: Page, name: string): Promise<void> {
  for (const width of [1280, 1440, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: nothing overflows the window at ${width} px (${overflow} px)`);
    await shot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The error shown next to a form field (its aria-describedby names it). */
export async function fieldError(field: Locator): Promise<string> {
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  const errorId = ids.split(' ').find((id) => id.endsWith('-error')) ?? '';
  return field.page().locator(`[id="${errorId}"]`).innerText();
}

/** A page watched for console errors. */
export interface WatchedPage {
  page: Page;
  errors: string[];
}

/**
 * A signed-in page of its own for `person` (1280 × 900), added to `pages` with the console
 * errors it logs; `expected`: requests refused on purpose, which are not errors.
 */
export async function openSession(
  browser: Browser,
  url: string,
  person: { user: { username: string }; password: string },
  pages: WatchedPage[],
  { expected = [], timeout = 10_000 }: { expected?: RegExp[]; timeout?: number } = {},
): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.setDefaultTimeout(timeout);
  pages.push({ page, errors: consoleErrors(page, expected) });
  await signIn(page, url, person);
  return page;
}
