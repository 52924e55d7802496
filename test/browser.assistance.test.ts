// Rapid response on one node in Chromium (issue 18, must 7): a CSIRT's coordinator asks for
// assistance through the form — a window that ends before it starts and a skill that is neither
// in the framework nor a free tag are refused, each next to its field (nothing is sent) — then
// sends it, and raises its urgency in a new version; another organisation's coordinator fills its
// roster (the expert on the availability calendar) and offers the expert ranked for the request;
// the offer appears on the requester's open page without a reload, is accepted and becomes a
// deployment (moved to another place) whose page shows the member by name, a task and a daily
// status note (30 hours in a day refused at its field); the requester ends the deployment and
// writes the after-action report, and the request moves to the board's closed column. Everything
// goes through the real API. Screenshots: test-results/80-assistance-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import {
  BROWSER_SKIP,
  fieldError,
  launch,
  openSession,
  shotsAtWidths,
  startUiNode,
  type UiNode,
  type WatchedPage,
} from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';

const DAY = 86_400_000;
/** A time `days` from now as the forms take it: yyyy-mm-dd HH:MM, UTC. */
const inDays = (days: number): string => new Date(Date.now() + days * DAY).toISOString().slice(0, 16).replace('T', ' ');
const TITLE = 'Ransomware at the water utility';
const EXPERT = 'Camille Martin';

