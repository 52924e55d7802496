// The web UI in a real browser (issue 6, item 6): sign in, dashboard with data and a live update,
// import a bundle, search, open an object, its graph, administration; keyboard and labels; the
// layout at 1280 and 1920 pixels; no error in the browser console. Screenshots of each screen
// go to test-results/ on every run.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { BROWSER_SKIP, consoleErrors, launch, shot, startUiNode, type UiNode } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, buildMalware, buildRelationship, bundle } from './helpers/stix.ts';

const green = { object_marking_refs: [TLP2_MARKING_IDS.green] };
const amber = { object_marking_refs: [TLP2_MARKING_IDS.amber] };
const madeNow = (): { created: string; modified: string } => {
  const now = new Date().toISOString();
  return { created: now, modified: now };
};

describe('web UI in Chromium', { skip: BROWSER_SKIP, timeout: 120_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let admin: Person;
  const malware = buildMalware({ name: 'BlackEnergy', ...amber });
  const indicators = [1, 2, 3].map((n) =>
    buildIndicator({ name: `Substation beacon ${n}`, pattern: `[ipv4-addr:value = '203.0.113.${n}']`, ...green }),
  );
  const intrusionSet = {
    type: 'intrusion-set',
    spec_version: '2.1',
    id: 'intrusion-set--7c1f6c3e-2b5d-4f0a-9d8e-3a1b2c4d5e6f',
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: 'Sandworm Team',
    ...green,
  };

  before(async () => {
    node = await startUiNode();
    admin = await buildPerson(node.services, { org: node.org, roles: ['admin'] });
    await node.load([
      malware,
      intrusionSet,
      ...indicators,
      // Made now: the dashboard's "most active" counts what was made in its period (issue 15, must 7).
      ...indicators.map((i) => buildRelationship(i, 'indicates', malware, { ...green, ...madeNow() })),
      buildRelationship(intrusionSet, 'uses', malware, { ...green, ...madeNow() }),
    ]);
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // Each step waits at most 10 s: the whole file must stay well under two minutes.
    page.setDefaultTimeout(10_000);
    errors = consoleErrors(page);
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
  });

  const total = async (): Promise<number> => Number((await page.getByTestId('total-count').textContent())?.replaceAll(',', ''));

  test('signs in with the session login', async () => {
    await page.goto(node.url);
    await page.getByLabel('User name').waitFor();
    await shot(page, '01-sign-in');
    await page.getByLabel('User name').fill(admin.user.username);
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    await page.getByLabel('Password').fill(admin.password);
    await page.getByLabel('Password').press('Enter');
    await page.getByTestId('who').waitFor();
    assert.match(await page.getByTestId('who').innerText(), new RegExp(admin.user.username));
    // The failed attempt above answered 401, which Chromium logs; it is the point of that step.
    errors.length = 0;
  });

  test('shows the dashboard with data and updates it live', async () => {
    await page.getByTestId('total-count').waitFor();
    // The dashboard's own stream (panels have theirs: alerts, assistance).
    await page.getByTestId('live').getByText('Live', { exact: true }).waitFor();
    const before = await total();
    assert.ok(before >= 9, `the seeded objects are counted (${before})`);
    assert.match(await page.getByTestId('top-threats').innerText(), /BlackEnergy/);
    assert.ok((await page.locator('[data-testid=map] path.country').count()) > 150, 'the bundled country shapes are drawn');
    // BlackEnergy (AMBER) is among the most active: the banner shows the most restrictive TLP.
    assert.equal(await page.getByTestId('marking-banner-top').locator('[data-tlp]').getAttribute('data-tlp'), 'amber');
    await shot(page, '02-dashboard');
    // Imported in the background while the page stays open: the count changes without a reload.
    await node.load([buildIndicator({ name: 'Live update', ...green }), buildIndicator({ name: 'Live update 2', ...green })]);
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid=total-count]')?.textContent?.replaceAll(',', '')) === n + 2,
      before,
      { timeout: 15_000 },
    );
    await page.getByText(/2 new since opened/).waitFor();
    await shot(page, '03-dashboard-live');
  });

  test('imports a bundle, shows progress, the summary and the quarantine with retry', async () => {
    await page.getByRole('link', { name: 'Import' }).click();
    // The organisation's defaults are named before anything is uploaded, and a choice renames them.
    const applies = page.getByTestId('import-applies');
    await applies.getByText('TLP:AMBER, your organisation only').waitFor();
    await page.getByLabel('TLP for objects without one').selectOption('green');
    await applies.getByText('TLP:GREEN, your organisation only').waitFor();
    assert.ok(
      (await page.getByLabel('Distribution for objects without one').locator('option').allInnerTexts()).includes(
        'the federation (every peer node)',
      ),
    );
    const upload = bundle([
      buildIndicator({ name: 'Uploaded through the browser', ...green }),
      buildIndicator({ name: 'Broken', pattern: "[ipv4-addr:value = '" }),
    ]);
    await page
      .getByLabel('Bundle (JSON, any size)')
      .setInputFiles({ name: 'cert-alert.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(upload)) });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.locator('[data-testid=import-job][data-state=done]').waitFor();
    assert.equal(await page.getByTestId('accepted').innerText(), '1');
    assert.equal(await page.getByTestId('quarantined').innerText(), '1');
    await page.getByTestId('import-job').getByText('2 objects read').waitFor();
    // Recent imports say which file, who uploaded it and how it ended.
    const recent = page.getByTestId('recent-import').filter({ hasText: 'cert-alert.json' });
    await recent.waitFor();
    assert.equal(await recent.getByTestId('recent-uploader').innerText(), admin.user.username);
    assert.equal(await recent.getByTestId('recent-outcome').innerText(), '1 accepted, 0 unchanged, 1 quarantined');
    // The quarantine reads as a table: reason, object, JSON path and message, no JSON block to open.
    const quarantine = page.getByTestId('quarantine');
    await quarantine.getByText('STIX_INVALID').first().waitFor();
    const broken = quarantine.getByTestId('quarantine-row').filter({ has: page.getByText('$.pattern', { exact: true }) });
    assert.match(await broken.getByTestId('quarantine-message').innerText(), /column \d+/);
    await shot(page, '04-import');
    await quarantine.getByRole('button', { name: 'Retry' }).first().click();
    await quarantine.getByText(/: quarantined$/).waitFor();
  });

  test('searches with filters and opens an object with its marking banner', async () => {
    await page.getByRole('link', { name: 'Explorer' }).click();
    await page.getByLabel('Text').fill('substation beacon');
    await page.getByLabel('Type').selectOption('indicator');
    await page.getByLabel('TLP').selectOption('green');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('result-count').getByText('3 results').waitFor();
    await shot(page, '05-search');
    await page.getByRole('link', { name: 'Substation beacon 2' }).click();
    await page.getByTestId('object-title').getByText('Substation beacon 2').waitFor();
    for (const position of ['top', 'bottom']) {
      const tlp = page.getByTestId(`marking-banner-${position}`).locator('[data-tlp]');
      await tlp.waitFor();
      assert.equal(await tlp.innerText(), 'TLP:GREEN');
      assert.equal(await tlp.evaluate((el) => getComputedStyle(el).color), 'rgb(51, 255, 0)');
    }
    await page.getByRole('tab', { name: 'Relationships' }).click();
    await page.getByRole('link', { name: 'BlackEnergy' }).waitFor();
    // BlackEnergy is AMBER: with it on screen, the banner shows the most restrictive TLP.
    await page.getByTestId('marking-banner-top').getByText('TLP:AMBER').waitFor();
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('tab', { name: 'Raw JSON' }).click();
    assert.match(await page.getByTestId('raw-json').innerText(), /"pattern"/);
    await shot(page, '06-object');
  });

  test('opens the graph and expands it node by node, by keyboard', async () => {
    await page.getByRole('link', { name: 'Graph' }).click();
    const nodes = page.locator('[data-node-id]');
    await page.locator(`[data-node-id="${malware.id}"]`).waitFor();
    const first = await nodes.count();
    const malwareNode = page.locator(`[data-node-id="${malware.id}"]`);
    await malwareNode.focus();
    await page.keyboard.press('Enter');
    await page.locator(`[data-node-id="${intrusionSet.id}"]`).waitFor();
    assert.ok((await nodes.count()) > first, 'expanding a node adds its neighbours');
    await shot(page, '07-graph');
  });

  test('administration lists, the audit log verification and peers', async () => {
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('table', { name: 'Organisations' }).waitFor();
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('table', { name: 'Users' }).getByText(admin.user.username).first().waitFor();
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('button', { name: 'Verify the hash chain' }).click();
    assert.match(await page.getByTestId('audit-verify').innerText(), /Chain intact/);
    await shot(page, '08-admin-audit');
    await page.getByRole('link', { name: 'Peers' }).click();
    // Federation (issue 5) may or may not be present: either its peers or "no peers configured".
    await page
      .getByRole('table', { name: 'Peers' })
      .or(page.getByText(/No peers configured/))
      .first()
      .waitFor();
    await shot(page, '09-admin-peers');
  });

  test('keyboard: every field is labelled, focus is visible, tab order follows the page', async () => {
    await page.goto(`${node.url}/explore`);
    await page.getByRole('search').waitFor();
    const unlabelled = await page.$$eval('input, select, textarea', (els) =>
      els.filter((e) => (e as HTMLInputElement).labels?.length === 0 && !e.getAttribute('aria-label')).map((e) => e.outerHTML),
    );
    assert.deepEqual(unlabelled, []);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    const order: string[] = [];
    for (let i = 0; i < 11; i++) {
      await page.keyboard.press('Tab');
      // An icon button (the notification bell) is named by its aria-label.
      order.push(
        await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? ''),
      );
    }
    // "New" is offered to writers only (issue 15, must 4); this administrator is one.
    assert.deepEqual(order, [
      'Dashboard',
      'Explorer',
      'Incidents',
      'Alerts',
      'Assistance',
      'Lookup',
      'Import',
      'Administration',
      'New',
      'Notifications',
      'Sign out',
    ]);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    assert.notEqual(outline, 'none', 'the focused control shows a focus ring');
  });

  test("dates are ISO 8601 and day fields take yyyy-mm-dd, not the browser's locale", async () => {
    await page.goto(`${node.url}/explore`);
    const from = page.getByLabel('Stored from');
    await page.getByLabel('Text').fill('Sandworm');
    // en-US would read this as 2 January; the field refuses it rather than guess.
    await from.fill('01/02/2020');
    assert.equal(await from.evaluate((el) => (el as HTMLInputElement).validity.valid), false);
    await from.fill('2020-01-02');
    await page.getByLabel('Stored before').fill('2999-12-31');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/added_after=2020-01-02T00%3A00%3A00Z/);
    await page.getByTestId('result-count').getByText('1 result').waitFor();
    // Sandworm Team's `modified`, in UTC with its zone.
    await page.getByText('2024-01-01 00:00 UTC', { exact: true }).waitFor();
  });

  test('the layout holds at 1280 and 1920 pixels wide', async () => {
    for (const width of [1280, 1920]) {
      await page.setViewportSize({ width, height: 1000 });
      for (const path of ['/', '/explore', '/import']) {
        await page.goto(`${node.url}${path}`);
        await page.locator('main').waitFor();
        await page.waitForLoadState('networkidle').catch(() => {});
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${path} at ${width}px overflows by ${overflow}px`);
      }
      await page.goto(node.url);
      await page.getByTestId('total-count').waitFor();
      await shot(page, `10-dashboard-${width}`);
    }
  });

  test('no error in the browser console', () => {
    assert.deepEqual(errors, []);
  });
});
