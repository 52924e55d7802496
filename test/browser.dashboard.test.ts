// The dashboard in a real browser (issue 15, musts 7 and 11), as an analyst of another
// organisation and as an administrator, over ATT&CK for ICS (all made years ago) plus a few
// hand-made locations, sightings with where_sighted_refs and `targets` relationships made over the
// last 90 days: the period control changes every panel and survives a reload; the map has a legend
// and its darkest country is the one with most; the grid has no hole at 1280, 1440, 1920 and 2560
// pixels; no error in the console. Screenshots: test-results/dashboard-<width>.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { CLI } from '../src/domain/identity/principal.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { BROWSER_SKIP, consoleErrors, launch, shot, signIn, startUiNode, type UiNode } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, buildRelationship, type Obj } from './helpers/stix.ts';

const ATTACK = join(import.meta.dirname, '..', '..', 'shared', 'data', 'attack', 'ics-attack-18.1.json');
const SANDWORM = 'intrusion-set--381fcf73-60f6-4ab2-9991-6af3cbc35192';
const DRAGONFLY = 'intrusion-set--1c63d4ec-0a75-4daa-b1df-0d11af3d3cc1';
const INDUSTROYER2 = 'malware--6a0d0ea9-b2c4-43fe-a552-ac41a3009dc5';
const FROSTYGOOP = 'malware--b34df04a-9d30-4d84-a03f-0d536ee19a05';
const green = { object_marking_refs: [TLP2_MARKING_IDS.green] };
const amber = { object_marking_refs: [TLP2_MARKING_IDS.amber] };

const ago = (days: number, hours = 9): string => new Date(Date.now() - days * 86_400_000 - hours * 3_600_000).toISOString();
const made = (days: number) => ({ created: ago(days), modified: ago(days) });
const sdo = (type: string, days: number, extra: Record<string, unknown>): Obj => ({
  type,
  spec_version: '2.1',
  id: `${type}--${randomUUID()}`,
  ...made(days),
  ...extra,
});

/** Locations, sightings and targets over the last 90 days: France sighted most, Ukraine targeted most. */
function handMade(): { shared: Obj[]; ownOnly: Obj[] } {
  const places = Object.fromEntries(
    ['FR', 'DE', 'PL', 'UA', 'US', 'IT', 'RO'].map((c) => [c, sdo('location', 95, { name: c, country: c, ...green })]),
  ) as Record<string, Obj>;
  // A location known only by its coordinates (a substation near Kyiv) and one only by its region.
  const kyiv = sdo('location', 95, { name: 'Substation', latitude: 50.45, longitude: 30.52, ...green });
  const baltics = sdo('location', 95, { name: 'Baltic states', region: 'northern-europe', ...green });
  const plant = sdo('identity', 95, { name: 'Regional grid operator', identity_class: 'organization', ...green });
  const sighting = (of: string, where: Obj, days: number, extra = green): Obj =>
    sdo('sighting', days, {
      sighting_of_ref: of,
      where_sighted_refs: [where.id],
      first_seen: ago(days + 1),
      last_seen: ago(days),
      ...extra,
    });
  const target = (from: string, to: Obj, days: number): Obj =>
    sdo('relationship', days, { relationship_type: 'targets', source_ref: from, target_ref: to.id, ...green });
  const p = (c: string): Obj => places[c] as Obj;
  const indicators = [1, 2, 3, 4, 5].map((n) =>
    buildIndicator({ name: `Industroyer2 C2 ${n}`, pattern: `[ipv4-addr:value = '198.51.100.${n}']`, ...made(n * 4), ...green }),
  );
  const shared: Obj[] = [
    ...Object.values(places),
    plant,
    buildRelationship(plant, 'located-at', p('RO'), { ...made(95), ...green }),
    ...[1, 2, 3, 5, 12, 25, 40, 70].map((d) => sighting(INDUSTROYER2, p('FR'), d)),
    ...[4, 20, 50].map((d) => sighting(FROSTYGOOP, p('DE'), d)),
    ...[15, 60].map((d) => sighting(INDUSTROYER2, p('PL'), d)),
    sighting(FROSTYGOOP, plant, 9),
    kyiv,
    baltics,
    sighting(INDUSTROYER2, kyiv, 7),
    sighting(INDUSTROYER2, baltics, 16),
    ...[2, 8, 18, 33, 45, 61, 80].map((d) => target(SANDWORM, p('UA'), d)),
    ...[6, 26].map((d) => target(DRAGONFLY, p('US'), d)),
    target(SANDWORM, p('PL'), 3),
    target(DRAGONFLY, plant, 22),
    ...indicators,
    ...indicators.map((i, n) => buildRelationship(i, 'indicates', { id: INDUSTROYER2 } as Obj, { ...made((n + 1) * 4), ...green })),
    buildRelationship({ id: SANDWORM } as Obj, 'uses', { id: INDUSTROYER2 } as Obj, { ...made(1), ...green }),
  ];
  // The operator's own: Italy, sighted by it alone (TLP:AMBER, its organisation only).
  const ownOnly = [1, 3, 4, 6, 8, 10, 11, 13, 14].map((d) => sighting(INDUSTROYER2, p('IT'), d, amber));
  return { shared, ownOnly };
}

