// Collective-threat alerts in Chromium (issue 17, musts 4 and 7): a community's coordinator writes
// a rule (a rule with N = 1 is refused next to its field); organisations of three countries sight
// the same indicator through the sighting API, and the alert appears on the open alerts screen and
// on an open dashboard without a reload, highlighted and announced; the alert page shows the map,
// the series and the sightings; a viewer reads the rules but cannot change them; the coordinator
// disables the rule. Nothing overflows from 1280 to 2560 px. Everything goes through the real API.
// Screenshots: test-results/70-alerts-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CLI } from '../src/domain/identity/principal.ts';
import { BROWSER_SKIP, consoleErrors, fieldError, launch, shotsAtWidths, signIn, startUiNode, type UiNode } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';

const COMMUNITY = { id: 'cert-net', name: 'CERT network' };
const RULE = 'Same indicator in two countries';
const HOUR = 3_600_000;
const ago = (hours: number): string => new Date(Date.now() - hours * HOUR).toISOString();

/** Screenshots at the usual widths (shotsAtWidths), and no sideways overflow up to 2560 px. */
async function shotsUpTo2560(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 2560, height: 1200 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${name}: nothing overflows the window at 2560 px (${overflow} px)`);
  await shotsAtWidths(page, name);
}

describe('collective alerts in Chromium', { skip: BROWSER_SKIP, timeout: 240_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let coordinator: Person;
  let estonia: Person;
  let germany: Person;
  let viewer: Person;
  let indicatorId = '';
  const pages: { page: Page; errors: string[] }[] = [];

  /** Calls the API as `who`, as the screens and the command line do. */
  async function post(who: Person, url: string, payload: Record<string, unknown>): Promise<Record<string, unknown>> {
    const res = await node.app.inject({ method: 'POST', url, headers: who.auth, payload });
    assert.ok(res.statusCode === 200 || res.statusCode === 201, `POST ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  }

  /** A signed-in page for `person` at `path`; with `stream`, once the alert stream is open. */
  async function open(person: Person, path: string, stream = false): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(15_000);
    pages.push({ page, errors: consoleErrors(page) });
    await signIn(page, node.url, person);
    const streaming = stream ? page.waitForResponse((r) => r.url().includes('/api/v1/alerts/stream') && r.status() === 200) : undefined;
    await page.goto(`${node.url}${path}`);
    await page.getByTestId('who').waitFor();
    await streaming;
    return page;
  }

  before(async () => {
    node = await startUiNode();
    await node.services.orgs.addCommunity(CLI, { ...COMMUNITY, description: 'National CSIRTs' });
    const member = { communities: [COMMUNITY.id] };
    coordinator = await buildPerson(node.services, { orgName: 'CERT-FR', country: 'FR', roles: ['coordinator'], ...member });
    estonia = await buildPerson(node.services, { orgName: 'CERT-EE', country: 'EE', roles: ['analyst'], ...member });
    germany = await buildPerson(node.services, { orgName: 'CERT-Bund', country: 'DE', roles: ['analyst'], ...member });
    viewer = await buildPerson(node.services, { org: coordinator.org, roles: ['viewer'] });
    // The indicator the community shares, written by one of its analysts.
    const created = await post(estonia, '/api/v1/objects', {
      object: {
        type: 'indicator',
        name: 'Sandworm relay 5.252.178.21',
        pattern: "[ipv4-addr:value = '5.252.178.21']",
        pattern_type: 'stix',
        valid_from: ago(48),
      },
      tlp: 'green',
      distribution: `community:${COMMUNITY.id}`,
    });
    indicatorId = String((created['object'] as { id?: string } | undefined)?.id ?? created['id']);
    assert.match(indicatorId, /^indicator--/);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
    for (const { errors } of pages) assert.deepEqual(errors, [], 'no console errors');
  });

  test('a coordinator writes a rule; N = 1 is refused next to its field', async () => {
    const page = await open(coordinator, '/alerts/rules');
    await page.getByTestId('add-rule').click();
    const form = page.getByRole('form', { name: 'Add a rule' });
    await form.getByLabel('Name', { exact: true }).fill(RULE);
    // The coordinator's organisation is in one community: it is chosen already, by name.
    await form.getByRole('list', { name: 'Community: chosen' }).getByText(COMMUNITY.name).waitFor();
    await form.getByLabel('The same observable value (whichever objects carry it)').uncheck();
    await form.getByLabel('Organisations (N)').fill('1');
    await form.getByLabel('Countries (K)').fill('2');
    await form.getByLabel('Window (hours)').fill('24');
    await form.getByRole('button', { name: 'Add rule' }).click();
    assert.match(await fieldError(form.getByLabel('Organisations (N)')), /at least 2/i);
    await shotsAtWidths(page, '70-alerts-rule-error');

    await form.getByLabel('Organisations (N)').fill('3');
    await form.getByRole('button', { name: 'Add rule' }).click();
    await form.waitFor({ state: 'detached' });
    const row = page.getByTestId('rule-row').filter({ hasText: RULE });
    await row.waitFor();
    assert.match(await row.innerText(), /3 organisations in 2 countries within 24 hours/);
    assert.match(await row.innerText(), new RegExp(COMMUNITY.name));
    await shotsUpTo2560(page, '70-alerts-rules');
  });

  test('sightings by three countries raise the alert live on the alerts screen and the dashboard', async () => {
    const list = await open(coordinator, '/alerts', true);
    const dashboard = await open(viewer, '/', true);
    await list.getByTestId('alerts-empty').waitFor();
    const sight = (who: Person, hoursAgo: number) =>
      post(who, '/api/v1/sightings', {
        of: indicatorId,
        firstSeen: ago(hoursAgo),
        lastSeen: ago(hoursAgo - 1),
        count: 2,
        // Shared with the community, so that every member reads every sighting of the alert.
        tlp: 'green',
        distribution: `community:${COMMUNITY.id}`,
      });
    await sight(estonia, 5);
    await sight(germany, 3);
    await sight(coordinator, 2);

    // On the open list, without a reload: highlighted as new, and announced.
    const row = list.getByTestId('alert-row').filter({ hasText: 'Sandworm relay' });
    await row.waitFor({ timeout: 20_000 });
    assert.match(await row.getByTestId('fresh-badge').innerText(), /^new$/i);
    assert.match(await row.innerText(), new RegExp(RULE));
    assert.equal(await row.getByTestId('alert-orgs').innerText(), '3');
    const countries = await row.getByTestId('alert-countries').innerText();
    for (const name of ['France (FR)', 'Estonia (EE)', 'Germany (DE)']) assert.ok(countries.includes(name), `${name} in ${countries}`);
    assert.match(await list.getByTestId('alerts-announcement').innerText(), new RegExp(`New collective alert: ${RULE}`));
    await shotsUpTo2560(list, '70-alerts-list');

    // On the open dashboard too.
    const latest = dashboard.getByTestId('dash-alerts').getByRole('link', { name: /Sandworm relay/ });
    await latest.waitFor({ timeout: 20_000 });
    assert.equal(await dashboard.getByTestId('alerts-total').innerText(), '1');
    await shotsUpTo2560(dashboard, '70-alerts-dashboard');

    // One more sighting grows the same alert: updated in place, never a second row.
    await sight(germany, 1);
    await row.getByTestId('alert-sightings').filter({ hasText: /^4$/ }).waitFor({ timeout: 20_000 });
    assert.equal(await list.getByTestId('alert-row').count(), 1);
    assert.match(await list.getByTestId('alerts-announcement').innerText(), new RegExp(`Alert updated: ${RULE}`));
  });

  test('the alert page shows the map, the series and the sightings', async () => {
    const page = await open(coordinator, '/alerts');
    await page
      .getByTestId('alert-row')
      .getByRole('link', { name: /Sandworm relay/ })
      .click();
    await page.getByTestId('alert-facts').waitFor();
    assert.equal(await page.getByTestId('alert-facts').getByTestId('alert-orgs').innerText(), '3');
    // Where: a country per sighter, each in the table beside the map, the legend from 1 up.
    const places = page.getByTestId('alert-places');
    for (const country of ['FR', 'EE', 'DE']) await places.locator(`tr[data-country="${country}"]`).waitFor();
    assert.equal(await page.getByTestId('alert-map').getByTestId('legend-min').innerText(), '1');
    assert.equal((await page.locator('[data-testid="alert-map"] path.country.hit[data-country="EE"]').count()) > 0, true);
    // When: the series.
    await page.getByTestId('alert-chart').getByRole('img').waitFor();
    // What: the sighted indicator, linking to its page, and the four sightings.
    const sighted = page.getByTestId('alert-objects').getByRole('link', { name: 'Sandworm relay 5.252.178.21' });
    assert.equal(await sighted.getAttribute('href'), `/objects/${indicatorId}`);
    const sightings = page.getByTestId('alert-sighting');
    await sightings.nth(3).waitFor();
    assert.equal(await sightings.count(), 4);
    assert.ok((await page.getByTestId('marking-banner-top').innerText()).includes('TLP:'), 'the banner names a TLP');
    await shotsUpTo2560(page, '70-alerts-page');

    // The alert is a STIX object too: its object page leads back here.
    const alertId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1) ?? '');
    await page.goto(`${node.url}/objects/${encodeURIComponent(alertId)}`);
    await page.getByTestId('alert-page-link').click();
    await page.getByTestId('alert-facts').waitFor();
  });

  test('a viewer reads the rules but cannot change them', async () => {
    const page = await open(viewer, '/alerts/rules');
    await page.getByTestId('rule-row').filter({ hasText: RULE }).waitFor();
    assert.equal(await page.getByTestId('add-rule').count(), 0, 'no "Add a rule"');
    assert.equal(await page.getByRole('button', { name: `Edit ${RULE}` }).count(), 0, 'no Edit');
    assert.equal(await page.getByRole('button', { name: `Disable ${RULE}` }).count(), 0, 'no Disable');
    await shotsAtWidths(page, '70-alerts-rules-viewer');
  });

  test('the coordinator disables the rule, after a confirmation', async () => {
    const page = await open(coordinator, '/alerts/rules');
    const row = page.getByTestId('rule-row').filter({ hasText: RULE });
    await row.getByRole('button', { name: `Disable ${RULE}` }).click();
    await row
      .getByRole('group', { name: `Disable ${RULE}` })
      .getByRole('button', { name: 'Disable' })
      .click();
    await row.getByTestId('rule-state').filter({ hasText: 'disabled' }).waitFor();
    assert.equal(await row.getByRole('button', { name: `Enable ${RULE}` }).count(), 1);
  });
});
