// The notification bell in a real browser (issue 16, musts 7 and 11): a notification published
// for an incident the user may read appears in the bell without a reload (over the live stream),
// links to the incident and is marked read; a user of another organisation sees none. Screenshot
// of the open bell: test-results/60-notifications-bell.png.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { BROWSER_SKIP, consoleErrors, launch, shot, signIn, startUiNode, type UiNode } from './helpers/browser.ts';
import { incidentReaders, type IncidentReaders } from './helpers/incident-readers.ts';
import type { Person } from './helpers/people.ts';

describe('notification bell in Chromium', { skip: BROWSER_SKIP, timeout: 120_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let who: IncidentReaders;
  const pages: { page: Page; errors: string[] }[] = [];

  before(async () => {
    node = await startUiNode();
    who = await incidentReaders(node.services, node.store);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
    for (const { errors } of pages) assert.deepEqual(errors, [], 'no console errors');
  });

  /** A signed-in page for `person`, once its notification stream is open. */
  async function session(person: Person): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    pages.push({ page, errors: consoleErrors(page) });
    // What follows must reach the page by the stream, not by a poll.
    const streaming = page.waitForResponse((r) => r.url().includes('/api/v1/notifications/stream') && r.status() === 200);
    await signIn(page, node.url, person);
    await streaming;
    return page;
  }

  test('a notification appears live for a reader; an outsider sees none', async () => {
    const csirt = await session(who.csirt);
    const outsider = await session(who.outsider);
    const bell = csirt.getByTestId('notification-bell');
    await bell.waitFor();
    assert.equal(await csirt.getByTestId('notification-count').count(), 0);
    const id = await who.incident('Ransomware at the port');
    await node.services.notifications.publish({
      kind: 'report-submitted',
      incidentId: id,
      title: 'Early warning submitted for Ransomware at the port',
      body: 'The entity submitted its early warning.',
      actor: who.entity.user.id,
    });
    await csirt.getByTestId('notification-count').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    await bell.click();
    const link = csirt.getByRole('link', { name: 'Early warning submitted for Ransomware at the port' });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `/incidents/${id}`);
    await shot(csirt, '60-notifications-bell');
    await csirt.getByRole('button', { name: 'Mark all read' }).click();
    await csirt.getByTestId('notification-count').waitFor({ state: 'detached' });
    await csirt.keyboard.press('Escape');
    await csirt.getByRole('dialog', { name: 'Notifications' }).waitFor({ state: 'detached' });

    // Following a notification opens its incident and marks it read.
    await node.services.notifications.publish({
      kind: 'answer',
      incidentId: id,
      title: 'The CSIRT answered on Ransomware at the port',
      body: 'b',
    });
    await csirt.getByTestId('notification-count').filter({ hasText: '1' }).waitFor({ timeout: 10_000 });
    await bell.click();
    await csirt.getByRole('link', { name: 'The CSIRT answered on Ransomware at the port' }).click();
    await csirt.waitForURL(`**/incidents/${id}`);
    await csirt.getByTestId('notification-count').waitFor({ state: 'detached' });
    assert.ok(await bell.isVisible(), 'inside the app, without a reload');
    assert.equal(await csirt.getByRole('dialog', { name: 'Notifications' }).count(), 0, 'the menu closed');

    await outsider.getByTestId('notification-bell').click();
    await outsider.getByText('No notifications.').waitFor();
    assert.equal(await outsider.getByTestId('notification-count').count(), 0);
    assert.equal(await outsider.getByText('Ransomware').count(), 0);
  });
});
