// Rapid response across three sovereign nodes in Chromium (issue 18, must 7): CIRCL's coordinator
// on node A asks the federation for help through the form; the request travels to nodes B and C,
// whose organisations each offer the expert of their roster (B through its coordinator's browser,
// C through the API). Both offers appear on A's open request page without a reload, by pseudonym
// only; A's coordinator accepts them in the browser and forms the team, whose members' names then
// reach A (released by B and C to the deployment's members). The deployment runs — a task, a daily
// status note — and closes with its after-action report, all seen in A's browser. Three `concord
// serve` processes (test/helpers/assistance-nodes.ts). Screenshots: test-results/81-assistance-*.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { OfferView, RequestView } from '../src/domain/assistance/api.ts';
import { buildWeb } from '../scripts/build-web.ts';
import { BROWSER_SKIP, launch, openSession, shotsAtWidths, type WatchedPage } from './helpers/browser.ts';
import { NEEDED } from './helpers/assistance-inputs.ts';
import { ASSISTANCE_ROUTES, type AssistanceNode, expectCall, startAssistanceNodes, until } from './helpers/assistance-nodes.ts';

const TITLE = 'Ransomware at the water utility';
/** A time as the forms take it: yyyy-mm-dd HH:MM, UTC. */
const typed = (iso: string): string => iso.slice(0, 16).replace('T', ' ');
/** startCommunity's users: `coordinator-<i>` with the password it gives them. */
const coordinatorOf = (i: number) => ({ user: { username: `coordinator-${i}` }, password: `correct horse coordinator-${i}` });

