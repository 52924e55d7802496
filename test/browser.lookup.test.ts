// Lookup in a real browser (issue 15, must 2): an analyst types an address into the Explorer and
// is answered by the observable lookup, which finds the indicator on the network that contains
// it (not a text search that misses it); a list pasted from an alert, defanged as alerts are,
// shows value by value its kind and whether it matched, with links to what it matched.
// Screenshots at 1280 and 1920 pixels go to test-results/30-lookup-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { BROWSER_SKIP, consoleErrors, launch, shot, startUiNode, type UiNode, signIn } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator } from './helpers/stix.ts';

const amber = { object_marking_refs: [TLP2_MARKING_IDS.amber] };
const green = { object_marking_refs: [TLP2_MARKING_IDS.green] };

describe('lookup in Chromium', { skip: BROWSER_SKIP, timeout: 120_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let analyst: Person;
  const network = buildIndicator({ name: 'Substation scanning network', pattern: "[ipv4-addr:value = '192.0.2.0/24']", ...amber });
  const domain = buildIndicator({ name: 'Phishing domain', pattern: "[domain-name:value = 'evil.example']", ...green });
  // Text that a text search for the address finds, and the lookup must not answer with.
  const unrelated = buildIndicator({ name: 'Unrelated 192 0 2 55 beacon', pattern: "[ipv4-addr:value = '198.51.100.9']", ...green });

  before(async () => {
    node = await startUiNode();
    analyst = await buildPerson(node.services, { org: node.org });
    await node.load([network, domain, unrelated]);
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(10_000);
    errors = consoleErrors(page);
    await signIn(page, node.url, analyst);
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
  });

  async function screenshots(name: string): Promise<void> {
    for (const width of [1280, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `nothing overflows the window at ${width} px (${overflow} px)`);
      await shot(page, `30-lookup-${name}-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  test('an address typed into the Explorer finds the indicator of the network that contains it', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Explorer' }).click();
    const box = page.getByRole('search', { name: 'Search objects' }).getByLabel('Text');
    await box.fill('192.0.2.55');
    assert.match(await page.getByTestId('observable-hint').innerText(), /IPv4 address 192\.0\.2\.55/);
    await box.press('Enter');
    const matches = page.getByTestId('lookup-matches');
    await matches.waitFor();
    assert.equal(new URL(page.url()).pathname, '/lookup');
    const rows = matches.locator('tbody tr');
    assert.equal(await rows.count(), 1, 'only the containing network matches');
    assert.match(
      await rows.first().innerText(),
      /Substation scanning network[\s\S]*TLP:AMBER[\s\S]*192\.0\.2\.55 is in network 192\.0\.2\.0\/24/,
    );
    assert.equal(await matches.getByText('Unrelated 192 0 2 55 beacon').count(), 0);
    // The amber indicator on screen sets the banner.
    await page.getByTestId('marking-banner-top').locator('[data-tlp="amber"]').waitFor();
    await screenshots('single');
    await matches.getByRole('link', { name: 'Substation scanning network' }).click();
    await page.waitForURL(/\/objects\/indicator--/);
    assert.ok(decodeURIComponent(page.url()).endsWith(network['id'] as string));
    await page.goBack();
    await page.getByTestId('lookup-matches').waitFor();
  });

  test('"Search as text instead" keeps the Explorer’s text search', async () => {
    await page.getByRole('link', { name: 'Search as text instead' }).click();
    await page
      .getByTestId('result-count')
      .filter({ hasText: /result/ })
      .waitFor();
    assert.equal(new URL(page.url()).searchParams.get('as'), 'text');
    await page.getByRole('table', { name: 'Search results' }).waitFor();
    assert.equal(await page.getByTestId('observable-hint').count(), 0, 'no lookup hint while searching as text');
  });

  test('a pasted list shows, value by value, what matched and what did not', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Lookup' }).click();
    await page.getByLabel(/Values from an alert/).fill('192.0.2[.]55\nhxxp://evil[.]example/login, nothing.example\nSandworm');
    await page.getByRole('button', { name: 'Look up all' }).click();
    const table = page.getByTestId('lookup-table');
    const row = (value: string): Locator => table.locator(`tr[data-value="${value}"]`);
    await row('192.0.2[.]55').and(page.locator('[data-outcome="matched"]')).waitFor();
    const outcomes = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute('data-value'), tr.getAttribute('data-outcome')]));
    assert.deepEqual(outcomes, [
      ['192.0.2[.]55', 'matched'],
      ['hxxp://evil[.]example/login', 'unmatched'],
      ['nothing.example', 'unmatched'],
      ['Sandworm', 'unrecognised'],
    ]);
    assert.match(await row('192.0.2[.]55').innerText(), /IPv4 address[\s\S]*matched \(1\)[\s\S]*Substation scanning network/);
    assert.match(await row('Sandworm').innerText(), /not recognised/);
    assert.match(await page.getByTestId('lookup-summary').innerText(), /4 values: 1 matched, 2 not matched, 1 not recognised/);

    await page.getByLabel(/Values from an alert/).fill('192.0.2.55\nevil[.]example\nnothing.example');
    await page.getByRole('button', { name: 'Look up all' }).click();
    await row('evil[.]example').and(page.locator('[data-outcome="matched"]')).waitFor();
    assert.match(await row('evil[.]example').innerText(), /domain name[\s\S]*matched \(1\)[\s\S]*Phishing domain/);
    assert.equal(await row('192.0.2.55').getAttribute('data-outcome'), 'matched');
    assert.equal(await row('nothing.example').getAttribute('data-outcome'), 'unmatched');
    assert.match(await row('nothing.example').innerText(), /domain name[\s\S]*not matched/);
    await screenshots('list');
    await row('evil[.]example').getByRole('link', { name: 'Phishing domain' }).click();
    await page.waitForURL(/\/objects\/indicator--/);
  });

  test('the browser console stays clean', () => {
    assert.deepEqual(errors, []);
  });
});
