// Working on one incident in a real browser (issue 16, must 4, 5, 6 and 9): an entity's analyst
// opens an incident (its sector prefilled from the organisation's) and works on it (an event, a
// task, an impact updated, an attribution with a confidence, a note); submits the early warning;
// is refused a notification that lacks what Article 23(4)(b) requires (the missing field named at
// that field), completes and submits it, then the final report: every clock then reads
// "submitted on time", and a report prints alone with its marking banners. The CSIRT's analyst
// reads the reports and answers with feedback, then asks for an intermediate report by a date,
// which the entity writes (and revises its early warning); a CSIRT coordinator shares the
// incident across borders and the share is listed. Screenshots: test-results/50-incident-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { CLI } from '../src/domain/identity/principal.ts';
import {
  BROWSER_SKIP,
  launch,
  shot,
  startUiNode,
  type UiNode,
  shotsAtWidths,
  fieldError,
  openSession,
  type WatchedPage,
} from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';

describe('working on an incident in Chromium', { skip: BROWSER_SKIP, timeout: 300_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let entityAnalyst: Person;
  let csirtAnalyst: Person;
  let csirtCoordinator: Person;
  let incidentUrl = '';
  const pages: WatchedPage[] = [];

  before(async () => {
    node = await startUiNode();
    const csirt = await buildPerson(node.services, { orgName: 'CIRCL test', country: 'LU', roles: ['analyst'] });
    await node.services.orgs.updateOrg(CLI, csirt.org.id, { nis2Role: 'csirt' });
    // The CSIRT of another member state, which a cross-border share reaches.
    const foreign = await buildPerson(node.services, { orgName: 'CERT-Bund test', country: 'DE', roles: ['analyst'] });
    await node.services.orgs.updateOrg(CLI, foreign.org.id, { nis2Role: 'csirt' });
    const entity = await buildPerson(node.services, { orgName: 'Grid operator test', country: 'LU', roles: ['analyst'] });
    await node.services.orgs.updateOrg(CLI, entity.org.id, {
      nis2Role: 'essential',
      sectors: ['energy/electricity'],
      csirtOrg: csirt.org.id,
    });
    entityAnalyst = entity;
    csirtAnalyst = csirt;
    csirtCoordinator = await buildPerson(node.services, { org: csirt.org, roles: ['coordinator'] });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
    for (const { errors } of pages) assert.deepEqual(errors, [], 'no console errors');
  });

  const session = (person: Person, expected: RegExp[] = []): Promise<Page> => openSession(browser, node.url, person, pages, { expected });

  const clock = (page: Page, stage: string): Locator =>
    page.getByRole('region', { name: 'Reporting clocks' }).locator(`[data-stage="${stage}"]`);
  const tab = (page: Page, name: RegExp): Promise<void> => page.getByRole('tab', { name }).click();
  const dialog = (page: Page, name: RegExp): Locator => page.getByRole('dialog', { name });

  /** The UTC input value of a time `hours` ago. */
  const hoursAgo = (hours: number): string => new Date(Date.now() - hours * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

  let entity: Page;

  test("the entity's analyst opens an incident; the sector is the organisation's", async () => {
    // The notification refused below is a 422 the test provokes.
    entity = await session(entityAnalyst, [/\/reports$/]);
    await entity.goto(`${node.url}/incidents/new`);
    await entity.getByRole('form', { name: 'Open an incident' }).waitFor();
    assert.equal(await entity.getByLabel('Sector (NIS2 Annex I/II)').inputValue(), 'energy');
    assert.equal(await entity.getByLabel('Subsector').inputValue(), 'electricity');
    const states = entity.getByRole('group', { name: 'Member states affected' });
    assert.ok(await states.getByRole('checkbox', { name: 'LU', exact: true }).isChecked(), 'the organisation’s country is affected');
    await entity.getByLabel('Name', { exact: true }).fill('Substation SCADA outage');
    await entity.getByLabel('Description').fill('SCADA servers of two substations stopped answering.');
    await entity.getByLabel('Became aware at (UTC)').fill(hoursAgo(2));
    await states.getByRole('checkbox', { name: 'DE', exact: true }).check();
    await entity.getByLabel('Suspected unlawful or malicious (Art. 23(4)(a))').check();
    await entity.getByLabel('May have a cross-border impact (Art. 23(4)(a))').check();
    await entity.getByLabel('RSIT class').selectOption('availability');
    await entity.getByLabel('RSIT type').selectOption('sabotage');
    await entity.getByLabel('Severity').selectOption('high');
    await shotsAtWidths(entity, '50-incident-new');
    await entity.getByRole('button', { name: 'Open the incident' }).click();
    await entity.waitForURL(/\/incidents\/incident--/);
    incidentUrl = entity.url();
    await entity.getByRole('heading', { name: 'Substation SCADA outage' }).waitFor();
    assert.equal(await clock(entity, 'early-warning').getAttribute('data-status'), 'due');
    await shotsAtWidths(entity, '50-incident-page');
  });

  test('the analyst works on it: an event, a task and its outcome, an impact that changes, an attribution, a note', async () => {
    // An intrusion set of the entity's own, to attribute the incident to by searching its name.
    const made = await node.api({
      method: 'POST',
      url: '/api/v1/objects',
      headers: entityAnalyst.auth,
      payload: { object: { type: 'intrusion-set', spec_version: '2.1', name: 'Sandworm Team' } },
    });
    assert.equal(made.statusCode, 201, made.body);
    const d = (): Locator => entity.getByRole('dialog');
    const closed = (): Promise<void> => d().waitFor({ state: 'detached' });
    await entity.getByRole('button', { name: 'Add an event' }).click();
    await d().getByLabel('Name', { exact: true }).fill('SCADA front-ends stop answering');
    await d().getByLabel('Started (UTC)').fill(hoursAgo(3));
    await d().getByLabel('Status').selectOption('occurred');
    await d().getByRole('button', { name: 'Add the event' }).click();
    await closed();
    await entity.getByRole('list', { name: 'Timeline' }).getByText('SCADA front-ends stop answering').waitFor();

    await tab(entity, /^Tasks/);
    await entity.getByRole('button', { name: 'Add a task' }).click();
    await d().getByLabel('Name', { exact: true }).fill('Rebuild the front-ends');
    await d().getByLabel('Assignee (user name)').fill(entityAnalyst.user.username);
    await d().getByRole('button', { name: 'Add the task' }).click();
    await closed();
    await entity.getByRole('button', { name: 'Change the task Rebuild the front-ends' }).click();
    await d().getByLabel('Outcome').selectOption('successful');
    await d().getByRole('button', { name: 'Save' }).click();
    await closed();
    await entity.getByRole('table', { name: 'Tasks' }).getByText('successful').waitFor();

    await tab(entity, /^Impacts/);
    await entity.getByRole('button', { name: 'Add an impact' }).click();
    await d().getByLabel('Description').fill('Two substations on manual control.');
    await d().getByRole('button', { name: 'Add the impact' }).click();
    await closed();
    await entity.getByRole('button', { name: /^Update the availability impact/ }).click();
    await d().getByLabel('Description').fill('Three substations on manual control.');
    await d().getByRole('button', { name: 'Save a new version' }).click();
    await closed();
    await entity.getByText('2 versions').click();
    await entity.getByRole('list', { name: 'Versions of the impact' }).getByText('Two substations on manual control.').waitFor();

    await tab(entity, /^Linked intelligence/);
    await entity.getByRole('button', { name: 'Link an object' }).click();
    await d().getByRole('searchbox', { name: 'Object' }).fill('Sandworm');
    await d()
      .getByRole('button', { name: /Add Sandworm Team/ })
      .click();
    assert.equal(await d().getByLabel('Relationship').inputValue(), 'attributed-to', 'an intrusion set is attributed');
    await d().getByLabel('Confidence (0–100)').fill('70');
    await d().getByRole('button', { name: 'Link', exact: true }).click();
    await closed();
    const attribution = entity.getByRole('table', { name: 'Attribution' });
    await attribution.getByText('Sandworm Team').waitFor();
    assert.match(await attribution.innerText(), /attributed-to\s+70/);

    await tab(entity, /^Notes/);
    await entity.getByRole('button', { name: 'Add a note' }).click();
    await d().getByLabel('Note', { exact: true }).fill('The vendor confirms the VPN account was not theirs.');
    await d().getByRole('button', { name: 'Add the note' }).click();
    await closed();
    await entity.getByText('The vendor confirms').waitFor();
    await shotsAtWidths(entity, '50-incident-notes');
    await tab(entity, /^Timeline/);
  });

  test('the analyst submits the early warning', async () => {
    await entity.getByRole('link', { name: 'Write the early warning' }).click();
    await entity.waitForURL(/\/report\/early-warning$/);
    const form = entity.getByRole('form', { name: /early warning/ });
    await form.waitFor();
    await form.getByLabel('Summary').fill('Two substations lost SCADA; sabotage suspected.');
    await form.getByLabel('Suspected unlawful or malicious').selectOption('yes');
    await form.getByLabel('Cross-border impact', { exact: true }).selectOption('yes');
    await shotsAtWidths(entity, '50-incident-early-warning');
    await form.getByRole('button', { name: 'Submit the early warning' }).click();
    await entity.waitForURL(incidentUrl);
    await clock(entity, 'early-warning').and(entity.locator('[data-status="submitted-on-time"]')).waitFor();
  });

  test('a notification without the impact is refused, the Impact field named; completed, it is submitted', async () => {
    await entity.getByRole('link', { name: 'Write the incident notification' }).click();
    const form = entity.getByRole('form', { name: /incident notification/ });
    await form.waitFor();
    assert.equal(
      await form.getByLabel('Summary').inputValue(),
      'Two substations lost SCADA; sabotage suspected.',
      'prefilled from the early warning',
    );
    await form.getByLabel('Initial assessment').fill('Malware on the SCADA front-ends; grid stable.');
    await form.getByLabel(/^Severity/).selectOption('high');
    await form.getByLabel('Impact', { exact: true }).fill('');
    await form.getByRole('button', { name: 'Submit the incident notification' }).click();
    const impact = form.getByLabel('Impact', { exact: true });
    await form.locator('[aria-invalid="true"]').first().waitFor();
    assert.match(await fieldError(impact), /impact/i);
    assert.match(await form.getByRole('alert').innerText(), /Impact/);
    await shotsAtWidths(entity, '50-incident-notification-refused');
    await impact.fill('Remote control of two substations lost for 3 hours; no outage for customers.');
    await form.getByRole('button', { name: 'Submit the incident notification' }).click();
    await entity.waitForURL(incidentUrl);
    await clock(entity, 'notification').and(entity.locator('[data-status="submitted-on-time"]')).waitFor();
  });

  test('the analyst submits the final report; every clock reads "submitted on time"', async () => {
    await entity.getByRole('link', { name: 'Write the final report' }).click();
    const form = entity.getByRole('form', { name: /final report/ });
    await form.waitFor();
    await form.getByLabel('Detailed description').fill('Wiper malware deployed through a compromised vendor VPN account.');
    await form.getByLabel(/^Severity/).selectOption('high');
    await form.getByLabel('Type of threat or root cause').fill('Supply chain: stolen vendor credentials.');
    await form.getByLabel('Mitigation applied').fill('VPN account disabled; SCADA front-ends rebuilt.');
    await form.getByLabel('Mitigation ongoing').fill('MFA for every vendor access.');
    await form.getByLabel('Cross-border impact', { exact: true }).selectOption('yes');
    await form.getByLabel('The cross-border impact').fill('Interconnector to DE ran on manual control.');
    await shotsAtWidths(entity, '50-incident-final');
    await form.getByRole('button', { name: 'Submit the final report' }).click();
    await entity.waitForURL(incidentUrl);
    for (const stage of ['early-warning', 'notification', 'final']) {
      const chip = clock(entity, stage);
      await chip.and(entity.locator('[data-status="submitted-on-time"]')).waitFor();
      assert.match(await chip.innerText(), /submitted on time/);
    }
  });

  test('a report prints alone, with its marking banner top and bottom', async () => {
    await tab(entity, /^Reports/);
    const reports = entity.locator('article.report-doc');
    assert.equal(await reports.count(), 3);
    await entity.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    const final = reports.filter({ hasText: 'Final report' });
    await final.getByRole('button', { name: 'Print or save as PDF' }).click();
    assert.equal(await entity.locator('body').getAttribute('data-printed'), 'yes');
    await entity.emulateMedia({ media: 'print' });
    assert.equal(await entity.locator('.topbar').isVisible(), false, 'the shell is hidden');
    assert.ok(await final.getByTestId('marking-banner-top').isVisible());
    assert.ok(await final.getByTestId('marking-banner-bottom').isVisible());
    assert.match(await final.innerText(), /Type of threat or root cause[\s\S]*Supply chain/);
    await shot(entity, '50-incident-print');
    await entity.emulateMedia({ media: 'screen' });
  });

  test("the CSIRT's analyst reads the reports and answers with feedback", async () => {
    const p = await session(csirtAnalyst);
    await p.goto(incidentUrl);
    await p.getByRole('heading', { name: 'Substation SCADA outage' }).waitFor();
    await tab(p, /^Reports/);
    assert.equal(await p.locator('article.report-doc').count(), 3);
    await tab(p, /^CSIRT answers/);
    assert.equal(await p.getByRole('button', { name: 'Share across borders' }).count(), 0, 'an analyst does not share');
    await p.getByRole('button', { name: 'Answer' }).click();
    const d = dialog(p, /^Answer the entity/);
    await d.getByLabel('Feedback').fill('Received. Check vendor accounts on the other substations too.');
    await shotsAtWidths(p, '50-incident-answer');
    await d.getByRole('button', { name: 'Send the answer' }).click();
    await d.waitFor({ state: 'detached' });
    await p.getByRole('table', { name: "The CSIRT's answers" }).getByText('Check vendor accounts').waitFor();
    // The entity reads it and may not answer.
    await entity.reload();
    await tab(entity, /^CSIRT answers/);
    await entity.getByRole('table', { name: "The CSIRT's answers" }).getByText('Check vendor accounts').waitFor();
    assert.equal(await entity.getByRole('button', { name: 'Answer' }).count(), 0);
  });

  test('the CSIRT asks for an intermediate report by a date; the entity writes it, and revises its early warning', async () => {
    const p = await session(csirtAnalyst);
    await p.goto(incidentUrl);
    await tab(p, /^CSIRT answers/);
    await p.getByRole('button', { name: 'Request an intermediate report' }).click();
    const d = dialog(p, /^Request an intermediate report/);
    await d.getByLabel('What the report should cover').fill('Where the restore of the third substation stands.');
    await d.getByLabel('Due (UTC)').fill(hoursAgo(-48));
    await d.getByRole('button', { name: 'Send the request' }).click();
    await d.waitFor({ state: 'detached' });
    await entity.reload();
    assert.equal(await clock(entity, 'intermediate').getAttribute('data-status'), 'due');
    await entity.getByRole('link', { name: 'Write the intermediate report' }).click();
    await entity.waitForURL(/\/report\/intermediate\?request=0$/);
    await entity.getByLabel('Status update').fill('Third substation back on remote control.');
    await entity.getByRole('button', { name: 'Submit the intermediate report' }).click();
    await entity.waitForURL(incidentUrl);
    await clock(entity, 'intermediate').and(entity.locator('[data-status="submitted-on-time"]')).waitFor();
    // A revision starts from the report it revises and is listed as its next version.
    await entity.getByRole('link', { name: 'Revise the early warning' }).click();
    const summary = entity.getByLabel('Summary');
    assert.equal(await summary.inputValue(), 'Two substations lost SCADA; sabotage suspected.');
    await summary.fill('Two substations lost SCADA; sabotage confirmed.');
    await entity.getByRole('button', { name: 'Submit the revised early warning' }).click();
    await entity.waitForURL(incidentUrl);
    await tab(entity, /^Reports/);
    const early = entity.locator('article.report-doc').filter({ hasText: 'Early warning' });
    assert.match(await early.innerText(), /Version\s+2[\s\S]*sabotage confirmed/);
  });

  test('a CSIRT coordinator shares it across borders; the share is listed', async () => {
    const p = await session(csirtCoordinator);
    await p.goto(incidentUrl);
    await tab(p, /^Shares/);
    await p.getByRole('button', { name: 'Share across borders' }).click();
    const d = dialog(p, /^Share across borders/);
    const states = d.getByRole('group', { name: 'Member states' });
    assert.ok(await states.getByRole('checkbox', { name: 'DE', exact: true }).isChecked(), 'the member states affected are chosen');
    await d.getByLabel('What they receive').selectOption('whole');
    await d.getByLabel('TLP').selectOption('amber');
    await shotsAtWidths(p, '50-incident-share');
    await d.getByRole('button', { name: 'Share', exact: true }).click();
    await d.waitFor({ state: 'detached' });
    const shares = p.getByRole('table', { name: 'Shares and handovers' });
    await shares.getByText(/Cross-border share/).waitFor();
    await shares.getByText(/CERT-Bund test/).waitFor();
    await shotsAtWidths(p, '50-incident-shares');
  });
});
