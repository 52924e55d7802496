// Markings are never lost however long the list (issue 15, must 1): 2,000 indicators of mixed
// TLP, the AMBER ones and the one classified indicator loaded last, are scrolled through in the
// Explorer's virtualised table; every chip shows a real TLP and the banner the most restrictive
// TLP and the classification. Before, the banner was asked for with every loaded id in one URL,
// which the server refused from about 300 rows (431): every chip then read "—".
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page, Request } from 'playwright-core';
import { NATO_SCHEME } from '../src/domain/markings/classification.ts';
import { classificationMarking } from '../src/domain/markings/concord-markings.ts';
import { TLP2_MARKING_IDS, type Tlp } from '../src/domain/markings/tlp.ts';
import { BROWSER_SKIP, consoleErrors, launch, shot, startUiNode, type UiNode, signIn } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator } from './helpers/stix.ts';

const ROWS = 2_000;
const AMBER_FROM = 1_800;
const restricted = classificationMarking(NATO_SCHEME, 'NATO RESTRICTED');
/** Row i's TLP: AMBER for every other row from AMBER_FROM on, else CLEAR or GREEN. */
const tlpOf = (i: number): Tlp => (i >= AMBER_FROM && i % 2 === 0 ? 'amber' : i % 3 === 0 ? 'clear' : 'green');
const marked = (t: Tlp): { object_marking_refs: string[] } => ({ object_marking_refs: [TLP2_MARKING_IDS[t]] });

describe('marking chips and banner over 2,000 rows in Chromium', { skip: BROWSER_SKIP, timeout: 180_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let analyst: Person;
  const requests: Request[] = [];

  before(async () => {
    node = await startUiNode();
    analyst = await buildPerson(node.services, { org: node.org, clearances: { nato: 'NATO SECRET' } });
    const indicators = Array.from({ length: ROWS - 1 }, (_, i) =>
      buildIndicator({
        name: `Row ${String(i).padStart(4, '0')}`,
        pattern: `[ipv4-addr:value = '10.${i >> 8}.${i & 255}.1']`,
        ...marked(tlpOf(i)),
      }),
    );
    const classified = buildIndicator({ name: 'Row 1999 classified', object_marking_refs: [TLP2_MARKING_IDS.green, restricted.id] });
    await node.load([restricted, ...indicators, classified]);
    browser = await launch();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    errors = consoleErrors(page);
    page.on('request', (r) => requests.push(r));
    await signIn(page, node.url, analyst);
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
  });

  /** TLP chip text of each rendered row, by row index (the TLP column: web/src/screens/explorer/columns.tsx). */
  const renderedChips = (p: Page): Promise<[number, string][]> =>
    p.$$eval('[data-testid=results] [role=row][aria-rowindex]', (rows) =>
      rows.map(
        (r) => [Number(r.getAttribute('aria-rowindex')), r.querySelectorAll('[role=cell]')[6]?.textContent ?? ''] as [number, string],
      ),
    );

  test('every chip of every row scrolled through is a real TLP, and the banner covers them all', async () => {
    await page.goto(`${node.url}/explore?type=indicator`);
    await page.locator('[data-testid=results] [role=row]').first().waitFor();
    const chips = new Map<number, string>();
    for (let step = 0; step < 400; step++) {
      for (const [row, chip] of await renderedChips(page)) chips.set(row, chip);
      const done = await page.getByTestId('result-count').innerText();
      const atEnd = await page
        .getByTestId('results')
        .evaluate((el) => el.scrollTop + el.clientHeight >= el.scrollHeight - 2 && el.scrollHeight > el.clientHeight);
      if (done === `${ROWS.toLocaleString('en')} results` && atEnd && chips.size === ROWS) break;
      await page.getByTestId('results').evaluate((el) => {
        el.scrollTop += el.clientHeight - 28;
      });
      // Let the virtualiser render the rows now in view (and a page load when the end nears).
      await page.waitForTimeout(30);
    }
    assert.equal(await page.getByTestId('result-count').innerText(), '2,000 results');
    assert.equal(chips.size, ROWS, 'every row was rendered once at least');
    const texts = [...chips.values()];
    assert.deepEqual(
      texts.filter((t) => !/^TLP:(CLEAR|GREEN|AMBER)$/.test(t)),
      [],
      'no chip shows "—" or anything but a real TLP',
    );
    assert.equal(
      texts.filter((t) => t === 'TLP:AMBER').length,
      Array.from({ length: ROWS - 1 }, (_, i) => tlpOf(i)).filter((t) => t === 'amber').length,
    );
    for (const position of ['top', 'bottom']) {
      const banner = page.getByTestId(`marking-banner-${position}`);
      assert.equal(await banner.locator('[data-tlp]').getAttribute('data-tlp'), 'amber', `${position} banner`);
      assert.match(await banner.innerText(), /NATO RESTRICTED/);
    }
    await shot(page, 'markings-explorer-2000-rows');
    // No request carries the loaded rows' ids: the only API requests are the list's pages.
    const long = requests.map((r) => r.url()).filter((u) => u.length > 1_000 || u.includes('/api/v1/markings?'));
    assert.deepEqual(long, []);
    assert.deepEqual(errors, []);
  });

  test('the dashboard banner covers what it counts', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByTestId('total-count').waitFor();
    const banner = page.getByTestId('marking-banner-top');
    assert.equal(await banner.locator('[data-tlp]').getAttribute('data-tlp'), 'amber');
    assert.match(await banner.innerText(), /NATO RESTRICTED/, 'the classified indicator is counted, though no panel names it');
    await shot(page, 'markings-dashboard');
    assert.deepEqual(errors, []);
  });
});
