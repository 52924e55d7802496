// The Explorer in a real browser (issue 15, must 5 and 11), as an analyst and as an
// administrator: the total, sorting by a column header, relevance for text, facets that filter,
// a saved search reopened, exports that download, and bulk actions on a selection. Screenshots
// at 1280, 1440 and 1920 pixels go to test-results/40-explorer-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { MITRE_IDENTITY_ID } from '../src/domain/explorer/rules.ts';
import { BROWSER_SKIP, consoleErrors, launch, startUiNode, type UiNode, signIn, shotsAtWidths } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, buildMalware, type Obj } from './helpers/stix.ts';

const green = { object_marking_refs: [TLP2_MARKING_IDS.green] };
const amber = { object_marking_refs: [TLP2_MARKING_IDS.amber] };

describe('the Explorer in Chromium', { skip: BROWSER_SKIP, timeout: 180_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let analyst: Person;
  let admin: Person;
  // Loaded NotPetya first: store order would list it before the Sandworm Team.
  const notpetya = buildMalware({
    name: 'NotPetya',
    description: 'Wiper used by the Sandworm Team',
    labels: ['wiper'],
    confidence: 70,
    ...green,
  });
  const sandworm: Obj = {
    type: 'intrusion-set',
    spec_version: '2.1',
    id: `intrusion-set--${randomUUID()}`,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: 'Sandworm Team',
    aliases: ['ELECTRUM'],
    labels: ['apt'],
    ...green,
  };
  const oldware = buildMalware({ name: 'Industroyer', x_mitre_deprecated: true, created_by_ref: MITRE_IDENTITY_ID, ...green });
  const industroyer = buildMalware({ name: 'Industroyer', labels: ['ics'], ...amber });
  const beacons = [1, 2, 3].map((n) => buildIndicator({ name: `Substation beacon ${n}`, labels: ['ics'], ...amber }));

  before(async () => {
    node = await startUiNode();
    analyst = await buildPerson(node.services, { org: node.org });
    admin = await buildPerson(node.services, { org: node.org, roles: ['admin', 'analyst'] });
    await node.load([notpetya, sandworm, oldware, industroyer, ...beacons]);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
  });

  async function open(who: Person): Promise<void> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    errors = consoleErrors(page);
    await signIn(page, node.url, who);
  }

  const count = () => page.getByTestId('result-count');
  const names = () =>
    page.$$eval('[data-testid=results] [role=row] [role=cell]:nth-child(3) a', (as) => as.map((a) => a.textContent ?? ''));

  test('as an analyst: total, column sort, relevance, facets and hidden deprecated objects', async () => {
    await open(analyst);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Explorer' }).click();
    // Six of the seven objects: the deprecated Industroyer is hidden, and so are Concord's own.
    await count().getByText('6 results', { exact: true }).waitFor();
    assert.equal((await names()).filter((n) => n === 'Industroyer').length, 1, 'one Industroyer row');
    await page.getByRole('button', { name: 'Name' }).click();
    await page.waitForURL(/sort=name/);
    await page.locator('[role=columnheader][aria-sort=ascending]').getByText('Name').waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid=results] [role=row] [role=cell]:nth-child(3) a')?.textContent === 'Industroyer',
    );
    const sorted = await names();
    assert.deepEqual(
      sorted,
      [...sorted].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
    await page.getByRole('button', { name: 'Name' }).click();
    await page.waitForURL(/sort=-name/);
    await page.locator('[role=columnheader][aria-sort=descending]').getByText('Name').waitFor();

    // Relevance: the intrusion set named so comes before the malware whose description names it.
    await page.getByRole('search').getByLabel('Text').fill('sandworm');
    await page.getByRole('button', { name: 'Search' }).click();
    await count().getByText('2 results', { exact: true }).waitFor();
    assert.equal(await page.getByLabel('Order').inputValue(), 'relevance');
    assert.deepEqual(await names(), ['Sandworm Team', 'NotPetya']);
    await shotsAtWidths(page, '40-explorer-relevance');

    // A facet filters, and the owner, labels and confidence columns are filled in.
    await page.getByRole('link', { name: 'Explorer' }).click();
    await page.goto(`${node.url}/explore`);
    await count().getByText('6 results', { exact: true }).waitFor();
    await page
      .getByRole('navigation', { name: 'Facets' })
      .getByRole('button', { name: /^malware/ })
      .click();
    await page.waitForURL(/type=malware/);
    await count().getByText('2 results', { exact: true }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'NotPetya' });
    await row.getByText(node.org.name).waitFor();
    await row.getByText('wiper').waitFor();
    await row.getByText('70', { exact: true }).waitFor();
    await page.getByLabel('Show deprecated').check();
    await count().getByText('3 results', { exact: true }).waitFor();
    await page.getByText('deprecated', { exact: true }).waitFor();
    await shotsAtWidths(page, '40-explorer-facets');
    assert.deepEqual(errors, []);
  });

  test('as an analyst: save and reopen a search, export it, act on a selection', async () => {
    await page.goto(`${node.url}/explore?q=beacon`);
    await count().getByText('3 results', { exact: true }).waitFor();
    await page.getByLabel('Name of this search').fill('Beacons');
    await page.getByRole('region', { name: 'Saved searches' }).getByRole('button', { name: 'Save', exact: true }).click();
    const saved = page.getByRole('region', { name: 'Saved searches' });
    await saved.getByRole('link', { name: 'Beacons' }).waitFor();
    await page.goto(`${node.url}/explore`);
    await count().getByText('6 results', { exact: true }).waitFor();
    await saved.getByRole('link', { name: 'Beacons' }).click();
    await page.waitForURL(/q=beacon/);
    await count().getByText('3 results', { exact: true }).waitFor();

    const csv = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const file = await (await csv).path();
    const text = await readFile(file, 'utf8');
    assert.match(text, /^id,type,name,created,modified,owner,tlp,labels,confidence\r\n/);
    assert.equal(text.trim().split('\r\n').length, 4, 'the header and the three beacons');
    const stix = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export STIX' }).click();
    const bundle = JSON.parse(await readFile(await (await stix).path(), 'utf8')) as { objects: Obj[] };
    assert.equal(bundle.objects.length, 3);

    // A selection: the bar offers writes to an analyst, and exports the rows selected.
    await page.getByLabel('Select all loaded rows').check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByText('3 selected').waitFor();
    await bar.getByRole('button', { name: 'Apply marking' }).waitFor();
    const chosen = page.waitForEvent('download');
    await bar.getByRole('button', { name: 'Export selection' }).click();
    const selection = JSON.parse(await readFile(await (await chosen).path(), 'utf8')) as { objects: Obj[] };
    assert.equal(selection.objects.length, 3);
    await shotsAtWidths(page, '40-explorer-bulk');
    await bar.getByLabel('Bulk labels').fill('reviewed');
    await bar.getByRole('button', { name: 'Add labels' }).click();
    await bar.getByText(/3 changed, 0 refused/).waitFor();
    await saved.getByRole('button', { name: 'Delete saved search Beacons' }).click();
    await saved.getByText('none yet').waitFor();
    assert.deepEqual(errors, []);
  });

  test('as an administrator: system objects on request, and the same search', async () => {
    await open(admin);
    await page.goto(`${node.url}/explore`);
    await count().getByText('6 results', { exact: true }).waitFor();
    await page.getByLabel('Show system objects').check();
    await page.waitForURL(/include=system/);
    const facets = page.getByRole('navigation', { name: 'Facets' });
    await facets.getByRole('button', { name: /^marking-definition/ }).waitFor();
    await page.getByText('system', { exact: true }).first().waitFor();
    await page.getByLabel('Order').selectOption('-created');
    await page.waitForURL(/sort=-created/);
    await shotsAtWidths(page, '40-explorer-admin');
    // Saved searches are each user's own: the analyst's deleted one is not here, and this list is empty.
    await page.getByRole('region', { name: 'Saved searches' }).getByText('none yet').waitFor();
    assert.deepEqual(errors, []);
  });
});