describe('dashboard in Chromium', { skip: BROWSER_SKIP, timeout: 180_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let admin: Person;
  let analyst: Person;

  before(async () => {
    node = await startUiNode();
    admin = await buildPerson(node.services, { org: node.org, roles: ['admin'] });
    analyst = await buildPerson(node.services, { country: 'BE', orgName: 'CERT-Partner' });
    const bundle = JSON.parse(await readFile(ATTACK, 'utf8')) as { objects: Obj[] };
    const { shared, ownOnly } = handMade();
    const publish = async (objects: unknown[], distribution: string) => {
      const owner = await node.services.importOwner(CLI, { tlp: 'green', distribution });
      const summary = await node.services.ingest.importStream([JSON.stringify(objects)], { source: 'test', owner });
      assert.equal(summary.quarantined, 0, JSON.stringify(summary).slice(0, 500));
    };
    await publish([...bundle.objects, ...shared], 'federation');
    await publish(ownOnly, 'organization');
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
  });

  const PANELS = ['kpi-panel', 'type-panel', 'classification-panel', 'places-panel', 'activity-panel', 'threats-panel', 'recent-panel'];

  /** Each panel's text, once the dashboard for `days` is on screen. */
  async function panels(page: Page, days: number): Promise<Record<string, string>> {
    await page.getByRole('button', { name: `${days} days` }).click();
    await page.waitForFunction((d) => new URL(location.href).searchParams.get('days') === String(d), days);
    await page.locator('[data-testid=dash-grid][aria-busy=false]').waitFor();
    await page
      .getByTestId('range')
      .getByText(new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10))
      .waitFor();
    const out: Record<string, string> = {};
    for (const id of PANELS) out[id] = await page.getByTestId(id).innerText();
    return out;
  }

  /** The country of the darkest shape on the map, and the first row of the table beside it. */
  async function darkest(page: Page): Promise<{ darkest: string | undefined; first: string | null; max: string | null; rows: number }> {
    const d = await page.evaluate(() => {
      const lum = (c: string): number => {
        const [r = 0, g = 0, b = 0] = (c.match(/\d+(\.\d+)?/g) ?? []).map(Number);
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const hits = [...document.querySelectorAll<SVGPathElement>('[data-testid=map] path.hit')];
      hits.sort((a, b) => lum(getComputedStyle(a).fill) - lum(getComputedStyle(b).fill));
      return hits[0]?.dataset['country'];
    });
    const table = page.getByTestId('places-panel').locator('tbody tr');
    return {
      darkest: d,
      first: await table.first().getAttribute('data-country'),
      max: await page.getByTestId('legend-max').textContent(),
      rows: await table.count(),
    };
  }

  async function run(who: Person, label: string): Promise<void> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors = consoleErrors(page);
    await signIn(page, node.url, who);
    await page.getByTestId('total-count').waitFor();

    // Every panel answers for the period chosen, and the period is in the URL.
    const seven = await panels(page, 7);
    const thirty = await panels(page, 30);
    const ninety = await panels(page, 90);
    for (const id of PANELS) {
      assert.notEqual(seven[id], thirty[id], `${label}: ${id} is the same for 7 and 30 days`);
      assert.notEqual(thirty[id], ninety[id], `${label}: ${id} is the same for 30 and 90 days`);
    }
    assert.match(ninety['threats-panel'] ?? '', /Industroyer2/, 'most active over 90 days');
    assert.doesNotMatch(seven['type-panel'] ?? '', /attack-pattern/, 'ATT&CK for ICS was made years ago: not in this week');
    await page.reload();
    await page.getByTestId('total-count').waitFor();
    assert.equal(await page.getByRole('button', { name: '90 days' }).getAttribute('aria-pressed'), 'true', 'the period survives a reload');

    // The map: a legend from 1 to the largest count, and the darkest country is the one with most.
    await page.getByTestId('map-legend').waitFor();
    const sighted = await darkest(page);
    // France has most of the sightings all may see (8); the operator sighted 9 in Italy itself.
    const most = who === admin ? 'IT' : 'FR';
    assert.equal(sighted.darkest, most, `${label}: the darkest country`);
    assert.equal(sighted.first, most, `${label}: the table's first row`);
    assert.equal(await page.getByTestId('legend-min').textContent(), '1');
    const itRow = page.getByTestId('places-panel').locator('tr[data-country=IT]');
    assert.equal(sighted.max, who === admin ? '9' : '8', `${label}: the legend's largest count`);
    assert.equal(await itRow.count(), who === admin ? 1 : 0, `${label}: Italy only for the organisation that sighted it there`);
    const title = await page.locator('[data-testid=map] path[data-country=FR]').first().locator('title').textContent();
    assert.match(title ?? '', /^France: \d+ sightings$/);
    // Coordinates without a country are a dot on the map; a region without either, a row.
    assert.equal(
      await page.locator('[data-testid=map] ellipse.point[data-point="@50.45,30.52"]').count(),
      2,
      'on the world and Europe views',
    );
    await page.getByTestId('places-panel').getByRole('cell', { name: 'Point 50.45, 30.52' }).waitFor();
    await page.getByTestId('places-panel').getByRole('cell', { name: 'Region northern-europe' }).waitFor();
    await page.getByRole('button', { name: /^Targeted/ }).click();
    const targeted = await darkest(page);
    assert.equal(targeted.darkest, 'UA', `${label}: Ukraine is targeted most`);
    assert.equal(targeted.max, '7');
    assert.ok(
      (await page.getByTestId('places-panel').locator('tr[data-country=RO]').count()) === 1,
      'an identity targeted, located at a location in Romania',
    );
    await page.getByRole('button', { name: /^Sighted/ }).click();

    // The marking banner covers what is counted.
    assert.ok(await page.getByTestId('marking-banner-top').locator('[data-tlp]').getAttribute('data-tlp'));

    // No holes: the panels of each row span the grid's whole width, at every width.
    for (const width of [1280, 1440, 1920, 2560]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(150);
      const rows = await page.evaluate(() => {
        const grid = document.querySelector('[data-testid=dash-grid]') as HTMLElement;
        const g = grid.getBoundingClientRect();
        const byTop = new Map<number, { left: number; right: number; n: number; used: number }>();
        for (const el of grid.children) {
          const r = el.getBoundingClientRect();
          const top = Math.round(r.top);
          const row = byTop.get(top) ?? { left: Infinity, right: -Infinity, n: 0, used: 0 };
          byTop.set(top, { left: Math.min(row.left, r.left), right: Math.max(row.right, r.right), n: row.n + 1, used: row.used + r.width });
        }
        const gap = Number.parseFloat(getComputedStyle(grid).columnGap) || 0;
        return [...byTop.values()].map((r) => ({ ...r, gridLeft: g.left, gridRight: g.right, gap }));
      });
      assert.ok(rows.length >= 3, `${width}: ${rows.length} rows`);
      for (const r of rows) {
        assert.ok(
          Math.abs(r.left - r.gridLeft) < 1.5 && Math.abs(r.right - r.gridRight) < 1.5,
          `${label} ${width}px: a row ends short of the grid`,
        );
        // Panels and the gaps between them fill the row: no empty cell inside it.
        assert.ok(Math.abs(r.used + (r.n - 1) * r.gap - (r.gridRight - r.gridLeft)) < 2, `${label} ${width}px: a row has a hole`);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${width}px overflows by ${overflow}px`);
      await shot(page, `dashboard-${label}-${width}`);
      if (who === analyst) await shot(page, `dashboard-${width}`);
    }
    assert.deepEqual(errors, [], `${label}: console errors`);
    await context.close();
  }

  test('an analyst of another organisation reads the period, the map and the grid', async () => {
    await run(analyst, 'analyst');
  });

  test('an administrator of the operating organisation sees its own sightings too', async () => {
    await run(admin, 'admin');
  });
});
