// Rapid response in the one picture of the situation (issue 18, musts 5 and 7), one node in
// Chromium: the dashboard's "Requests for assistance" panel lists a request an organisation may
// read — with its urgency, its skills by title and its response clocks — and folds its marking
// into the dashboard's banner, while an organisation outside the request's audience sees neither
// it nor its count; a request arriving while the dashboard is open appears without a reload; an
// assistance object opened as a STIX object (the Explorer's, a lookup's page) links to the page it
// is worked on, and a response-clock reminder to the request's page. Requests are asked through the services. Screenshots: test-results/81-dash-assist-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { CLI } from '../src/domain/identity/principal.ts';
import { requestInput } from './helpers/assistance-inputs.ts';
import { deployHelp } from './helpers/assistance-screens.ts';
import { BROWSER_SKIP, launch, openSession, shotsAtWidths, startUiNode, type UiNode, type WatchedPage } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';

const objectUrl = (node: UiNode, id: string): string => `${node.url}/objects/${encodeURIComponent(id)}`;

describe('requests for assistance on the dashboard and object pages', { skip: BROWSER_SKIP, timeout: 240_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let asker: Person;
  let named: Person;
  let outsider: Person;
  let own: Person;
  let namedOnly = { id: '', title: '' };
  const pages: WatchedPage[] = [];

  before(async () => {
    node = await startUiNode();
    asker = await buildPerson(node.services, { orgName: 'CIRCL dash', country: 'LU', roles: ['coordinator'] });
    named = await buildPerson(node.services, { orgName: 'CERT-FR dash', country: 'FR', roles: ['analyst'] });
    outsider = await buildPerson(node.services, { orgName: 'CERT-EE dash', country: 'EE', roles: ['analyst'] });
    own = await buildPerson(node.services, { org: node.org, roles: ['coordinator'] });
    const requests = node.services.assistance.requests;
    // To the named organisation only, TLP:RED through the requester's sharing group.
    const input = requestInput({ kind: 'organizations', ids: [named.org.id] }, { urgency: 'critical', tlp: 'red' });
    const r = await requests.ask(CLI, input, asker.org.id);
    namedOnly = { id: r.id, title: input.title };
    await requests.catchUp();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
    for (const { errors } of pages) assert.deepEqual(errors, [], 'no console errors');
  });

  const panelOf = async (page: Page) => {
    await page.goto(node.url);
    const panel = page.getByTestId('assistance-panel');
    await panel.waitFor();
    await panel.getByTestId('assist-counts').waitFor();
    return panel;
  };

  test('the named organisation sees the request with its urgency, skills and clocks; the banner covers it', async () => {
    const page = await openSession(browser, node.url, named, pages);
    const panel = await panelOf(page);
    const row = panel.getByTestId('assist-waiting').locator('li').filter({ hasText: namedOnly.title });
    await row.waitFor();
    assert.equal(await row.locator('[data-urgency]').getAttribute('data-urgency'), 'critical');
    assert.match(await row.getByRole('list', { name: 'Skills needed' }).innerText(), /Cyber Incident Responder/);
    assert.equal(await row.locator('[data-clock="first-offer"]').getAttribute('data-status'), 'due');
    assert.match(await row.locator('[data-clock="first-offer"]').innerText(), /due in/);
    assert.equal(await panel.getByTestId('assist-count-open').innerText(), '1');
    assert.equal(await page.getByTestId('marking-banner-top').locator('[data-tlp]').getAttribute('data-tlp'), 'red');
    await shotsAtWidths(page, '81-dash-assist-named');

    await row.getByRole('link', { name: namedOnly.title }).click();
    await page.waitForURL(`**/assistance/requests/${encodeURIComponent(namedOnly.id)}`);
    await page.getByRole('heading', { name: namedOnly.title }).waitFor();
  });

  test('an organisation outside the audience sees neither the request nor its count; one to the federation arrives live', async () => {
    const page = await openSession(browser, node.url, outsider, pages);
    const panel = await panelOf(page);
    await panel
      .getByTestId('assist-empty')
      .getByText(/No open request for assistance/)
      .waitFor();
    assert.equal(await panel.getByTestId('assist-count-open').innerText(), '0');
    assert.doesNotMatch(await page.locator('body').innerText(), new RegExp(namedOnly.title));
    assert.notEqual(await page.getByTestId('marking-banner-top').locator('[data-tlp]').getAttribute('data-tlp'), 'red');
    await shotsAtWidths(page, '81-dash-assist-empty');

    // A request to the whole federation, asked while the dashboard is open, appears without a reload.
    const input = requestInput({ kind: 'federation' }, { urgency: 'medium' });
    await node.services.assistance.requests.ask(CLI, input, asker.org.id);
    await node.services.assistance.requests.catchUp();
    await panel.getByTestId('assist-waiting').getByText(input.title).waitFor({ timeout: 30_000 });
    assert.equal(await panel.getByTestId('assist-count-open').innerText(), '1');
    assert.doesNotMatch(await panel.innerText(), new RegExp(namedOnly.title));
  });

  test("a response-clock reminder in the bell opens the request's page", async () => {
    // The reminder job's run a day on: the first offer's 24-hour target has passed unanswered.
    await node.services.notifications.remind(new Date(Date.now() + 25 * 3_600_000));
    const page = await openSession(browser, node.url, asker, pages);
    await page.goto(node.url);
    await page.getByRole('button', { name: /^Notifications, \d+ unread$/ }).click();
    const reminder = page
      .getByRole('dialog', { name: 'Notifications' })
      .getByRole('link', { name: `Deadline exceeded: First offer for ${namedOnly.title}` });
    await reminder.click();
    await page.waitForURL(`**/assistance/requests/${encodeURIComponent(namedOnly.id)}`);
    await page.getByRole('heading', { name: namedOnly.title }).waitFor();
  });

  test("a request's and a deployment's objects link to the pages they are worked on", async () => {
    const page = await openSession(browser, node.url, named, pages);
    await page.goto(objectUrl(node, namedOnly.id));
    await page.getByRole('link', { name: 'Open the request' }).click();
    await page.waitForURL(`**/assistance/requests/${encodeURIComponent(namedOnly.id)}`);
    await page.getByRole('heading', { name: namedOnly.title }).waitFor();

    // A deployment's status note, opened as a note, leads to its deployment's page.
    const help = await deployHelp(node);
    const note = await node.services.assistance.deployments.addNote(
      CLI,
      help.deploymentId,
      { text: 'Day two: logs collected.', hours: 4 },
      node.org.id,
    );
    await node.services.assistance.requests.catchUp();
    const member = await openSession(browser, node.url, own, pages);
    await member.goto(objectUrl(node, note.id));
    await member.getByRole('link', { name: 'Open the deployment' }).click();
    await member.waitForURL(`**/assistance/deployments/${encodeURIComponent(help.deploymentId)}`);
    await member.getByTestId('status-note').getByText('Day two: logs collected.').waitFor();
    await shotsAtWidths(member, '81-dash-assist-deployment');

    // The offer the team came from, opened as an object, leads to its request.
    const offerId = (await node.services.assistance.requests.get(CLI, help.requestId)).offers[0]?.id;
    assert.ok(offerId);
    await member.goto(objectUrl(node, offerId));
    await member.getByRole('link', { name: 'Open the request' }).click();
    await member.waitForURL(`**/assistance/requests/${encodeURIComponent(help.requestId)}`);
    await member.getByTestId('offer').first().waitFor();
  });
});
