// The graph in a real browser (issue 15, must 6 and 11), on ATT&CK for ICS: an analyst zooms
// (wheel and buttons), pans, expands nodes without anything already drawn moving on screen,
// reads the legend, filters a relationship type and an object type away (the marking banner
// follows what is drawn), reads the graph as tables, and grows it past 100 nodes with no console
// error; an administrator draws a relationship by dragging one node onto another (when the write
// API is there) and sees the edge at once; a viewer is not offered the drawing.
// Screenshots at 1280, 1440 and 1920 pixels go to test-results/40-graph-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { BROWSER_SKIP, consoleErrors, launch, shot, signIn, startUiNode, type UiNode } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { sharedPath, skipUnlessShared } from './helpers/shared.ts';
import { buildMalware, buildRelationship } from './helpers/stix.ts';

const ATTACK = sharedPath('data/attack/ics-attack-18.1.json');
const DCS = 'x-mitre-asset--85f285f9-0a48-4998-921d-8a47d81c0e6d';
const VALID_ACCOUNTS = 'attack-pattern--cd2c76a4-5e23-4ca5-9c40-d5e0604f7101';
const REMOTE_SERVICES = 'attack-pattern--85a45294-08f1-4539-bf00-7da08aa7b0ee';
const RESTART = 'attack-pattern--25dfc8ad-bd73-4dfd-84a9-3c3d383f76e9';
const WIDTHS = [1280, 1440, 1920];

interface View {
  k: number;
  x: number;
  y: number;
}

