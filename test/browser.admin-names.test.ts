// Administration by names in a real browser (issue 15, must 9; must 11): a node administrator
// picks organisations and identities from searchable lists (name and country) in the collection
// and peer forms, never types an `identity--` id anywhere in administration; adds a feed by name
// and sees the name in the list and in the audit log; narrows the audit log with its filters
// (kept in the URL) and loads older entries page by page. An organisation administrator picks
// from the same lists in their screens. Screenshots of every tab at 1280, 1440 and 1920 pixels,
// none overflowing: test-results/21-admin-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { CLI } from '../src/domain/identity/principal.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { BROWSER_SKIP, consoleErrors, launch, shot, signIn, startUiNode, type UiNode } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, bundle } from './helpers/stix.ts';

const green = { object_marking_refs: [TLP2_MARKING_IDS.green] };
const ACME = {
  type: 'identity',
  spec_version: '2.1',
  id: 'identity--7b1e3c9a-2f4d-4d7e-9a8b-1c2d3e4f5a6b',
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  name: 'ACME Threat Research',
  identity_class: 'organization',
  ...green,
};
const SECTIONS = ['orgs', 'users', 'tokens', 'communities', 'sharing-groups', 'collections', 'feeds', 'peers', 'audit'];

describe('administration by names in Chromium', { skip: BROWSER_SKIP, timeout: 300_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let admin: Person;
  let orgAdmin: Person;
  let circl = '';
  let bund = '';

  before(async () => {
    node = await startUiNode();
    admin = await buildPerson(node.services, { org: node.org, roles: ['admin'] });
    circl = (await node.services.orgs.addOrg(CLI, { name: 'CIRCL', country: 'LU' })).id;
    bund = (await node.services.orgs.addOrg(CLI, { name: 'CERT-Bund', country: 'DE' })).id;
    orgAdmin = await buildPerson(node.services, { org: await node.services.orgs.getOrg(CLI, circl), roles: ['org-admin'] });
    await node.load([ACME, ...[1, 2].map((n) => buildIndicator({ name: `Named ${n}`, ...green }))]);
    await node.services.collections.add(CLI, { title: 'Shared', alias: 'shared', types: ['indicator'], read: ['*'] });
    // Enough entries that the log has older pages to load (100 a page).
    for (let i = 0; i < 130; i++) await node.services.audit.record({ action: 'test.bulk', actor: 'system:job', details: { i } });
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(15_000);
    errors = consoleErrors(page);
    await signIn(page, node.url, admin);
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
  });

  const form = (name: string, p: Page = page): Locator => p.getByRole('form', { name });
  const row = (table: string, text: string | RegExp): Locator =>
    page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
  const button = (name: string, scope: Page | Locator = page): Locator => scope.getByRole('button', { name, exact: true });
  async function pick(scope: Locator, label: string, typed: string, option: RegExp): Promise<void> {
    await scope.getByLabel(label, { exact: true }).fill(typed);
    await scope.page().getByRole('option', { name: option }).first().click();
  }
  /** Waits for the query to hold `part` (the app navigates with the history API: no load event). */
  const urlHas = (part: string) => page.waitForFunction((p) => window.location.search.includes(p), part);
  /** Inputs in administration that show, ask for or hold an `identity--` id. */
  const idInputs = (p: Page): Promise<string[]> =>
    p.$$eval('input, textarea', (els) =>
      els
        .filter((e) => {
          const i = e as HTMLInputElement;
          const label = [...(i.labels ?? [])].map((l) => l.textContent ?? '').join(' ');
          return /identity--/.test(`${i.placeholder} ${i.value} ${label} ${i.getAttribute('aria-label') ?? ''}`);
        })
        .map((e) => e.outerHTML),
    );

  test('a collection is limited to creators picked by name, organisations and identities held', async () => {
    await page.goto(`${node.url}/admin/collections`);
    const add = form('Add collection');
    await add.getByLabel('Title').fill('By partners');
    await add.getByLabel('Object types').fill('indicator');
    // Organisations are found by country too, and show it.
    await add.getByLabel('Created by', { exact: true }).fill('LU');
    const options = await page.getByRole('option').allInnerTexts();
    assert.ok(
      options.some((o) => o.includes('CIRCL') && o.includes('LU')),
      options.join(' | '),
    );
    await page.getByRole('option', { name: /^CIRCL \(LU\)/ }).click();
    await pick(add, 'Created by', 'acme', /^ACME Threat Research/);
    await add.getByRole('list', { name: 'Created by: chosen' }).getByText('ACME Threat Research').waitFor();
    await add.getByLabel('every signed-in user').check();
    await shot(page, '21-admin-collection-picker');
    await button('Add collection', add).click();
    const r = row('TAXII collections', 'By partners');
    await r.getByText('CIRCL (LU)').waitFor();
    await r.getByText('ACME Threat Research').waitFor();
    assert.equal(await r.getByText('CIRCL (LU)').getAttribute('title'), circl, 'the id is on hover');
    const saved = (await node.services.collections.list(CLI)).find((c) => c.title === 'By partners');
    assert.deepEqual(saved?.query.createdByRefs, [circl, ACME.id]);
  });

  test("a peer's organisations are picked by name and listed by name", async () => {
    await page.goto(`${node.url}/admin/peers`);
    await button('Add a peer…').click();
    const add = form('Add peer');
    await add.getByLabel('Name', { exact: true }).fill('cert-bund');
    await add.getByLabel('Peer URL').fill('https://cert-bund.example');
    const { generateNodeKey } = await import('../src/domain/federation/keys.ts');
    await add.getByLabel('Peer public key').fill(generateNodeKey().publicKey);
    await pick(add, 'Organisations', 'bund', /^CERT-Bund \(DE\)/);
    await add.getByRole('group', { name: 'Communities', exact: true }).getByLabel('European Union').check();
    await shot(page, '21-admin-peer-picker');
    await button('Add peer', add).click();
    await add.waitFor({ state: 'detached' });
    const r = row('Peers', 'cert-bund');
    await r.getByText('CERT-Bund (DE)').waitFor();
    await r.getByText('community European Union').waitFor();
    const [peer] = (await node.api({ method: 'GET', url: '/api/v1/peers' })).json<{ peers: { orgs: string[]; communities: string[] }[] }>()
      .peers;
    assert.deepEqual([peer?.orgs, peer?.communities], [[bund], ['eu']]);
  });

  test('no form in administration asks for an identity id', async () => {
    for (const section of SECTIONS) {
      await page.goto(`${node.url}/admin/${section}`);
      await page.getByRole('table').first().waitFor();
      for (const open of ['Add a peer…', 'Edit cert-bund', 'Edit By partners', 'Edit European Union'])
        if (await button(open).isVisible()) await button(open).click();
      assert.deepEqual(await idInputs(page), [], `/admin/${section}`);
    }
  });

  test('a feed is added with a name, listed and pulled by it, and its pull is in the audit log', async () => {
    const token = (await node.services.users.createToken(CLI, { userId: admin.user.id, name: 'own feed', scope: 'read' })).secret;
    await page.goto(`${node.url}/admin/feeds`);
    const add = form('Add feed');
    await add.getByLabel('Name', { exact: true }).fill('Own TAXII');
    await add.getByLabel('TAXII URL').fill(`${node.url}/taxii2/`);
    await add.getByLabel('Collection (id or alias)').fill('shared');
    await add.getByLabel('Token').fill(token);
    await add.getByLabel('Distribution of unmarked objects').selectOption({ label: 'community European Union' });
    await button('Add feed', add).click();
    const feed = row('TAXII feeds', 'Own TAXII');
    await feed.getByText('never pulled').waitFor();
    await button('Pull Own TAXII now').click();
    assert.match(await page.getByTestId('feed-pulled').innerText(), /^Pulled feed Own TAXII: ok/);
    await button('Rename Own TAXII').click();
    await form('Rename Own TAXII').getByLabel('Name', { exact: true }).fill('Own TAXII server');
    await button('Save name').click();
    await row('TAXII feeds', 'Own TAXII server').waitFor();
    await shot(page, '21-admin-feeds-named');
    const upload = await node.api({
      method: 'POST',
      url: '/api/v1/imports?filename=cert-bundle.json',
      payload: JSON.stringify(bundle([buildIndicator({ name: 'uploaded', ...green })])),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(upload.statusCode, 202);
    await node.services.imports.idle();
  });

  test('the audit log narrows by what, who, words and dates, keeps them in the URL, and loads older pages', async () => {
    await page.goto(`${node.url}/admin/audit`);
    const table = page.getByRole('table', { name: 'Audit log' });
    await page
      .getByTestId('audit-count')
      .getByText(/^100 entries shown; older ones follow/)
      .waitFor();
    await button('Load more').click();
    await page
      .getByTestId('audit-count')
      // "100 entries shown" is the text before the click: wait for the longer list.
      .getByText(/^(?!100 )\d{3} entries shown/)
      .waitFor();
    const loaded = await table.locator('tbody tr').count();
    assert.ok(loaded > 100, `${loaded} rows after loading more`);

    const filters = page.getByRole('form', { name: 'Audit filters' });
    await filters.getByLabel('What').selectOption('feed.pull');
    await button('Filter', filters).click();
    await urlHas('action=feed.pull');
    await table.getByText('feed Own TAXII server').first().waitFor();
    assert.deepEqual([...new Set(await table.locator('tbody tr td:nth-child(4)').allInnerTexts())], ['feed.pull']);
    await table
      .getByText(/outcome ok/)
      .first()
      .waitFor();

    await button('Clear', filters).click();
    await filters.getByLabel('Search details').fill('cert-bundle.json');
    await button('Filter', filters).click();
    await urlHas('q=cert-bundle.json');
    await table.locator('tbody tr').filter({ hasText: 'import' }).first().waitFor();
    assert.equal(await table.locator('tbody tr').count(), 1);

    await filters.getByLabel('Search details').fill('');
    await filters.getByLabel('Who').fill('system:job');
    await filters.getByLabel('From').fill('2000-01-01');
    await filters.getByLabel('To').fill('2000-01-02');
    await button('Filter', filters).click();
    await table.getByText('None.').waitFor();
    // The URL holds the filters: going back shows the previous list, a reload keeps this one.
    await page.reload();
    assert.equal(await page.getByRole('form', { name: 'Audit filters' }).getByLabel('From').inputValue(), '2000-01-01');
    await page.goBack();
    await urlHas('q=cert-bundle.json');
    await table.getByText('import', { exact: true }).waitFor();
    await page.goto(`${node.url}/admin/audit?actor=system:job&action=test.bulk`);
    await page
      .getByTestId('audit-count')
      .getByText(/^100 entries shown \(filtered\); older ones follow/)
      .waitFor();
    await shot(page, '21-admin-audit-filtered');
  });

  test('every tab at 1280, 1440 and 1920 pixels: nothing overflows', async () => {
    for (const width of [1280, 1440, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      for (const section of SECTIONS) {
        await page.goto(`${node.url}/admin/${section}`);
        await page.getByRole('table').first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `/admin/${section} at ${width}px overflows by ${overflow}px`);
        await shot(page, `21-admin-${section}-${width}`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  test('an organisation administrator picks organisations by name too', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);
    const theirs = consoleErrors(p);
    await signIn(p, node.url, orgAdmin);
    await p.goto(`${node.url}/admin/sharing-groups`);
    const add = form('Add sharing group', p);
    await add.getByLabel('Name', { exact: true }).fill('Benelux');
    await add.getByLabel('Members besides the owner', { exact: true }).fill('DE');
    await p.getByRole('option', { name: /^CERT-Bund \(DE\)/ }).click();
    await button('Add sharing group', add).click();
    await p
      .getByRole('table', { name: 'Sharing groups' })
      .getByRole('row')
      .filter({ hasText: 'Benelux' })
      .getByText('CERT-Bund (DE)')
      .waitFor();
    await p.goto(`${node.url}/admin/users`);
    const user = form('Add user', p);
    await user.getByRole('list', { name: 'Organisation: chosen' }).getByText('CIRCL (LU)').waitFor();
    assert.deepEqual(await idInputs(p), []);
    await shot(p, '21-admin-org-admin-users');
    await p.goto(`${node.url}/admin/audit`);
    await p.getByText('Node administrators only.').waitFor();
    assert.deepEqual(theirs, []);
    await context.close();
  });

  test('no error in the browser console', () => {
    assert.deepEqual(errors, []);
  });
});
