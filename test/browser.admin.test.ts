// Administration in a real browser (issue 6, items 5 and 6): a node administrator adds, edits and
// disables organisations, communities, sharing groups and users; resets a password and manages
// tokens; adds a TAXII collection and a feed of this node's own TAXII server, pulls it and sees a
// pull fail; shows the node's identity and pins, edits, disables and forgets a peer; verifies the
// audit log. Refusals are shown with the API's reason, next to the field it names; an
// organisation administrator is refused what only node administrators may do. Every field is
// labelled, the layout holds at 1280 pixels, and the console stays clean. Screenshots go to
// test-results/20-admin-*.png.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { generateNodeKey } from '../src/domain/federation/keys.ts';
import { CLI } from '../src/domain/identity/principal.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { BROWSER_SKIP, consoleErrors, launch, shot, startUiNode, type UiNode, signIn } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator } from './helpers/stix.ts';

const green = { object_marking_refs: [TLP2_MARKING_IDS.green] };

describe('administration in Chromium', { skip: BROWSER_SKIP, timeout: 180_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  /** Requests the test makes fail on purpose (Chromium logs each failed request). */
  const provoked: RegExp[] = [];
  let admin: Person, orgAdmin: Person;
  let selfToken = '';

  before(async () => {
    node = await startUiNode();
    admin = await buildPerson(node.services, { org: node.org, roles: ['admin'] });
    orgAdmin = await buildPerson(node.services, { org: node.org, roles: ['org-admin'] });
    await node.load([1, 2].map((n) => buildIndicator({ name: `Shared over TAXII ${n}`, ...green })));
    browser = await launch();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: node.url });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    errors = consoleErrors(page, provoked);
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
  });

  const form = (name: string): Locator => page.getByRole('form', { name });
  const row = (table: string, text: string | RegExp): Locator =>
    page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });
  const open = (section: string): Promise<void> =>
    page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: section, exact: true }).click();
  const button = (name: string, scope: Page | Locator = page): Locator => scope.getByRole('button', { name, exact: true });
  /** Chooses `name` in the picker labelled `label` (admin/picker.tsx) by typing it. */
  async function pick(scope: Locator, label: string, name: string): Promise<void> {
    await scope.getByLabel(label, { exact: true }).fill(name);
    await scope
      .getByRole('option', { name: new RegExp(`^${name}\\b`) })
      .first()
      .click();
  }
  /** The field-level error shown next to the control labelled `label` in `f`. */
  async function fieldError(f: Locator, label: string): Promise<string> {
    const control = f.getByLabel(label, { exact: true });
    await f.locator('.field-error').first().waitFor();
    assert.equal(await control.getAttribute('aria-invalid'), 'true', `${label} is marked invalid`);
    const id = (await control.getAttribute('aria-describedby'))?.split(' ')[0] ?? '';
    return page.locator(`[id="${id}"]`).innerText();
  }

  test('signs in as the node administrator', async () => {
    await page.goto(node.url);
    await page.getByLabel('User name').fill(admin.user.username);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('table', { name: 'Organisations' }).waitFor();
  });

  test('adds an organisation; a refused field is named next to it', async () => {
    const add = form('Add organisation');
    await add.getByLabel('Name', { exact: true }).fill('Test CERT');
    await add.getByLabel('Country (ISO alpha-2)').fill('Netherlands');
    provoked.push(/\/api\/v1\/orgs$/);
    await button('Add organisation', add).click();
    assert.match(await fieldError(add, 'Country (ISO alpha-2)'), /2 characters/);
    await add.getByLabel('Country (ISO alpha-2)').fill('nl');
    await button('Add organisation', add).click();
    await row('Organisations', 'Test CERT').getByText('NL', { exact: true }).waitFor();
    await shot(page, '20-admin-orgs');
  });

  test('adds a community, refuses a duplicate id, edits its members and disables it', async () => {
    await open('Communities');
    const add = form('Add community');
    await add.getByLabel('Id', { exact: true }).fill('energy');
    await add.getByLabel('Name', { exact: true }).fill('Energy ISAC');
    await button('Add community', add).click();
    await row('Communities', 'Energy ISAC').waitFor();
    await add.getByLabel('Id', { exact: true }).fill('energy');
    await add.getByLabel('Name', { exact: true }).fill('Energy again');
    provoked.push(/\/api\/v1\/communities$/);
    await button('Add community', add).click();
    assert.match(await fieldError(add, 'Id'), /already exists/);

    await button('Edit Energy ISAC').click();
    const edit = form('Edit Energy ISAC');
    await pick(edit, 'Member organisations', 'Test CERT');
    await button('Save community', edit).click();
    await edit.waitFor({ state: 'detached' });
    await row('Communities', 'Energy ISAC').getByText('Test CERT').waitFor();
    await button('Disable Energy ISAC').click();
    await button('Disable').click();
    await row('Communities', 'Energy ISAC').getByText('disabled').waitFor();
    await shot(page, '20-admin-communities');
  });

  test('edits an organisation (name, defaults, communities) and disables it', async () => {
    await open('Organisations');
    await button('Edit Test CERT').click();
    const edit = form('Edit Test CERT');
    // Keyboard: the editor opens with the focus in its first field.
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value), 'Test CERT');
    assert.equal(await edit.getByLabel('Energy ISAC').isChecked(), true, 'the community edit made it a member');
    await edit.getByLabel('Name', { exact: true }).fill('Test CERT NL');
    await edit.getByLabel('Default TLP').selectOption('green');
    await edit.getByLabel('Default distribution').selectOption('federation');
    await button('Save organisation', edit).click();
    await edit.waitFor({ state: 'detached' });
    // Keyboard: Escape leaves an editor without saving.
    await button('Edit Test CERT NL').focus();
    await page.keyboard.press('Enter');
    await form('Edit Test CERT NL').getByLabel('Name', { exact: true }).fill('Not saved');
    await page.keyboard.press('Escape');
    await form('Edit Test CERT NL').waitFor({ state: 'detached' });
    const r = row('Organisations', 'Test CERT NL');
    await r.getByText('federation').waitFor();
    await button('Disable Test CERT NL').click();
    await button('Disable: its users can no longer sign in').click();
    await r.getByText('disabled').waitFor();
    const org = (await node.services.orgs.listOrgs(CLI)).find((o) => o.name === 'Test CERT NL');
    assert.deepEqual(
      [org?.defaultTlp, org?.defaultDistribution, org?.communities, org?.disabled],
      ['green', 'federation', ['energy'], true],
    );
  });

  test("renaming the administrator's own organisation changes the header at once, without a reload", async () => {
    const name = node.org.name;
    const who = page.getByTestId('who');
    assert.ok((await who.innerText()).includes(`· ${name}`), 'the header names the organisation');
    // A reload would lose this mark: the new name must come from the app refreshing itself.
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    await button(`Edit ${name}`).click();
    const edit = form(`Edit ${name}`);
    await edit.getByLabel('Name', { exact: true }).fill(`${name} (renamed)`);
    await button('Save organisation', edit).click();
    await edit.waitFor({ state: 'detached' });
    await who.filter({ hasText: `· ${name} (renamed)` }).waitFor();
    assert.equal(await page.evaluate(() => 'notReloaded' in window), true);
    const back = form(`Edit ${name} (renamed)`);
    await button(`Edit ${name} (renamed)`).click();
    await back.getByLabel('Name', { exact: true }).fill(name);
    await button('Save organisation', back).click();
    await back.waitFor({ state: 'detached' });
    await page.waitForFunction(() => !document.querySelector('[data-testid="who"]')?.textContent?.includes('(renamed)'));
  });

  test('an unknown page is a not-found page with a link home, in the app and from the server', async () => {
    await page.goto(`${node.url}/admin/nope`);
    await page.getByTestId('not-found').getByText('/admin/nope').waitFor();
    await shot(page, '20-not-found');
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await page.getByRole('heading', { name: 'Situational awareness' }).waitFor();
    provoked.push(/\/objects\/x\/y\/z$/);
    const res = await page.goto(`${node.url}/objects/x/y/z`);
    assert.equal(res?.status(), 404);
    await page.getByRole('link', { name: 'Go to the dashboard' }).click();
    await page.getByTestId('who').waitFor();
    await page.goto(`${node.url}/admin/orgs`);
    await page.getByRole('table', { name: 'Organisations' }).waitFor();
  });

  test('adds a user, edits roles and clearances, resets the password, manages tokens, disables', async () => {
    await open('Users');
    const add = form('Add user');
    await add.getByLabel('User name').fill('duty officer');
    await add.getByLabel('Display name').fill('Duty Officer');
    // A clearance is chosen among the node's schemes and levels, so it cannot be misspelt.
    const clearances = add.getByRole('group', { name: 'Clearances' });
    assert.deepEqual(await clearances.getByLabel('NATO').locator('option').allInnerTexts(), [
      'none',
      'NATO UNCLASSIFIED',
      'NATO RESTRICTED',
      'NATO CONFIDENTIAL',
      'NATO SECRET',
      'COSMIC TOP SECRET',
    ]);
    await clearances.getByLabel('NATO').selectOption('NATO SECRET');
    provoked.push(/\/api\/v1\/users$/);
    await button('Add user', add).click();
    assert.match(await fieldError(add, 'User name'), /letters, digits/);
    await add.getByLabel('User name').fill('duty.officer');
    await button('Add user', add).click();
    assert.match(await page.getByTestId('new-password').innerText(), /^\S{20}$/);
    await row('Users', 'duty.officer').getByText('nato: NATO SECRET').waitFor();

    await button('Edit duty.officer').click();
    const edit = form('Edit duty.officer');
    await edit.getByLabel('coordinator').check();
    const levels = edit.getByRole('group', { name: 'Clearances' });
    assert.equal(await levels.getByLabel('NATO').inputValue(), 'NATO SECRET', "the editor starts from the user's clearances");
    await levels.getByLabel('NATO').selectOption('NATO CONFIDENTIAL');
    await levels.getByLabel('EU').selectOption('CONFIDENTIEL UE/EU CONFIDENTIAL');
    await button('Save user', edit).click();
    await edit.waitFor({ state: 'detached' });
    await row('Users', 'duty.officer').getByText('analyst, coordinator').waitFor();
    await row('Users', 'duty.officer').getByText('eu: CONFIDENTIEL UE/EU CONFIDENTIAL').waitFor();

    await button('Reset password of duty.officer').click();
    await button('Set a one-time password').click();
    const password = await page.getByTestId('reset-password').innerText();
    const login = await node.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'duty.officer', password } });
    assert.equal(login.statusCode, 200, 'the one-time password signs the user in');
    // …and then the user must choose their own before anything else.
    const theirs = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await theirs.newPage();
    p.setDefaultTimeout(10_000);
    const theirErrors = consoleErrors(p, []);
    await p.goto(node.url);
    await p.getByLabel('User name').fill('duty.officer');
    await p.getByLabel('Password').fill(password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Choose your password' }).waitFor();
    await p.getByLabel('New password', { exact: true }).fill('duty officer passphrase');
    await p.getByLabel('New password again').fill('duty officer passphrase');
    await shot(p, '07-change-password');
    await p.getByRole('button', { name: 'Save and continue' }).click();
    assert.match(await p.getByTestId('who').innerText(), /Duty Officer/);
    assert.deepEqual(theirErrors, []);
    await theirs.close();

    await button('Tokens of duty.officer').click();
    const create = form('Create token for this user');
    await create.getByLabel('Token name').fill('ops console');
    await button('Create token for this user', create).click();
    await page.getByTestId('token-secret').waitFor();
    await row('Tokens of duty.officer', 'ops console').waitFor();
    await button('Revoke ops console').click();
    await button('Revoke now').click();
    await row('Tokens of duty.officer', 'ops console')
      .getByText(/^revoked/)
      .waitFor();

    await button('Disable duty.officer').click();
    await button('Disable and sign out').click();
    await row('Users', 'duty.officer').getByText('disabled').waitFor();
    await shot(page, '20-admin-users');
  });

  test('adds a sharing group, edits its members and disables it', async () => {
    await open('Sharing groups');
    const add = form('Add sharing group');
    await add.getByLabel('Name', { exact: true }).fill('Grid circle');
    await button('Add sharing group', add).click();
    // The owner (this administrator's organisation) is always a member.
    await row('Sharing groups', 'Grid circle').getByText(node.org.name).first().waitFor();
    await button('Edit Grid circle').click();
    const edit = form('Edit Grid circle');
    await pick(edit, 'Members besides the owner', 'Test CERT NL');
    await button('Save sharing group', edit).click();
    await edit.waitFor({ state: 'detached' });
    await row('Sharing groups', 'Grid circle').getByText('Test CERT NL (NL)').waitFor();
    await button('Disable Grid circle').click();
    await button('Disable').click();
    await row('Sharing groups', 'Grid circle').getByText('disabled').waitFor();
    await shot(page, '20-admin-sharing-groups');
  });

  test('adds and edits a TAXII collection', async () => {
    await open('Tokens');
    const token = form('Create token');
    await token.getByLabel('Token name').fill('feed of this node');
    await button('Create token', token).click();
    selfToken = await page.getByTestId('token-secret').innerText();

    await open('Collections');
    const add = form('Add collection');
    await add.getByLabel('Title').fill('Shared indicators');
    await add.getByLabel('Alias').fill('shared');
    await add.getByLabel('Object types').fill('indicator');
    await add.getByLabel('every signed-in user').check();
    await button('Add collection', add).click();
    await row('TAXII collections', 'Shared indicators').getByText('types indicator').waitFor();
    await button('Edit Shared indicators').click();
    const edit = form('Edit Shared indicators');
    assert.equal(await edit.getByLabel('Kind').isDisabled(), true, 'the kind is fixed once made');
    await edit.getByLabel('Title').fill('Shared indicators (all)');
    await button('Save collection', edit).click();
    await row('TAXII collections', 'Shared indicators (all)').getByText('every signed-in user').waitFor();
    await shot(page, '20-admin-collections');
  });

  test("adds a feed of this node's TAXII server, pulls it, shows a failed pull, removes it", async () => {
    await open('Feeds');
    const add = form('Add feed');
    await add.getByLabel('Name', { exact: true }).fill('Own TAXII');
    await add.getByLabel('TAXII URL').fill('not a url');
    await add.getByLabel('Token').fill(selfToken);
    provoked.push(/\/api\/v1\/feeds$/);
    await button('Add feed', add).click();
    assert.match(await fieldError(add, 'TAXII URL'), /not an absolute URL/);
    await add.getByLabel('TAXII URL').fill(`${node.url}/taxii2/`);
    await add.getByLabel('Collection (id or alias)').fill('shared');
    await add.getByLabel('Token').fill(selfToken);
    await add.getByLabel('Pull', { exact: true }).selectOption('3600');
    await button('Add feed', add).click();
    const feed = row('TAXII feeds', '/objects/');
    await feed.getByText('never pulled').waitFor();
    await feed.getByRole('button', { name: /^Pull .* now$/ }).click();
    assert.match(await page.getByTestId('feed-pulled').innerText(), /ok, 2 objects: 0 new, 2 unchanged/);
    await feed.getByText(/^ok, 2 objects/).waitFor();
    await shot(page, '20-admin-feeds');

    // The collection goes away on the "peer": the next pull fails, and the feed says why.
    await open('Collections');
    await button('Remove Shared indicators (all)').click();
    await button('Remove (objects stay)').click();
    await page.getByRole('table', { name: 'TAXII collections' }).getByText('None.').waitFor();
    await open('Feeds');
    await feed.getByRole('button', { name: /^Pull .* now$/ }).click();
    await feed
      .locator('.error')
      .getByText(/failed: .*404/)
      .waitFor();
    await shot(page, '20-admin-feed-error');
    await feed.getByRole('button', { name: /^Remove / }).click();
    await button('Remove (objects stay)').click();
    await page.getByRole('table', { name: 'TAXII feeds' }).getByText('None.').waitFor();
  });

  test("shows this node's identity and pins, edits, disables and forgets a peer", async () => {
    await open('Peers');
    const identity = await node.services.federation.node.identity();
    assert.equal(await page.getByTestId('key-id').innerText(), identity.keyId);
    assert.equal(await page.getByLabel('Public key', { exact: true }).inputValue(), identity.publicKey);
    await button('Copy public key').click();
    await page.getByText('Copied.').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), identity.publicKey);

    await button('Add a peer…').click();
    const add = form('Add peer');
    await add.getByLabel('Name', { exact: true }).fill('cert-eu');
    // The "peer" is this node itself, which does not know the key pinned here: a pull fails at once.
    await add.getByLabel('Peer URL').fill(node.url);
    await add.getByLabel('Peer public key').fill('not a key');
    provoked.push(/\/api\/v1\/peers$/);
    await button('Add peer', add).click();
    assert.match(await fieldError(add, 'Peer public key'), /key/);
    await add.getByLabel('Peer public key').fill(generateNodeKey().publicKey);
    await add.getByLabel('Countries').fill('be');
    await add.getByRole('group', { name: 'Communities', exact: true }).getByLabel('Energy ISAC').check();
    await add.getByLabel('Highest TLP sent').selectOption('amber');
    await add.getByRole('group', { name: 'Accreditation (highest level)' }).getByLabel('EU').selectOption('SECRET UE/EU SECRET');
    await add.getByRole('group', { name: 'Highest classification sent' }).getByLabel('EU').selectOption('CONFIDENTIEL UE/EU CONFIDENTIAL');
    await add.getByLabel('Only these object types', { exact: true }).fill('indicator, malware');
    await button('Add peer', add).click();
    const peer = row('Peers', 'cert-eu');
    await peer.getByText('caught up').waitFor();
    await button('Edit cert-eu').click();
    const edit = form('Edit cert-eu');
    await edit.getByLabel('Countries').fill('BE, LU');
    await button('Save peer', edit).click();
    await peer.getByText(/BE, LU/).waitFor();
    await button('Pull cert-eu now').click();
    assert.match(await page.getByTestId('peer-pulled').innerText(), /^Pulled cert-eu: failed: .*401/);
    // The row may name the 401 twice (the last error and the pull's outcome).
    await peer.getByText(/401/).first().waitFor();
    await button('Disable cert-eu').click();
    await peer.getByText('disabled').waitFor();
    type Saved = {
      name: string;
      countries: string[];
      accreditation: Record<string, string>;
      outbound: { maxTlp?: string; maxClassification?: Record<string, string>; types?: string[] };
      disabled: boolean;
    };
    const [saved] = (await node.api({ method: 'GET', url: '/api/v1/peers' })).json<{ peers: Saved[] }>().peers;
    assert.deepEqual(
      [saved?.name, saved?.countries, saved?.outbound.maxTlp, saved?.outbound.types, saved?.disabled],
      ['cert-eu', ['BE', 'LU'], 'amber', ['indicator', 'malware'], true],
    );
    assert.deepEqual(
      [saved?.accreditation, saved?.outbound.maxClassification],
      [{ eu: 'SECRET UE/EU SECRET' }, { eu: 'CONFIDENTIEL UE/EU CONFIDENTIAL' }],
    );
    await shot(page, '20-admin-peers');
    await button('Remove cert-eu').click();
    await button('Forget this peer').click();
    await page.getByRole('table', { name: 'Peers' }).getByText('None.').waitFor();
  });

  test('the audit log holds the changes and its chain verifies', async () => {
    await open('Audit log');
    await button('Verify the hash chain').click();
    assert.match(await page.getByTestId('audit-verify').innerText(), /Chain intact/);
    for (const action of ['peer.add', 'feed.add', 'admin.user.update'])
      await page.getByRole('table', { name: 'Audit log' }).getByText(action, { exact: true }).first().waitFor();
    await shot(page, '20-admin-audit');
  });

  test('every field is labelled and the layout holds at 1280 and 1920 pixels', async () => {
    for (const width of [1280, 1920]) {
      await page.setViewportSize({ width, height: 1000 });
      for (const section of ['orgs', 'users', 'tokens', 'communities', 'sharing-groups', 'collections', 'feeds', 'peers', 'audit']) {
        await page.goto(`${node.url}/admin/${section}`);
        await page.getByRole('table').first().waitFor();
        if (section === 'peers') {
          await button('Add a peer…').click();
          await shot(page, `20-admin-peer-form-${width}`);
        }
        const unlabelled = await page.$$eval('input, select, textarea', (els) =>
          els.filter((e) => (e as HTMLInputElement).labels?.length === 0 && !e.getAttribute('aria-label')).map((e) => e.outerHTML),
        );
        assert.deepEqual(unlabelled, [], `${section}: unlabelled controls`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `/admin/${section} at ${width}px overflows by ${overflow}px`);
      }
    }
  });

  test("an organisation administrator is refused a node administrator's account, with the reason", async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await other.newPage();
    p.setDefaultTimeout(10_000);
    const theirs = consoleErrors(p, [/\/api\/v1\/users\/[^/]+$/]);
    await signIn(p, node.url, orgAdmin);
    await p.goto(`${node.url}/admin/users`);
    await button('Reset password of admin', p).click();
    await button('Set a one-time password', p).click();
    await p.getByRole('alert').getByText('Password not reset: only node administrators may change a node administrator').waitFor();
    await shot(p, '20-admin-refused');
    await p.goto(`${node.url}/admin/feeds`);
    await p.getByText('Node administrators only.').waitFor();
    assert.deepEqual(theirs, []);
    await other.close();
  });

  test('no error in the browser console', () => {
    assert.deepEqual(errors, []);
  });
});