describe('rapid response on one node in Chromium', { skip: BROWSER_SKIP, timeout: 300_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let csirt: Person;
  let helper: Person;
  let requester: Page;
  let requestUrl = '';
  const pages: WatchedPage[] = [];

  before(async () => {
    node = await startUiNode();
    csirt = await buildPerson(node.services, { orgName: 'CIRCL test', country: 'LU', roles: ['coordinator'] });
    helper = await buildPerson(node.services, { orgName: 'CERT-FR test', country: 'FR', roles: ['coordinator'] });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
    for (const { errors } of pages) assert.deepEqual(errors, [], 'no console errors');
  });

  const dialog = (page: Page): Locator => page.getByRole('dialog');

  test('the CSIRT asks; a bad window and a bad skill are refused at their fields', async () => {
    requester = await openSession(browser, node.url, csirt, pages);
    await requester.goto(`${node.url}/assistance`);
    await requester.getByTestId('ask-assistance').click();
    const form = requester.getByRole('form', { name: 'Ask for assistance' });
    await form.waitFor();
    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('What happened').fill('Treatment plant controllers encrypted overnight.');
    await form.getByLabel('Affected entity').fill('Water utility of the capital');
    const skills = form.getByRole('group', { name: 'Skills needed (ECSF role profiles)' });
    await skills.getByRole('checkbox', { name: 'Cyber Incident Responder' }).check();
    await skills.getByRole('checkbox', { name: 'Digital Forensics Investigator' }).check();
    await form.getByLabel('Other skills (free tags: tools, sectors, techniques)').fill('§§ not a skill');
    await form.getByLabel('Needed from (UTC)').fill(inDays(9));
    await form.getByLabel('Needed until (UTC)').fill(inDays(2));
    await form.getByRole('button', { name: 'Send the request' }).click();
    assert.match(await fieldError(form.getByLabel('Needed until (UTC)')), /ends before it starts/);
    assert.match(await fieldError(skills), /neither in the skills framework nor a free tag/);
    assert.equal(new URL(requester.url()).pathname, '/assistance/new', 'nothing was sent');
    await shotsAtWidths(requester, '80-assistance-ask-refused');

    await form.getByLabel('Other skills (free tags: tools, sectors, techniques)').fill('scada');
    await form.getByLabel('Needed from (UTC)').fill(inDays(2));
    await form.getByLabel('Needed until (UTC)').fill(inDays(9));
    await form.getByRole('button', { name: 'Send the request' }).click();
    await requester.waitForURL(/\/assistance\/requests\/x-concord-assistance-request--/);
    requestUrl = requester.url();
    await requester.getByRole('heading', { name: TITLE }).waitFor();
    const first = requester.getByRole('region', { name: 'Request clocks' }).locator('[data-clock="first-offer"]');
    assert.equal(await first.getAttribute('data-status'), 'due');
    assert.equal(await requester.getByTestId('request-column').getAttribute('data-column'), 'open');
    await shotsAtWidths(requester, '80-assistance-request');

    // The requester changes it: a new version, the audience as asked.
    await requester.getByRole('link', { name: 'Change the request' }).click();
    const change = requester.getByRole('form', { name: 'Change the request' });
    assert.equal(await change.getByLabel('Title').inputValue(), TITLE);
    assert.ok(await change.getByLabel('Goes to').isDisabled(), 'the audience is fixed once asked');
    await change.getByLabel('Urgency').selectOption('critical');
    await change.getByRole('button', { name: 'Publish the new version' }).click();
    await requester.waitForURL(requestUrl);
    await requester.locator('.request-title [data-urgency="critical"]').waitFor();
  });

  let offerer: Page;

  test('another organisation fills its roster; the calendar shows the expert available', async () => {
    offerer = await openSession(browser, node.url, helper, pages);
    await offerer.goto(`${node.url}/assistance/roster`);
    await offerer.getByRole('button', { name: 'Add an expert' }).click();
    const d = dialog(offerer);
    await d.getByLabel('Name (never shared)').fill(EXPERT);
    await d.getByLabel('E-mail (never shared)').fill('camille.martin@cert.example.fr');
    await d.getByRole('group', { name: 'Skills (ECSF role profiles)' }).getByRole('checkbox', { name: 'Cyber Incident Responder' }).check();
    await d
      .getByRole('group', { name: 'Skills (ECSF role profiles)' })
      .getByRole('checkbox', { name: 'Digital Forensics Investigator' })
      .check();
    await d.getByLabel('Other skills (free tags: tools, sectors, techniques)').fill('scada');
    await d.getByLabel('Languages (ISO 639-1)').fill('en, fr');
    await d.getByLabel('Home country (ISO 3166-1)').fill('FR');
    await d.getByRole('button', { name: 'Add a window' }).click();
    await d.getByLabel('From (UTC)').fill(inDays(0));
    await d.getByLabel('Until (UTC)').fill(inDays(60));
    await d.getByRole('button', { name: 'Add the expert' }).click();
    await d.waitFor({ state: 'detached' });
    const row = offerer.getByTestId('expert-row').filter({ hasText: EXPERT });
    await row.waitFor();
    const today = new Date().toISOString().slice(0, 10);
    await offerer.getByTestId('availability-calendar').locator(`td[data-day="${today}"]`).getByText(EXPERT).waitFor();
    await shotsAtWidths(offerer, '80-assistance-roster');
  });

  test('the organisation offers the expert the matching ranks first; the offer reaches the open request page', async () => {
    await offerer.goto(requestUrl);
    await offerer.getByTestId('offer-experts').click();
    const form = offerer.getByRole('form', { name: 'Offer experts' });
    await form.waitFor();
    const pick = form.getByTestId('offer-expert').first();
    assert.match(await pick.innerText(), new RegExp(EXPERT));
    assert.match(await pick.innerText(), /proposed/);
    await shotsAtWidths(offerer, '80-assistance-offer');
    await pick.getByRole('checkbox').check();
    await form.getByLabel('Message to the requester').fill('Available from tomorrow, remote.');
    await form.getByRole('button', { name: 'Send the offer' }).click();
    await offerer.waitForURL(requestUrl);
    await offerer.getByTestId('offer').waitFor();

    // The requester's page, open all along, shows it without a reload (the assistance stream).
    const offer = requester.getByTestId('offer').filter({ hasText: helper.org.name });
    await offer.waitFor();
    assert.doesNotMatch(await offer.innerText(), new RegExp(EXPERT), 'partners see the pseudonym, not the name');
  });

  test('the requester accepts and forms the team; the deployment shows the member, a task and a note', async () => {
    await requester.getByRole('button', { name: `Accept the offer of ${helper.org.name}` }).click();
    await requester
      .getByTestId('offer-decision')
      .getByText(/accepted/)
      .waitFor();
    await requester.getByRole('button', { name: 'Form the team from the accepted offers' }).click();
    await requester.waitForURL(/\/assistance\/deployments\//);
    await requester.getByRole('button', { name: 'Start the deployment' }).click();
    await requester.getByTestId('deployment-status').getByText('active').waitFor();
    await requester.getByRole('button', { name: 'Change dates or place' }).click();
    await dialog(requester).getByLabel('Where', { exact: true }).fill('Luxembourg City');
    await dialog(requester).getByRole('button', { name: 'Save' }).click();
    await dialog(requester).waitFor({ state: 'detached' });
    await requester.getByRole('definition').getByText('Luxembourg City').waitFor();
    // The member's name, released by the expert's organisation to the deployment's members.
    await requester.getByRole('table', { name: 'Members' }).getByText(EXPERT).waitFor();

    await requester.getByRole('button', { name: 'Add a task' }).click();
    await dialog(requester).getByLabel('Task', { exact: true }).fill('Image the plant historian');
    await dialog(requester).getByRole('button', { name: 'Add the task' }).click();
    await dialog(requester).waitFor({ state: 'detached' });
    await requester.getByRole('table', { name: 'Tasks' }).getByText('Image the plant historian').waitFor();

    await requester.getByRole('button', { name: 'Add a status note' }).click();
    await dialog(requester).getByLabel('Hours spent', { exact: true }).fill('30');
    await dialog(requester).getByLabel('Status', { exact: true }).fill('Historian imaged; two implants found.');
    await dialog(requester).getByRole('button', { name: 'Add the note' }).click();
    assert.match(await fieldError(dialog(requester).getByLabel('Hours spent', { exact: true })), /0 to 24/);
    await dialog(requester).getByLabel('Hours spent', { exact: true }).fill('6.5');
    await dialog(requester).getByRole('button', { name: 'Add the note' }).click();
    await dialog(requester).waitFor({ state: 'detached' });
    await requester.getByTestId('status-note').getByText('Historian imaged; two implants found.').waitFor();
    assert.match(await requester.getByTestId('deployment-notes').innerText(), /6\.5 h/);
    await shotsAtWidths(requester, '80-assistance-deployment');
  });

  test('the requester ends the deployment and writes the after-action report; the request is closed', async () => {
    await requester.getByRole('button', { name: 'End the deployment' }).click();
    await requester.getByTestId('deployment-status').getByText('ended').waitFor();
    await requester.getByRole('link', { name: 'Write the after-action report' }).click();
    const form = requester.getByRole('form', { name: 'After-action report' });
    await form.waitFor();
    await form.getByLabel('What was found').fill('Two implants on the historian; initial access by a vendor VPN.');
    await form.getByLabel('What was done').fill('Imaged, cleaned and rebuilt the historian; VPN closed.');
    await form.getByLabel('What worked').fill('Remote forensics within a day.');
    await form.getByLabel('Recommendations').fill('Multi-factor authentication on vendor access.');
    await form
      .getByRole('group', { name: /Skills the team lacked/ })
      .getByRole('checkbox', { name: 'Penetration Tester' })
      .check();
    await shotsAtWidths(requester, '80-assistance-after-action');
    await form.getByRole('button', { name: 'Send the report' }).click();
    await requester.waitForURL(/\/assistance\/deployments\/[^/]+$/);
    await requester.getByTestId('deployment-after-action').getByText('Remote forensics within a day.').waitFor();

    await requester.goto(`${node.url}/assistance`);
    await requester.getByTestId('board-closed').getByText(TITLE).waitFor();
    await shotsAtWidths(requester, '80-assistance-board');
  });
});