describe('graph in Chromium', { skip: BROWSER_SKIP || skipUnlessShared(ATTACK), timeout: 240_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let analyst: Person;
  let admin: Person;
  let viewer: Person;
  // A red wiper that targets the DCS controller: on the graph, the banner is RED.
  const wiper = buildMalware({ name: 'Graph test wiper', object_marking_refs: [TLP2_MARKING_IDS.red] });

  before(async () => {
    node = await startUiNode();
    analyst = await buildPerson(node.services, { org: node.org });
    admin = await buildPerson(node.services, { org: node.org, roles: ['admin'] });
    viewer = await buildPerson(node.services, { org: node.org, roles: ['viewer'] });
    const attack = JSON.parse(readFileSync(ATTACK, 'utf8')) as { objects: unknown[] };
    await node.load(attack.objects);
    await node.load([
      wiper,
      buildRelationship(wiper, 'targets', { id: DCS, type: 'x-mitre-asset' }, { object_marking_refs: [TLP2_MARKING_IDS.green] }),
    ]);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
  });

  async function open(person: Person): Promise<{ page: Page; errors: string[] }> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(15_000);
    const errors = consoleErrors(page);
    await signIn(page, node.url, person);
    await page.goto(`${node.url}/objects/${encodeURIComponent(DCS)}/graph`);
    await page.locator(`[data-node-id="${VALID_ACCOUNTS}"]`).waitFor();
    return { page, errors };
  }

  const view = async (page: Page): Promise<View> => {
    const t = (await page.getByTestId('graph-viewport').getAttribute('transform')) ?? '';
    const m = /translate\(([-\d.e]+),([-\d.e]+)\) scale\(([-\d.e]+)\)/.exec(t);
    assert.ok(m, `a transform (${t})`);
    return { x: Number(m[1]), y: Number(m[2]), k: Number(m[3]) };
  };
  /** The centre of a node's shape on screen. */
  const centre = async (page: Page, id: string): Promise<{ x: number; y: number }> => {
    const box = await page.locator(`[data-node-id="${id}"] .shape`).boundingBox();
    assert.ok(box, `${id} is drawn`);
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  /** A point of the graph's background (no node under it). */
  const background = (page: Page) =>
    page.getByTestId('graph').evaluate((svg) => {
      const r = svg.getBoundingClientRect();
      for (let y = r.bottom - 30; y > r.top + 60; y -= 23)
        for (let x = r.right - 30; x > r.left + 30; x -= 29) if (document.elementFromPoint(x, y) === svg) return { x, y };
      return null;
    });
  const expandByKeyboard = async (page: Page, id: string): Promise<void> => {
    const before = await page.locator('[data-node-id]').count();
    await page.locator(`[data-node-id="${id}"]`).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('[data-node-id]').length > n, before);
    await page.getByTestId('graph-status').filter({ hasNotText: 'Loading' }).waitFor();
  };

  async function screenshots(page: Page, name: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByRole('button', { name: 'Fit the graph to the view' }).click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `nothing overflows the window at ${width} px (${overflow} px)`);
      await shot(page, `40-graph-${name}-${width}`);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  test('analyst: zoom, pan, expand in place, legend, filters, banner, 100+ nodes', async () => {
    const { page, errors } = await open(analyst);
    const legend = page.getByTestId('graph-legend');
    await legend.getByRole('checkbox', { name: /^Show x-mitre-asset/ }).waitFor();
    await legend.getByRole('checkbox', { name: /^Show targets links/ }).waitFor();
    assert.equal(await legend.getByRole('group', { name: 'Object types' }).count(), 1);
    assert.match(await page.getByLabel('What the markers mean').innerText(), /not expanded/);
    await page.getByTestId('marking-banner-top').locator('[data-tlp="red"]').waitFor();

    // Zoom: the buttons and the wheel change the transform's scale.
    const start = await view(page);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const zoomed = await view(page);
    assert.ok(zoomed.k > start.k * 1.3, `zoom in scales up (${start.k} → ${zoomed.k})`);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    assert.ok(Math.abs((await view(page)).k - start.k) < 1e-6, 'zoom out undoes it');
    const graph = await page.getByTestId('graph').boundingBox();
    assert.ok(graph);
    await page.mouse.move(graph.x + graph.width / 2, graph.y + graph.height / 2);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction(
      (k) => !document.querySelector('[data-testid=graph-viewport]')?.getAttribute('transform')?.endsWith(`scale(${k})`),
      start.k,
    );
    assert.ok((await view(page)).k > start.k, 'the wheel zooms in');

    // Pan: dragging the background moves the drawing by as much.
    const from = await background(page);
    assert.ok(from, 'some background to drag');
    const beforePan = await view(page);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 120, from.y - 60, { steps: 6 });
    await page.mouse.up();
    const panned = await view(page);
    assert.ok(
      Math.abs(panned.x - beforePan.x + 120) < 2 && Math.abs(panned.y - beforePan.y + 60) < 2,
      `panned (${JSON.stringify(panned)})`,
    );

    // Expanding keeps every node already drawn where the reader saw it.
    const root = await centre(page, DCS);
    const other = await centre(page, REMOTE_SERVICES);
    await expandByKeyboard(page, VALID_ACCOUNTS);
    for (const [id, was] of [
      [DCS, root],
      [REMOTE_SERVICES, other],
    ] as const) {
      const now = await centre(page, id);
      assert.ok(Math.hypot(now.x - was.x, now.y - was.y) < 3, `${id} stayed in place (${JSON.stringify(was)} → ${JSON.stringify(now)})`);
    }
    assert.deepEqual(await view(page), panned, 'expanding does not refit the view');

    // Past 100 nodes, without a console error.
    await expandByKeyboard(page, REMOTE_SERVICES);
    await expandByKeyboard(page, RESTART);
    const count = await page.locator('[data-node-id]').count();
    assert.ok(count >= 100, `100+ nodes (${count})`);
    await page.getByRole('button', { name: 'Fit the graph to the view' }).click();
    const fitted = await view(page);
    // Zoomed out to fit, small nodes lose their labels; hubs and the root keep theirs.
    const labels = await page.locator('[data-node-id] .label').count();
    assert.ok(fitted.k >= 0.9 || labels < count, `level of detail hides labels at ${fitted.k} (${labels} of ${count})`);
    assert.equal(await page.locator(`[data-node-id="${DCS}"] .label`).count(), 1, 'the root keeps its label');
    await page.locator(`[data-node-id="${VALID_ACCOUNTS}"]`).click();
    assert.ok((await page.locator('.edge.hl').count()) >= 30, "the selection's edges are highlighted");
    assert.match(
      (await page.locator(`[data-node-id="${VALID_ACCOUNTS}"] title`).first().textContent()) ?? '',
      /attack-pattern: Valid Accounts/,
    );
    await screenshots(page, 'analyst');
    // Close up, every name shows, at the same size on screen as zoomed out.
    await page.setViewportSize({ width: 1440, height: 900 });
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    assert.ok((await view(page)).k >= 1.2);
    await shot(page, '40-graph-zoomed-1440');
    await page.setViewportSize({ width: 1280, height: 900 });

    // Filtering a relationship type takes its edges away, and brings them back.
    const targets = page.locator('[data-edge-type="targets"]');
    assert.ok((await targets.count()) > 10);
    const edgesBefore = await page.locator('[data-edge-type]').count();
    await legend.getByRole('checkbox', { name: /^Show targets links/ }).uncheck();
    assert.equal(await targets.count(), 0);
    assert.ok((await page.locator('[data-edge-type]').count()) > 0, 'other links stay');
    await legend.getByRole('checkbox', { name: /^Show targets links/ }).check();
    assert.equal(await page.locator('[data-edge-type]').count(), edgesBefore);

    // Hiding an object type takes its nodes and their links away, and the banner follows: the
    // red wiper was the only RED object drawn.
    await legend.getByRole('checkbox', { name: /^Show malware/ }).uncheck();
    assert.equal(await page.locator(`[data-node-id="${wiper['id']}"]`).count(), 0);
    const tlp = await page.getByTestId('marking-banner-top').locator('[data-tlp]').getAttribute('data-tlp');
    assert.notEqual(tlp, 'red');
    await legend.getByRole('checkbox', { name: /^Show malware/ }).check();
    await page.getByTestId('marking-banner-top').locator('[data-tlp="red"]').waitFor();

    // The text alternative lists what is drawn.
    await page.getByText(/^The graph as tables/).click();
    const objects = page.getByRole('table', { name: 'Objects on the graph' });
    assert.equal(await objects.locator('tbody tr').count(), count);
    await objects.getByRole('link', { name: 'Valid Accounts', exact: true }).waitFor();
    assert.ok((await page.getByRole('table', { name: 'Links on the graph' }).locator('tbody tr').count()) >= edgesBefore);
    await shot(page, '40-graph-tables-1440');
    assert.deepEqual(errors, []);
  });

  test('administrator: expand from the table, draw a relationship by dragging', async () => {
    const { page, errors } = await open(admin);
    await expandByKeyboard(page, VALID_ACCOUNTS);
    const draw = page.getByRole('button', { name: 'Draw relationship' });
    await draw.waitFor();
    await screenshots(page, 'admin');
    await page.getByText(/^The graph as tables/).click();
    const count = await page.locator('[data-node-id]').count();
    await page.getByRole('button', { name: 'Expand Exploitation of Remote Services' }).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-node-id]').length > n, count);
    await page.getByText(/^The graph as tables/).click();

    const related = page.locator('[data-edge-type="related-to"]');
    const before = await related.count();
    const drag = async (from: string, to: string, shift: boolean): Promise<void> => {
      const a = await centre(page, from);
      const b = await centre(page, to);
      if (shift) await page.keyboard.down('Shift');
      await page.mouse.move(a.x, a.y);
      await page.mouse.down();
      await page.mouse.move(b.x, b.y, { steps: 10 });
      await page.mouse.up();
      if (shift) await page.keyboard.up('Shift');
    };
    const dialog = page.getByRole('dialog', { name: 'New relationship' });

    // Shift and drag opens the dialog; Cancel leaves the graph as it was.
    await drag(DCS, REMOTE_SERVICES, true);
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Distributed Control System \(DCS\) Controller[\s\S]*→[\s\S]*Exploitation of Remote Services/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await related.count(), before);

    // "Draw relationship" mode: a plain drag relates; the new edge is drawn at once.
    await draw.click();
    assert.equal(await draw.getAttribute('aria-pressed'), 'true');
    await drag(DCS, VALID_ACCOUNTS, false);
    await dialog.waitFor();
    await dialog.getByLabel('Relationship type').selectOption('related-to');
    await dialog.getByRole('button', { name: 'Create relationship' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction((n) => document.querySelectorAll('[data-edge-type="related-to"]').length > n, before);
    await page.getByRole('status').filter({ hasText: 'Relationship "related-to" created' }).waitFor();
    await shot(page, '40-graph-related-1280');
    // The relationship is stored, not only drawn.
    const n = await node.api({ method: 'GET', url: `/api/v1/objects/${encodeURIComponent(DCS)}/neighbourhood` });
    assert.ok((n.json() as { objects: { relationship_type?: string }[] }).objects.some((o) => o.relationship_type === 'related-to'));
    assert.deepEqual(errors, []);
  });

  test('a viewer reads the graph but is not offered to draw relationships', async () => {
    const { page, errors } = await open(viewer);
    await page.getByTestId('graph-legend').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Draw relationship' }).count(), 0);
    assert.deepEqual(errors, []);
  });
});