describe('rapid response across three nodes in Chromium', { skip: BROWSER_SKIP, timeout: 400_000 }, () => {
  let world: AssistanceNode[] = [];
  let browser: Browser;
  let a: Page;
  let requestId = '';
  const pages: WatchedPage[] = [];

  before(async () => {
    await buildWeb({ ifStale: true, quiet: true });
    world = await startAssistanceNodes(['CIRCL', 'CERT-FR', 'CERT-Bund']);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    for (const w of world) await w.node.dispose();
    for (const { errors } of pages) assert.deepEqual(errors, [], 'no console errors');
  });

  const at = (i: number): AssistanceNode => world[i] as AssistanceNode;
  const nodes = () => world.map((w) => w.node);

  test("A's coordinator asks the federation through the form", async () => {
    a = await openSession(browser, at(0).node.url, coordinatorOf(0), pages, { timeout: 20_000 });
    await a.goto(`${at(0).node.url}/assistance/new`);
    const form = a.getByRole('form', { name: 'Ask for assistance' });
    await form.waitFor();
    await form.getByLabel('Title').fill(TITLE);
    await form.getByLabel('What happened').fill('Treatment plant controllers encrypted overnight.');
    const skills = form.getByRole('group', { name: 'Skills needed (ECSF role profiles)' });
    await skills.getByRole('checkbox', { name: 'Cyber Incident Responder' }).check();
    await skills.getByRole('checkbox', { name: 'Digital Forensics Investigator' }).check();
    await form.getByLabel('Needed from (UTC)').fill(typed(NEEDED.from));
    await form.getByLabel('Needed until (UTC)').fill(typed(NEEDED.until));
    await form.getByLabel('Goes to').selectOption('federation');
    await form.getByLabel('TLP').selectOption('green');
    await form.getByRole('button', { name: 'Send the request' }).click();
    await a.waitForURL(/\/assistance\/requests\/x-concord-assistance-request--/);
    requestId = decodeURIComponent(new URL(a.url()).pathname.split('/').at(-1) ?? '');
    await a.getByRole('heading', { name: TITLE }).waitFor();
  });

  test('B offers in its browser and C through the API; both offers reach the open page on A', async () => {
    for (const i of [1, 2])
      await until(
        `the request on ${at(i).node.name}`,
        async () => (await at(i).node.call(at(i).coordinator, 'GET', ASSISTANCE_ROUTES.request(requestId))).status === 200,
        nodes(),
      );
    const b = await openSession(browser, at(1).node.url, coordinatorOf(1), pages, { timeout: 20_000 });
    await b.goto(`${at(1).node.url}/assistance/requests/${encodeURIComponent(requestId)}/offer`);
    const form = b.getByRole('form', { name: 'Offer experts' });
    const pick = form.getByTestId('offer-expert').filter({ hasText: at(1).expert.name });
    await pick.getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Send the offer' }).click();
    await b.waitForURL(/\/assistance\/requests\/[^/]+$/);
    await expectCall<OfferView>(at(2).node, at(2).coordinator, 'POST', ASSISTANCE_ROUTES.offers(requestId), {
      experts: [{ expertId: at(2).expert.id }],
      message: 'Remote support from Bonn.',
    });

    for (const w of [at(1), at(2)]) await a.getByTestId('offer').filter({ hasText: w.node.name }).waitFor({ timeout: 30_000 });
    const text = await a.getByTestId('request-offers').innerText();
    for (const w of [at(1), at(2)]) assert.ok(!text.includes(w.expert.name), `${w.expert.name} is shown by pseudonym only`);
    await shotsAtWidths(a, '81-assistance-offers');
  });

  test('A accepts both offers and forms the team; the members are named on A', async () => {
    for (const w of [at(1), at(2)]) {
      await a.getByRole('button', { name: `Accept the offer of ${w.node.name}` }).click();
      await a
        .getByTestId('offer')
        .filter({ hasText: w.node.name })
        .getByTestId('offer-decision')
        .getByText(/accepted/)
        .waitFor();
    }
    await a.getByRole('button', { name: 'Form the team from the accepted offers' }).click();
    await a.waitForURL(/\/assistance\/deployments\//);
    await a.getByRole('button', { name: 'Start the deployment' }).click();
    await a.getByTestId('deployment-status').getByText('active').waitFor();
    // The member cards come from B and C once their experts are in the deployment.
    const members = a.getByRole('table', { name: 'Members' });
    for (const w of [at(1), at(2)]) await members.getByText(w.expert.name).waitFor({ timeout: 30_000 });
  });

  test('the deployment runs and closes with its report, seen in A’s browser', async () => {
    await a.getByRole('button', { name: 'Add a task' }).click();
    await a.getByRole('dialog').getByLabel('Task', { exact: true }).fill('Image the plant historian');
    await a.getByRole('dialog').getByRole('button', { name: 'Add the task' }).click();
    await a.getByRole('table', { name: 'Tasks' }).getByText('Image the plant historian').waitFor();
    await a.getByRole('button', { name: 'Add a status note' }).click();
    await a.getByRole('dialog').getByLabel('Hours spent', { exact: true }).fill('8');
    await a.getByRole('dialog').getByLabel('Status', { exact: true }).fill('Historian imaged; two implants found.');
    await a.getByRole('dialog').getByRole('button', { name: 'Add the note' }).click();
    await a.getByTestId('status-note').getByText('Historian imaged; two implants found.').waitFor();
    await shotsAtWidths(a, '81-assistance-deployment');

    await a.getByRole('button', { name: 'End the deployment' }).click();
    await a.getByRole('link', { name: 'Write the after-action report' }).click();
    const form = a.getByRole('form', { name: 'After-action report' });
    await form.getByLabel('What was found').fill('Two implants on the historian.');
    await form.getByLabel('What was done').fill('Imaged, cleaned and rebuilt the historian.');
    await form.getByLabel('What worked').fill('Two teams from two states within a day.');
    await form.getByLabel('Recommendations').fill('Multi-factor authentication on vendor access.');
    await form.getByRole('button', { name: 'Send the report' }).click();
    await a.getByTestId('deployment-after-action').getByText('Two teams from two states within a day.').waitFor();
    await shotsAtWidths(a, '81-assistance-after-action');

    // The request is closed on A's board, and its picture reached the offering nodes too.
    await a.goto(`${at(0).node.url}/assistance`);
    await a.getByTestId('board-closed').getByText(TITLE).waitFor();
    await until(
      'the closed request on CERT-FR',
      async () => {
        const res = await at(1).node.call(at(1).coordinator, 'GET', ASSISTANCE_ROUTES.request(requestId));
        return res.status === 200 && (res.json as RequestView).column === 'closed';
      },
      nodes(),
    );
  });
});
