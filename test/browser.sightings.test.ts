// Sightings, correlation and decay in a real browser (issue 17, musts 1–3, 5–7), against the
// real API: an analyst records a sighting from an indicator's page with one click and sees it in
// the sightings panel (the score rising with it), then a false positive and an anonymous one
// from the details form, whose bad count is named next to its field; an analyst of a partner
// organisation sees "undisclosed" where the sighting does not name its organisation; the
// address's own page counts the sightings of the indicators holding it; a lookup
// shows per match its sightings, "also seen in" and score, flags a value on a warninglist and
// records a sighting from the result; a node administrator saves a decay model and is shown a
// bad one next to its cell. Screenshots at 1280, 1440 and 1920 px go to test-results/60-*.png,
// and nothing is wider than the window up to 2560 px.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { CLI } from '../src/domain/identity/principal.ts';
import {
  BROWSER_SKIP,
  fieldError,
  launch,
  shotsAtWidths,
  startUiNode,
  type UiNode,
  openSession,
  type WatchedPage,
} from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { sharedPath, skipUnlessShared } from './helpers/shared.ts';
import { buildIndicator, buildSco, bundle } from './helpers/stix.ts';

const WARNINGLISTS = sharedPath('data', 'misp-warninglists', 'lists');

describe('sightings, correlation and decay in Chromium', { skip: BROWSER_SKIP || skipUnlessShared(WARNINGLISTS), timeout: 300_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let ours: Person, partner: Person, admin: Person;
  const pages: WatchedPage[] = [];
  // Valid for years already: by age alone its score has decayed to 0 (IPv4 addresses: 60 days).
  const c2 = buildIndicator({ name: 'Grid C2 address', pattern: "[ipv4-addr:value = '91.243.44.21']" });
  const beacon = buildIndicator({
    name: 'Substation beacon',
    pattern: "[ipv4-addr:value = '91.243.44.21'] AND [domain-name:value = 'grid-update.biz']",
  });
  const address = buildSco('ipv4-addr', { value: '91.243.44.21' });
  const resolver = buildIndicator({ name: 'Resolver abuse', pattern: "[ipv4-addr:value = '8.8.8.8']" });

  before(async () => {
    node = await startUiNode({ CONCORD_WARNINGLISTS_DIR: WARNINGLISTS });
    // Sightings go to the federation at TLP:GREEN, so that the partner reads them.
    const grid = await node.services.orgs.addOrg(CLI, {
      name: 'Grid CERT',
      country: 'DE',
      defaultTlp: 'green',
      defaultDistribution: 'federation',
    });
    ours = await buildPerson(node.services, { org: grid });
    partner = await buildPerson(node.services, { orgName: 'Baltic CERT', country: 'EE' });
    admin = await buildPerson(node.services, { org: node.org, roles: ['admin'] });
    const summary = await node.services.ingest.importStream([Buffer.from(JSON.stringify(bundle([c2, beacon, resolver, address])))], {
      source: 'test:sightings',
      owner: { orgId: node.org.id, tlp: 'green', distribution: { kind: 'federation' }, actor: 'system:test' },
    });
    assert.equal(summary.quarantined, 0, JSON.stringify(summary));
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
    for (const { errors } of pages) assert.deepEqual(errors, [], 'no console errors');
  });

  const session = (person: Person, expected: RegExp[] = []): Promise<Page> =>
    openSession(browser, node.url, person, pages, { expected, timeout: 15_000 });

  /** Screenshots at 1280–1920 px (shotsAtWidths), and nothing wider than a 2560 px window either. */
  async function shots(page: Page, name: string): Promise<void> {
    await shotsAtWidths(page, name);
    await page.setViewportSize({ width: 2560, height: 1200 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${name}: nothing overflows the window at 2560 px (${overflow} px)`);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  const panel = (page: Page): Locator => page.getByTestId('sightings-panel');
  const visit = async (page: Page, id: string): Promise<void> => {
    await page.goto(`${node.url}/objects/${encodeURIComponent(id)}`);
    await page.getByTestId('object-title').waitFor();
  };
  const score = async (page: Page): Promise<number> =>
    Number(await page.getByTestId('score-panel').getByTestId('decay-score').getAttribute('data-score'));

  let page: Page;

  test('one click on "We saw this" records a sighting, shown in the panel; the score rises', async () => {
    page = await session(ours);
    await visit(page, c2.id);
    await panel(page).getByTestId('sightings-none').waitFor();
    await page.getByTestId('score-panel').getByTestId('decay-score').waitFor();
    assert.equal(await score(page), 0, 'years past its lifetime, the score has decayed to 0');
    await panel(page).getByRole('button', { name: 'We saw this: Grid C2 address' }).click();
    await panel(page).getByRole('status').filter({ hasText: 'Sighting recorded.' }).waitFor();
    await panel(page).getByTestId('sightings-total').filter({ hasText: /^1$/ }).waitFor();
    assert.match(await panel(page).getByTestId('sightings-by-org').innerText(), /Grid CERT\s+1/);
    assert.match(await panel(page).getByRole('table', { name: 'Sightings by country, table' }).innerText(), /Germany \(DE\)\s+1/);
    assert.match(await panel(page).getByTestId('recent-sightings').locator('tbody tr').first().innerText(), /sighting\s+1\s+Grid CERT/);
    await page.getByTestId('score-panel').getByTestId('decay-score').and(page.locator(':not([data-score="0"])')).waitFor();
    assert.ok((await score(page)) > 0, 'a recent true sighting raises the score');
    // Why: the reasons, one line per term, behind "Why".
    await page.getByTestId('score-panel').getByText('Why').click();
    assert.ok((await page.getByRole('list', { name: 'Why this score' }).locator('li').count()) > 1);
  });

  test('the details form names a bad count next to its field, then records an anonymous sighting and a false positive', async () => {
    await panel(page).getByRole('button', { name: 'Details… of a sighting of Grid C2 address' }).click();
    const d = page.getByRole('dialog', { name: 'We saw Grid C2 address' });
    assert.equal(await d.getByLabel('Partners learn').inputValue(), 'organization', "the organisation's default");
    await d.getByLabel('Count').fill('0');
    await d.getByRole('button', { name: 'Record sighting' }).click();
    assert.match(await fieldError(d.getByLabel('Count')), /count must be a whole number from 1/);
    await d.getByLabel('Count').fill('2');
    await d.getByLabel('Partners learn').selectOption('anonymous');
    await shots(page, '60-sightings-form');
    await d.getByRole('button', { name: 'Record sighting' }).click();
    await panel(page).getByRole('status').filter({ hasText: 'Sighting recorded.' }).waitFor();
    await panel(page).getByTestId('sightings-total').filter({ hasText: /^3$/ }).waitFor();

    await panel(page).getByRole('button', { name: 'Details… of a sighting of Grid C2 address' }).click();
    await d.getByLabel('Type').selectOption('false-positive');
    await d.getByRole('button', { name: 'Record sighting' }).click();
    await panel(page).getByRole('status').filter({ hasText: 'False positive recorded.' }).waitFor();
    await panel(page).getByTestId('sightings-false-positives').filter({ hasText: /^1$/ }).waitFor();
    assert.equal(await panel(page).getByTestId('recent-sightings').locator('tr[data-type="false-positive"]').count(), 1);
    await panel(page).getByTestId('sightings-series').waitFor();
    await shots(page, '60-sightings-object');
  });

  test('"also seen in" lists the other indicator that carries the address', async () => {
    page ??= await session(ours);
    await visit(page, c2.id);
    const also = page.getByTestId('also-seen-in-panel');
    await also.locator('li[data-value="91.243.44.21"]').getByRole('link', { name: 'Substation beacon' }).waitFor();
  });

  test('a partner organisation sees "undisclosed" for the anonymous sighting', async () => {
    const p = await session(partner);
    await visit(p, c2.id);
    await panel(p).getByTestId('sightings-total').filter({ hasText: /^3$/ }).waitFor();
    const byOrg = panel(p).getByTestId('sightings-by-org');
    assert.match(await byOrg.locator('li[data-org="Grid CERT"]').innerText(), /Grid CERT\s+1/);
    assert.match(await byOrg.locator('li[data-org="undisclosed"]').innerText(), /undisclosed\s+1/);
    const anonymous = panel(p).getByTestId('recent-sightings').locator('tr[data-type="sighting"][data-count="2"]');
    assert.match(await anonymous.first().innerText(), /undisclosed/);
    assert.doesNotMatch(await anonymous.first().innerText(), /Grid CERT|Germany/, 'an anonymous sighting tells only that someone sighted');
    await shots(p, '60-sightings-partner');
  });

  test('an observable’s page counts the sightings of the indicators holding its value, and offers no "We saw this"', async () => {
    await visit(page, address.id);
    await panel(page).getByTestId('sightings-true').filter({ hasText: /^2$/ }).waitFor();
    assert.equal(
      await panel(page)
        .getByRole('button', { name: /We saw this/ })
        .count(),
      0,
      'STIX 2.1 §5.2 sights SDOs only',
    );
    const also = page.getByTestId('also-seen-in-panel').locator('li[data-value="91.243.44.21"]');
    await also.getByRole('link', { name: 'Grid C2 address' }).waitFor();
    await also.getByRole('link', { name: 'Substation beacon' }).waitFor();
  });

  test('a lookup shows sightings, "also seen in" and the score per match, and records a sighting', async () => {
    await page.goto(`${node.url}/lookup?value=91.243.44.21`);
    const matches = page.getByTestId('lookup-matches');
    await matches.waitFor();
    const row = (name: string): Locator => matches.locator('tbody tr', { has: page.getByRole('link', { name, exact: true }) });
    // Two true sightings (of counts 1 and 2), the false positive left out.
    await row('Grid C2 address')
      .getByTestId('match-sightings')
      .filter({ hasText: /^2 last/ })
      .waitFor();
    assert.match(
      await row('Grid C2 address').getByTestId('match-correlation').innerText(),
      /2 other objects/,
      'the beacon and the address itself',
    );
    assert.ok(Number(await row('Grid C2 address').getByTestId('decay-score').getAttribute('data-score')) > 0);
    assert.equal(await row('Substation beacon').getByTestId('decay-score').getAttribute('data-score'), '0');
    await row('Substation beacon').getByRole('button', { name: 'We saw this: Substation beacon' }).click();
    await row('Substation beacon').getByRole('status').filter({ hasText: 'Sighting recorded.' }).waitFor();
    await row('Substation beacon')
      .getByTestId('match-sightings')
      .filter({ hasText: /^1 last/ })
      .waitFor();
    await shots(page, '60-sightings-lookup');
  });

  test('a warninglisted value is flagged and not correlated', async () => {
    page ??= await session(ours);
    await page.goto(`${node.url}/lookup?value=8.8.8.8`);
    const flag = page.getByTestId('lookup-single').getByTestId('warninglist-flag').first();
    assert.match(await flag.innerText(), /on warninglist: .*public DNS resolvers.* — not correlated/i);
    await page.getByTestId('lookup-matches').getByText('not correlated').first().waitFor();
    await shots(page, '60-sightings-warninglist');
  });

  test("the organisation's default disclosure, set on its form, is the form's default and what partners learn", async () => {
    const p = await session(admin);
    await p.goto(`${node.url}/admin/orgs`);
    await p.getByRole('button', { name: 'Edit Grid CERT' }).click();
    const form = p.getByRole('form', { name: 'Edit Grid CERT' });
    await form.getByLabel('Default sighting disclosure').selectOption('country-sector');
    await form.getByRole('button', { name: 'Save organisation' }).click();
    await form.waitFor({ state: 'detached' });
    await visit(page, beacon.id);
    await panel(page).getByRole('button', { name: 'Details… of a sighting of Substation beacon' }).click();
    const d = page.getByRole('dialog', { name: 'We saw Substation beacon' });
    assert.equal(await d.getByLabel('Partners learn').inputValue(), 'country-sector');
    await d.getByRole('button', { name: 'Record sighting' }).click();
    await panel(page).getByRole('status').filter({ hasText: 'Sighting recorded.' }).waitFor();
    const q = await session(partner);
    await visit(q, beacon.id);
    const rows = panel(q).getByTestId('recent-sightings').locator('tbody tr');
    await rows.filter({ hasText: 'undisclosed, Germany' }).first().waitFor();
  });

  test('a node administrator saves a decay model, and a bad value is named next to its cell', async () => {
    const p = await session(admin);
    await p.goto(`${node.url}/admin/decay`);
    const lifetime = p.getByLabel('Lifetime (days), IPv4 address');
    assert.equal(await lifetime.inputValue(), '60', "OpenCTI's default for IP addresses");
    await lifetime.fill('30');
    await p.getByRole('button', { name: 'Save models' }).click();
    await p.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await p.reload();
    assert.equal(await p.getByLabel('Lifetime (days), IPv4 address').inputValue(), '30', 'the model was saved');
    await p.getByRole('button', { name: 'Defaults for IPv4 address' }).click();
    assert.equal(await p.getByLabel('Lifetime (days), IPv4 address').inputValue(), '60', "back on Concord's default");
    const threshold = p.getByLabel('Threshold, URL');
    await threshold.fill('150');
    await p.getByRole('button', { name: 'Save models' }).click();
    assert.match(await fieldError(threshold), /threshold must be a score from 0 to 100/);
    await shots(p, '60-decay-models');
  });
});
