// Organisations under NIS2 in a real browser (issue 16, must 2): a node administrator marks an
// organisation a CSIRT, adds an essential entity in its constituency with its Annex sectors
// (the CSIRT picker offers CSIRTs only), sees the role in the list, and edits it: an entity
// turned into none leaves its constituency. Screenshots go to test-results/16-admin-nis2-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { CLI } from '../src/domain/identity/principal.ts';
import { constituencyGroupId } from '../src/domain/incidents/constituency.ts';
import { BROWSER_SKIP, consoleErrors, launch, shot, signIn, startUiNode, type UiNode } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';

describe('NIS2 organisations in Chromium', { skip: BROWSER_SKIP, timeout: 120_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let admin: Person;

  before(async () => {
    node = await startUiNode();
    admin = await buildPerson(node.services, { org: node.org, roles: ['admin'] });
    await node.services.orgs.addOrg(CLI, { name: 'Plain Org' });
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    page.setDefaultTimeout(10_000);
    errors = consoleErrors(page, []);
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
  });

  const form = (name: string): Locator => page.getByRole('form', { name });
  const row = (text: string): Locator => page.getByRole('table', { name: 'Organisations' }).getByRole('row').filter({ hasText: text });
  const button = (name: string, scope: Page | Locator = page): Locator => scope.getByRole('button', { name, exact: true });

  test('adds a CSIRT and an essential entity of its constituency with its sectors', async () => {
    await signIn(page, node.url, admin);
    await page.goto(`${node.url}/admin/orgs`);
    const add = form('Add organisation');
    await add.getByLabel('Name', { exact: true }).fill('CSIRT-DE');
    await add.getByLabel('Country (ISO alpha-2)').fill('DE');
    await add.getByLabel('NIS2 role').selectOption('csirt');
    // A CSIRT has no CSIRT and no sectors.
    assert.equal(await add.getByLabel('CSIRT', { exact: true }).count(), 0);
    await button('Add organisation', add).click();
    await row('CSIRT-DE').getByText('CSIRT', { exact: true }).waitFor();

    await add.getByLabel('Name', { exact: true }).fill('Stadtwerke Nord');
    await add.getByLabel('NIS2 role').selectOption('essential');
    const picker = add.getByLabel('CSIRT', { exact: true });
    const offered = await picker.locator('option').allInnerTexts();
    assert.deepEqual(offered, ['none', 'CSIRT-DE (DE)'], 'only CSIRT organisations are offered');
    await picker.selectOption({ label: 'CSIRT-DE (DE)' });
    await add.getByLabel('Energy: Electricity').check();
    await add.getByLabel('Health (Annex I)').check();
    await shot(page, '16-admin-nis2-form');
    await button('Add organisation', add).click();
    await row('Stadtwerke Nord').getByText('essential entity of CSIRT-DE').waitFor();
    await shot(page, '16-admin-nis2-orgs');
    const entity = (await node.services.orgs.listOrgs(CLI)).find((o) => o.name === 'Stadtwerke Nord');
    const csirt = (await node.services.orgs.listOrgs(CLI)).find((o) => o.name === 'CSIRT-DE');
    assert.deepEqual([entity?.sectors, entity?.csirtOrg], [['energy/electricity', 'health'], csirt?.id]);
    const group = await node.store.orgs.getSharingGroup(constituencyGroupId(entity?.id ?? ''));
    assert.equal(group?.ownerOrg, csirt?.id);
  });

  test('the editor holds the NIS2 values; an entity turned into none leaves its constituency', async () => {
    await button('Edit Stadtwerke Nord').click();
    const edit = form('Edit Stadtwerke Nord');
    assert.equal(await edit.getByLabel('NIS2 role').inputValue(), 'essential');
    assert.equal(await edit.getByLabel('Energy: Electricity').isChecked(), true);
    await edit.getByLabel('NIS2 role').selectOption('none');
    await button('Save organisation', edit).click();
    await edit.waitFor({ state: 'detached' });
    await row('Stadtwerke Nord').getByText('—', { exact: true }).first().waitFor();
    const entity = (await node.services.orgs.listOrgs(CLI)).find((o) => o.name === 'Stadtwerke Nord');
    assert.equal(entity?.csirtOrg, null);
    assert.equal((await node.store.orgs.getSharingGroup(constituencyGroupId(entity?.id ?? '')))?.disabled, true);
    await shot(page, '16-admin-nis2-edited');
  });

  test('no error in the browser console', () => {
    assert.deepEqual(errors, []);
  });
});
