// The incident screens that list and count, in Chromium (issue 16, must 8 and 9): a CSIRT analyst
// filters the list to "deadline exceeded" (kept in the URL) and reads the overdue stage in words;
// an entity's user sees only its own organisation's incidents; the CSIRT's inbox lists a new early
// warning and opens its incident; the quarterly summary counts the period and downloads as CSV;
// the dashboard shows the incident panels. Test data goes in through the API, as users would
// send it (the incident API; indicators imported as STIX). Screenshots: test-results/60-incidents-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CLI } from '../src/domain/identity/principal.ts';
import type { Org } from '../src/domain/identity/types.ts';
import { incidentDistribution } from '../src/domain/incidents/constituency.ts';
import type { OrgInput } from '../src/services/org.service.ts';
import { BROWSER_SKIP, consoleErrors, launch, shot, signIn, startUiNode, type UiNode, shotsAtWidths } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator } from './helpers/stix.ts';

const HOUR = 3_600_000;
const ago = (hours: number): string => new Date(Date.now() - hours * HOUR).toISOString();
const day = (offsetDays: number): string => new Date(Date.now() + offsetDays * 24 * HOUR).toISOString().slice(0, 10);

describe('the incident list, inbox, summary and dashboard panels in Chromium', { skip: BROWSER_SKIP, timeout: 240_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let csirt: Person;
  let grid: Person;
  let hospital: Person;
  const ids: Record<string, string> = {};

  /** Imports `objects` as `owner` stores what it shares with its CSIRT: amber+strict, to its constituency. */
  async function importAs(owner: Org, objects: Record<string, unknown>[]): Promise<void> {
    const text = JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });
    const summary = await node.services.ingest.importStream([Buffer.from(text)], {
      source: 'test:incidents',
      owner: { orgId: owner.id, tlp: 'amber+strict', distribution: incidentDistribution(owner), actor: 'test' },
    });
    if (summary.quarantined > 0) {
      const held = await node.services.quarantine.list({ limit: summary.quarantined });
      assert.fail(`not stored: ${JSON.stringify(held.items.map((q) => q.details))}`);
    }
  }

  /** Calls the incident API as `who`, as the screens and the command line do. */
  async function call(who: Person, url: string, payload: Record<string, unknown>): Promise<{ row: { id: string } }> {
    const res = await node.app.inject({ method: 'POST', url, headers: who.auth, payload });
    assert.equal(res.statusCode, 201, `POST ${url}: ${res.body}`);
    return res.json();
  }
  const open = async (who: Person, request: Record<string, unknown>): Promise<string> =>
    (await call(who, '/api/v1/incidents', request)).row.id;

  before(async () => {
    node = await startUiNode();
    const org = (input: OrgInput): Promise<Org> => node.services.orgs.addOrg(CLI, input);
    const csirtOrg = await org({ name: 'CSIRT Bund', country: 'DE', nis2Role: 'csirt' });
    const gridOrg = await org({
      name: 'Rhine Grid AG',
      country: 'DE',
      nis2Role: 'essential',
      sectors: ['energy/electricity'],
      csirtOrg: csirtOrg.id,
    });
    const hospitalOrg = await org({
      name: 'Klinikum Mitte',
      country: 'DE',
      nis2Role: 'essential',
      sectors: ['health'],
      csirtOrg: csirtOrg.id,
    });
    csirt = await buildPerson(node.services, { org: csirtOrg, roles: ['analyst'] });
    grid = await buildPerson(node.services, { org: gridOrg, roles: ['analyst'] });
    hospital = await buildPerson(node.services, { org: hospitalOrg, roles: ['analyst'] });
    const energy = { sector: 'energy', subsector: 'electricity', significant: true, determination: 'confirmed' };
    // Aware 30 hours ago, no early warning: the 24-hour deadline has passed (Art. 23(4)(a)).
    ids.overdue = await open(grid, {
      ...energy,
      name: 'Substation ransomware',
      awareAt: ago(30),
      rsitClass: 'malicious-code',
      severity: 'critical',
      memberStates: ['DE', 'FR'],
      crossBorder: true,
    });
    // Aware 2 hours ago, its early warning sent: the CSIRT owes an answer within 24 hours (Art. 23(5)).
    ids.warned = await open(grid, {
      ...energy,
      name: 'Phishing wave against control-room staff',
      awareAt: ago(2),
      rsitClass: 'fraud',
      severity: 'medium',
    });
    await call(grid, `/api/v1/incidents/${ids.warned}/reports`, {
      stage: 'early-warning',
      content: { summary: 'Credential phishing aimed at operators', suspectedMalicious: true, crossBorderImpact: false },
    });
    ids.hospital = await open(hospital, {
      name: 'Hospital scheduling outage',
      awareAt: ago(1),
      sector: 'health',
      rsitClass: 'availability',
      severity: 'high',
      significant: false,
    });
    // The ransomware's command server, linked to the incident; a second indicator linked to none.
    const c2 = buildIndicator({ name: 'Ransomware C2', pattern: "[ipv4-addr:value = '203.0.113.66']" });
    const unlinked = buildIndicator({ name: 'Unrelated scanner', pattern: "[ipv4-addr:value = '203.0.113.99']" });
    await importAs(gridOrg, [c2, unlinked]);
    await call(grid, `/api/v1/incidents/${ids.overdue}/links`, { target: c2.id });
    ids.c2 = c2.id;
    ids.unlinked = unlinked.id;
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
  });

  async function session(who: Person): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors = consoleErrors(page);
    await signIn(page, node.url, who);
    return { context, page, errors };
  }

  const names = (page: Page): Promise<string[]> =>
    page.$$eval('[data-testid=incident-row] td.incident-name > a', (as) => as.map((a) => a.textContent ?? ''));

  test('a CSIRT analyst filters the list to "deadline exceeded" and reads the overdue stage in words', async () => {
    const { context, page, errors } = await session(csirt);
    await page.getByRole('link', { name: 'Incidents', exact: true }).click();
    await page.getByTestId('incident-row').first().waitFor();
    assert.deepEqual((await names(page)).sort(), [
      'Hospital scheduling outage',
      'Phishing wave against control-room staff',
      'Substation ransomware',
    ]);
    // Every row says whose incident it is, its sector and its marking.
    const ransomRow = page.locator(`[data-incident="${ids.overdue}"]`);
    assert.match(await ransomRow.innerText(), /Rhine Grid AG/);
    assert.match(await ransomRow.innerText(), /Energy › Electricity/);
    assert.match(await ransomRow.innerText(), /TLP:AMBER\+STRICT/);

    await page.getByRole('checkbox', { name: 'deadline exceeded' }).check();
    await page.waitForURL(/stageStatus=overdue/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=incident-row]').length === 1);
    assert.deepEqual(await names(page), ['Substation ransomware']);
    const chip = ransomRow.locator('.clock[data-stage=early-warning]');
    assert.equal(await chip.getAttribute('data-status'), 'overdue');
    assert.match(await chip.innerText(), /Early warning: deadline exceeded · exceeded by \d+ h/);
    assert.doesNotMatch(await page.locator('main').innerText(), /not delivered/i);

    // The filtered list is its URL: a reload (or a bookmark) shows the same list.
    await page.reload();
    await page.getByTestId('incident-row').first().waitFor();
    assert.deepEqual(await names(page), ['Substation ransomware']);
    assert.ok(await page.getByRole('checkbox', { name: 'deadline exceeded' }).isChecked());
    await shotsAtWidths(page, '60-incidents-overdue');

    // Severity and sector narrow further; an empty answer says so and offers to clear.
    await page.getByLabel('Sector').selectOption('health');
    await page.getByTestId('incidents-empty').waitFor();
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=incident-row]').length === 3);

    // The name opens the incident's page.
    await page.getByRole('link', { name: 'Substation ransomware' }).click();
    await page.waitForURL(`**/incidents/${encodeURIComponent(ids.overdue ?? '')}`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the countdowns move every 30 seconds without asking the server again', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.clock.install({ time: new Date() });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors = consoleErrors(page);
    await signIn(page, node.url, csirt);
    let asked = 0;
    page.on('request', (r) => {
      if (/\/api\/v1\/incidents\?/.test(r.url())) asked++;
    });
    await page.goto(`${node.url}/incidents?stageStatus=overdue`);
    const chip = page.locator(`[data-incident="${ids.overdue}"] .clock[data-stage=early-warning] .clock-left`);
    await chip.waitFor();
    const before = (await chip.textContent()) ?? '';
    const minutes = (t: string): number => {
      const m = /exceeded by (\d+) h (\d+) min/.exec(t);
      return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
    };
    const askedBefore = asked;
    await page.clock.fastForward('31:00');
    await page.waitForFunction(
      ([sel, was]) => {
        const m = /exceeded by (\d+) h (\d+) min/.exec(document.querySelector(sel ?? '')?.textContent ?? '');
        return m !== null && Number(m[1]) * 60 + Number(m[2]) >= Number(was) + 30;
      },
      [`[data-incident="${ids.overdue}"] .clock[data-stage=early-warning] .clock-left`, String(minutes(before))],
    );
    const after = (await chip.textContent()) ?? '';
    assert.ok(minutes(after) - minutes(before) >= 30, `${before} → ${after}`);
    assert.equal(asked, askedBefore, 'the list was not fetched again');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("an entity's user sees only its own organisation's incidents", async () => {
    const { context, page, errors } = await session(hospital);
    await page.goto(`${node.url}/incidents`);
    await page.getByTestId('incident-row').first().waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(await names(page), ['Hospital scheduling outage']);
    // An entity answers no one's reports and sends ENISA no summary: neither is offered.
    assert.equal(await page.getByRole('link', { name: 'Inbox' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Quarterly summary' }).count(), 0);
    await page.getByTestId('open-incident').click();
    await page.waitForURL('**/incidents/new');
    await page.getByRole('button', { name: /open/i }).first().waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a viewer is not offered "Open an incident"', async () => {
    const viewer = await buildPerson(node.services, { org: grid.org, roles: ['viewer'] });
    const { context, page, errors } = await session(viewer);
    await page.goto(`${node.url}/incidents`);
    await page.getByTestId('incident-row').first().waitFor();
    assert.equal(await page.getByTestId('open-incident').count(), 0);
    assert.deepEqual((await names(page)).sort(), ['Phishing wave against control-room staff', 'Substation ransomware']);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("the CSIRT's inbox lists the new early warning with the CSIRT's own answer clock", async () => {
    const { context, page, errors } = await session(csirt);
    await page.goto(`${node.url}/incidents`);
    await page.getByRole('link', { name: 'Inbox' }).click();
    const row = page.getByTestId('inbox-row').filter({ hasText: 'Phishing wave against control-room staff' });
    await row.waitFor();
    assert.match(await row.innerText(), /Early warning/);
    assert.match(await row.innerText(), /Rhine Grid AG/);
    const clock = row.locator('.clock');
    assert.equal(await clock.getAttribute('data-status'), 'due');
    assert.match(await clock.innerText(), /due in (2[0-3]|1\d) h/);
    // The banner covers the incidents the inbox names.
    assert.equal(await page.getByTestId('marking-banner-top').locator('[data-tlp]').getAttribute('data-tlp'), 'amber+strict');
    await shotsAtWidths(page, '60-incidents-inbox');
    await row.getByRole('link').click();
    await page.waitForURL(`**/incidents/${encodeURIComponent(ids.warned ?? '')}`);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the quarterly summary counts the period and downloads as CSV', async () => {
    const { context, page, errors } = await session(csirt);
    await page.goto(`${node.url}/incidents/summary`);
    // The current quarter is chosen; every incident here was opened in it unless the quarter began
    // within the last 30 hours, so the test asks for the days around now as well.
    await page.getByTestId('summary-incidents').waitFor();
    await page.getByLabel('From').fill(day(-3));
    await page.getByLabel('Before').fill(day(1));
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(new RegExp(`from=${day(-3)}&to=${day(1)}`));
    await page.waitForFunction(() => document.querySelector('[data-testid=summary-incidents]')?.textContent === '3');
    assert.equal(await page.getByTestId('summary-significant').textContent(), '2');
    assert.equal(await page.locator('[data-testid=by-sector] [data-key=energy]').textContent(), '2');
    assert.equal(await page.locator('[data-testid=by-rsit] [data-key=malicious-code]').textContent(), '1');
    const early = page.locator('[data-testid=timeliness] tr[data-stage=early-warning]');
    assert.equal(await early.locator('[data-status=overdue]').textContent(), '1');
    assert.equal(await early.locator('[data-status=submitted-on-time]').textContent(), '1');
    await shotsAtWidths(page, '60-incidents-summary');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    assert.match(csv, /^dimension,value,count\r\n/);
    assert.match(csv, /\r\nperiod,[^,]+,3\r\n/);
    assert.match(csv, /\r\nsector,energy,2\r\n/);
    assert.doesNotMatch(csv, /Rhine|Klinikum|ransomware/i, 'anonymised: no entity, no incident name');

    // A quarter from the list sets the period.
    const quarters = await page.getByLabel('Quarter').locator('option').allTextContents();
    const previous = quarters.find((q) => /^\d{4} Q\d$/.test(q) && q !== quarters[0] && q !== 'other period');
    if (previous) {
      await page.getByLabel('Quarter').selectOption(previous);
      await page.waitForURL(/from=\d{4}-\d{2}-01&to=\d{4}-\d{2}-01/);
    }
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the dashboard shows incidents by member state, by sector, severity over time and deadlines in the next 24 hours', async () => {
    const { context, page, errors } = await session(csirt);
    await page.goto(`${node.url}/?days=7`);
    await page.getByTestId('incident-grid').waitFor();
    const de = page.locator('[data-testid=incidents-by-state] tr[data-country=DE] td.num');
    await de.waitFor();
    assert.equal(await de.textContent(), '3');
    assert.equal(await page.locator('[data-testid=incidents-by-sector] [data-key=energy]').textContent(), '2');
    const soon = page.getByTestId('due-soon');
    // The hospital's early warning falls due 23 hours from now.
    await soon.getByRole('link', { name: 'Hospital scheduling outage' }).waitFor();
    assert.match(await soon.innerText(), /Early warning: due · due in 2[0-3] h/);
    assert.equal(await page.getByTestId('marking-banner-top').locator('[data-tlp]').getAttribute('data-tlp'), 'amber+strict');
    await shotsAtWidths(page, '60-incidents-dashboard');
    assert.deepEqual(errors, []);
    await context.close();

    // An organisation outside NIS2 reporting that sees no incident gets no empty incident panels.
    const outsider = await buildPerson(node.services, { orgName: 'Threat intel shop', roles: ['analyst'] });
    const other = await session(outsider);
    await other.page.goto(`${node.url}/?days=7`);
    await other.page.getByTestId('dash-grid').waitFor();
    await other.page.waitForLoadState('networkidle');
    assert.equal(await other.page.getByTestId('incident-grid').count(), 0);
    assert.equal(await other.page.getByText('Hospital scheduling outage').count(), 0);
    assert.deepEqual(other.errors, []);
    await other.context.close();
  });

  test('an object page and a lookup name the incidents the indicator is linked to, and only when there are some', async () => {
    const { context, page, errors } = await session(csirt);
    await page.goto(`${node.url}/objects/${ids.c2}`);
    const section = page.getByTestId('linked-incidents');
    await section.getByRole('link', { name: 'Substation ransomware' }).waitFor();
    assert.match(await section.innerText(), /new · related to/, 'a new incident, linked by related-to');
    await section.getByRole('link', { name: 'Substation ransomware' }).click();
    await page.waitForURL(`**/incidents/${encodeURIComponent(ids.overdue ?? '')}`);

    await page.goto(`${node.url}/lookup?value=203.0.113.66`);
    await page.getByTestId('lookup-matches').waitFor();
    const looked = page.getByTestId('linked-incidents');
    await looked.getByRole('link', { name: 'Substation ransomware' }).waitFor();
    assert.match(await looked.innerText(), /via Ransomware C2/);
    await shot(page, '60-incidents-lookup');

    // An indicator in no incident shows no incident section at all.
    await page.goto(`${node.url}/objects/${ids.unlinked}`);
    await page.getByRole('heading', { name: 'Unrelated scanner' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByTestId('linked-incidents').count(), 0);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
