// Writing in a real browser (issue 15, must 4 and 11): an analyst creates an indicator (a pattern
// that does not parse is named next to the Pattern field before anything is sent), edits it,
// relates it to a malware, records a sighting, changes its markings by name and revokes it; a
// coordinator, even of the owning organisation, is offered only the annotations (note, opinion;
// sightings go through "We saw this"); a viewer no write action at all; an administrator
// creates a report with objects chosen by searching them. Screenshots of the New object screen
// and of each dialog at 1280, 1440 and 1920 pixels go to test-results/40-write-*.png.
//
// The forms' own logic is tested without a browser in src/domain/writing/draft.test.ts and
// src/domain/stix/relationship-suggestions.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import {
  BROWSER_SKIP,
  launch,
  startUiNode,
  type UiNode,
  shotsAtWidths,
  fieldError,
  openSession,
  type WatchedPage,
} from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildMalware } from './helpers/stix.ts';

describe('writing in Chromium', { skip: BROWSER_SKIP, timeout: 240_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let analyst: Person;
  const malware = buildMalware({ name: 'BlackEnergy', object_marking_refs: [TLP2_MARKING_IDS.green] });
  const pages: WatchedPage[] = [];

  before(async () => {
    node = await startUiNode();
    analyst = await buildPerson(node.services, { org: node.org, roles: ['analyst'] });
    await node.load([malware]);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
    for (const { errors } of pages) assert.deepEqual(errors, [], 'no console errors');
  });

  const session = (person: Person, expected: RegExp[] = []): Promise<Page> => openSession(browser, node.url, person, pages, { expected });

  const actions = (page: Page): Locator => page.getByRole('group', { name: 'Write actions' });
  const dialog = (page: Page, name: RegExp): Locator => page.getByRole('dialog', { name });
  const done = async (page: Page, text: string): Promise<void> => {
    await actions(page).getByRole('status').filter({ hasText: text }).waitFor();
  };

  let page: Page;

  test('an analyst creates an indicator; a bad pattern is named next to its field before sending', async () => {
    // The conflict below is a 409 the test provokes.
    page = await session(analyst, [/\/versions$/]);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New' }).click();
    await page.waitForURL(/\/new/);
    await page.getByRole('radio', { name: 'Indicator' }).check();
    await page.getByLabel('Name', { exact: true }).fill('Substation C2');
    const pattern = page.getByLabel('Pattern', { exact: true });
    await pattern.fill("[ipv4-addr:value = '192.0.2.1'");
    assert.match(await fieldError(pattern), /pattern does not parse at column \d+/);
    await shotsAtWidths(page, '40-write-new-indicator-error');
    await pattern.fill("[ipv4-addr:value = '192.0.2.0/24']");
    assert.equal(await pattern.getAttribute('aria-invalid'), null, 'the error goes once the pattern parses');
    await page.getByRole('checkbox', { name: 'malicious-activity' }).check();
    await page.getByLabel('Labels').fill('c2, ics');
    await page.getByLabel('Confidence').fill('80');
    await page.getByLabel('Kill-chain phases').fill('mitre-attack:command-and-control');
    await page.getByLabel('TLP').selectOption('green');
    assert.match(await page.getByTestId('write-applies').innerText(), /TLP:GREEN/);
    await shotsAtWidths(page, '40-write-new-indicator');
    await page.getByRole('button', { name: 'Create indicator' }).click();
    await page.waitForURL(/\/objects\/indicator--/);
    assert.equal(await page.getByTestId('object-title').innerText(), 'Substation C2');
  });

  test('the analyst edits it: only what changed is sent, as a new version', async () => {
    await actions(page).getByRole('button', { name: 'Edit' }).click();
    const d = dialog(page, /^Edit Substation C2/);
    assert.equal(await d.getByLabel('Pattern', { exact: true }).inputValue(), "[ipv4-addr:value = '192.0.2.0/24']");
    await d.getByLabel('Name', { exact: true }).fill('Substation C2 network');
    await shotsAtWidths(page, '40-write-edit');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && /\/versions$/.test(r.url()));
    await d.getByRole('button', { name: 'Save new version' }).click();
    const body = (await sent).postDataJSON() as { changes: Record<string, unknown>; base?: string };
    assert.deepEqual(body.changes, { name: 'Substation C2 network' });
    assert.ok(body.base, 'the version the edit started from is sent');
    await done(page, 'New version saved.');
    await page.getByTestId('object-title').filter({ hasText: 'Substation C2 network' }).waitFor();
  });

  test('an edit started before someone else published is refused, and offers the latest version', async () => {
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop() ?? '');
    await actions(page).getByRole('button', { name: 'Edit' }).click();
    const d = dialog(page, /^Edit /);
    await d.getByLabel('Confidence').fill('90');
    const meanwhile = await node.api({
      method: 'POST',
      url: `/api/v1/objects/${encodeURIComponent(id)}/versions`,
      payload: { changes: { description: 'Changed meanwhile' } },
    });
    assert.equal(meanwhile.statusCode, 201, meanwhile.body);
    await d.getByRole('button', { name: 'Save new version' }).click();
    await d.getByText('Someone published a newer version since you opened this one.').waitFor();
    await d.getByRole('button', { name: 'Reload the latest version' }).click();
    // The form is filled again from the version published meanwhile.
    const description = d.getByLabel('Description');
    for (let i = 0; i < 50 && (await description.inputValue()) !== 'Changed meanwhile'; i++) await page.waitForTimeout(100);
    assert.equal(await description.inputValue(), 'Changed meanwhile');
    await d.getByLabel('Confidence').fill('90');
    await d.getByRole('button', { name: 'Save new version' }).click();
    await d.waitFor({ state: 'detached' });
  });

  test('the analyst relates it to a malware found by name, with the type STIX suggests', async () => {
    await actions(page).getByRole('button', { name: 'Relate' }).click();
    const d = dialog(page, /^Relate /);
    await d.getByRole('searchbox', { name: 'Related object' }).fill('BlackEnergy');
    await d.getByRole('button', { name: /Add BlackEnergy/ }).click();
    assert.equal(await d.getByLabel('Relationship type').inputValue(), 'indicates');
    await shotsAtWidths(page, '40-write-relate');
    await d.getByRole('button', { name: 'Create relationship' }).click();
    await done(page, 'Relationship created.');
  });

  test('the analyst records a sighting of it, with its first time and count', async () => {
    await page.getByRole('button', { name: /^Details… of a sighting of / }).click();
    const d = dialog(page, /^We saw /);
    await d.getByLabel('First seen').fill('2026-12-01T08:00:00Z');
    await d.getByLabel('Count').fill('3');
    await shotsAtWidths(page, '40-write-sighting');
    await d.getByRole('button', { name: 'Record sighting' }).click();
    await page.getByTestId('sightings-panel').getByRole('status').filter({ hasText: 'Sighting recorded.' }).waitFor();
  });

  test('the analyst changes its markings by name', async () => {
    await actions(page).getByRole('button', { name: 'Markings' }).click();
    const d = dialog(page, /^Markings of /);
    await d.getByLabel('TLP').selectOption('amber');
    assert.match(await d.getByTestId('write-applies').innerText(), /TLP:AMBER/);
    await shotsAtWidths(page, '40-write-markings');
    await d.getByRole('button', { name: 'Save markings' }).click();
    await done(page, 'Markings changed.');
    await page.getByTestId('marking-banner-top').locator('[data-tlp="amber"]').waitFor();
  });

  test('the analyst revokes it after a confirmation naming it', async () => {
    await actions(page).getByRole('button', { name: 'Revoke' }).click();
    const d = dialog(page, /^Revoke /);
    assert.match(await d.getByTestId('revoke-what').innerText(), /Revoke Substation C2 network \(indicator\)\?/);
    await shotsAtWidths(page, '40-write-revoke');
    await d.getByRole('button', { name: 'Revoke', exact: true }).click();
    await done(page, 'Revoked.');
    assert.equal(await actions(page).getByRole('button', { name: 'Edit' }).count(), 0, 'a revoked object is no longer edited');
  });

  test('a coordinator of the owning organisation is offered only the annotations', async () => {
    const coordinator = await buildPerson(node.services, { org: node.org, roles: ['coordinator'] });
    const p = await session(coordinator);
    await p.goto(`${node.url}/objects/${encodeURIComponent(malware['id'] as string)}`);
    const group = actions(p);
    await group.waitFor();
    const names = await group.getByRole('button').allInnerTexts();
    assert.deepEqual(names, ['Note', 'Opinion']);
    await group.getByRole('button', { name: 'Opinion' }).click();
    const d = dialog(p, /^Opinion on BlackEnergy/);
    await d.getByLabel('Opinion', { exact: true }).selectOption('strongly-agree');
    await d.getByLabel('Explanation').fill('Seen in our constituency too.');
    await shotsAtWidths(p, '40-write-opinion');
    await d.getByRole('button', { name: 'Create opinion' }).click();
    await done(p, 'Opinion added.');
  });

  test('a viewer sees no write action and no New entry', async () => {
    const viewer = await buildPerson(node.services, { org: node.org, roles: ['viewer'] });
    const p = await session(viewer);
    await p.goto(`${node.url}/objects/${encodeURIComponent(malware['id'] as string)}`);
    await p.getByTestId('object-title').waitFor();
    assert.equal(await actions(p).count(), 0);
    assert.equal(await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New' }).count(), 0);
    await p.goto(`${node.url}/new`);
    await p.getByText('Your roles may not create objects.').waitFor();
  });

  test('an administrator creates a report of objects found by name', async () => {
    const admin = await buildPerson(node.services, { org: node.org, roles: ['admin'] });
    const p = await session(admin);
    await p.goto(`${node.url}/new?type=report`);
    await p.getByLabel('Name', { exact: true }).fill('Weekly ICS threat report');
    await p.getByRole('searchbox', { name: 'Objects in the report' }).fill('BlackEnergy');
    await p.getByRole('button', { name: /Add BlackEnergy/ }).click();
    await p
      .getByRole('list', { name: 'Chosen: Objects in the report' })
      .getByText(/BlackEnergy/)
      .waitFor();
    await p.getByRole('checkbox', { name: 'threat-report' }).check();
    await shotsAtWidths(p, '40-write-new-report');
    await p.getByRole('button', { name: 'Create report' }).click();
    await p.waitForURL(/\/objects\/report--/);
    assert.equal(await p.getByTestId('object-title').innerText(), 'Weekly ICS threat report');
  });
});
