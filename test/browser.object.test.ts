// Object pages in a real browser (issue 15, must 3), on real data: ATT&CK for ICS (../shared/data)
// plus a hand-made indicator with a pattern, a second version of it uploaded through the API, and
// a sighting of it. As an analyst of a partner organisation and as the node's administrator: the
// ATT&CK id beside the title, Markdown rendered, citations as links, the pattern's observables,
// raw JSON with copy and download, a diff between versions, the access panel, and nothing wider
// than the window at 1280, 1440 and 1920 px. Screenshots: test-results/object-<type>-<width>.png
// (the administrator's with `-admin`).
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { CLI } from '../src/domain/identity/principal.ts';
import type { SharingGroup } from '../src/domain/identity/types.ts';
import { BROWSER_SKIP, consoleErrors, launch, shot, signIn, startUiNode, type UiNode } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { sharedPath, skipUnlessShared } from './helpers/shared.ts';
import { buildIndicator, bundle, nextVersion, type Obj } from './helpers/stix.ts';

const ATTACK = sharedPath('data', 'attack', 'ics-attack-18.1.json');
const T0865 = 'attack-pattern--648f995e-9c3a-41e4-aeee-98bb41037426';
const USES = 'relationship--d9165ecb-bc10-4189-a7e4-057bdf05bf3f';
const WIDTHS = [1280, 1440, 1920];

describe('object pages in Chromium', { skip: BROWSER_SKIP || skipUnlessShared(ATTACK), timeout: 300_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let analyst: Person, admin: Person;
  let group: SharingGroup;
  let deprecated: string;
  const indicator = buildIndicator({
    name: 'Substation C2 network',
    description:
      'Beacons to **known** command servers; see [CISA ICS advisories](https://www.cisa.gov/news-events/cybersecurity-advisories). (Citation: Grid CERT advisory 7)',
    pattern: "[ipv4-addr:value = '192.0.2.0/24'] OR [domain-name:value = 'c2.example.net']",
    valid_until: '2025-01-01T00:00:00.000Z',
    confidence: 85,
    labels: ['c2', 'ics'],
    kill_chain_phases: [{ kill_chain_name: 'mitre-ics-attack', phase_name: 'command-and-control' }],
    external_references: [{ source_name: 'Grid CERT advisory 7', url: 'https://cert.example.org/advisories/7' }],
  });
  const revised = nextVersion(indicator, { name: 'Substation C2 network (revised)', confidence: 95 });
  let sighting: Obj;

  /** Uploads objects through the REST API as `who`, distributed to the sharing group. */
  async function upload(who: Person, objects: unknown[]): Promise<void> {
    const res = await fetch(`${node.url}/api/v1/imports?filename=grid-iocs.json&tlp=amber&distribution=sharing-group:${group.id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(bundle(objects)),
    });
    assert.equal(res.status, 202, await res.text());
    await node.services.imports.idle();
  }

  before(async () => {
    node = await startUiNode();
    analyst = await buildPerson(node.services, { orgName: 'Grid CERT', country: 'DE' });
    admin = await buildPerson(node.services, { org: node.org, roles: ['admin'] });
    group = await node.services.orgs.addSharingGroup(CLI, { name: 'Grid operators', ownerOrg: analyst.org.id, members: [node.org.id] });
    // ATT&CK is public: TLP:CLEAR to the whole federation, owned by the operating organisation.
    const attack = await readFile(ATTACK);
    const summary = await node.services.ingest.importStream([attack], {
      source: 'test:attack',
      owner: { orgId: node.org.id, tlp: 'clear', distribution: { kind: 'federation' }, actor: 'system:test' },
    });
    assert.equal(summary.quarantined, 0, JSON.stringify(summary));
    const objects = (JSON.parse(attack.toString()) as { objects: Obj[] }).objects;
    deprecated = objects.find((o) => o['x_mitre_deprecated'] === true && o['name'] === 'Industroyer')?.id ?? '';
    sighting = {
      type: 'sighting',
      spec_version: '2.1',
      id: `sighting--${crypto.randomUUID()}`,
      created: '2024-02-01T00:00:00.000Z',
      modified: '2024-02-01T00:00:00.000Z',
      sighting_of_ref: indicator.id,
      count: 4,
      where_sighted_refs: [analyst.org.id],
      first_seen: '2024-01-30T08:00:00.000Z',
      last_seen: '2024-01-31T12:00:00.000Z',
    };
    await upload(analyst, [indicator, sighting]);
    await upload(analyst, [revised]);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
  });

  async function open(who: Person): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: node.url });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const errors = consoleErrors(page);
    await signIn(page, node.url, who);
    return { page, errors };
  }

  async function visit(page: Page, id: string): Promise<void> {
    await page.goto(`${node.url}/objects/${encodeURIComponent(id)}`);
    await page.getByTestId('object-title').waitFor();
    await page.getByTestId('access-owner').waitFor();
  }

  /** Screenshots at each width, asserting that nothing is wider than the window. */
  async function screenshots(page: Page, name: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name}: nothing overflows the window at ${width} px (${overflow} px)`);
      await shot(page, `${name}-${width}`);
    }
    await page.setViewportSize({ width: 1440, height: 900 });
  }

  for (const role of ['analyst', 'administrator'] as const) {
    describe(`as ${role === 'analyst' ? 'an analyst of a partner organisation' : 'the administrator'}`, () => {
      let page: Page;
      let errors: string[];
      const suffix = role === 'analyst' ? '' : '-admin';
      before(async () => {
        ({ page, errors } = await open(role === 'analyst' ? analyst : admin));
      });
      after(() => page?.context().close());

      test('an ATT&CK technique: T-number by the title, Markdown and citations as links, phases, named markings, access', async () => {
        await visit(page, T0865);
        assert.equal(await page.getByTestId('object-title').innerText(), 'Spearphishing Attachment');
        assert.equal(await page.getByTestId('object-type').innerText(), 'Attack pattern');
        const tid = page.getByTestId('external-id').first();
        assert.equal(await tid.innerText(), 'T0865');
        assert.equal(await tid.getAttribute('href'), 'https://attack.mitre.org/techniques/T0865');
        const description = page.getByTestId('description');
        // Markdown: the inline link is a link, not "[User Execution](…)".
        const link = description.getByRole('link', { name: 'User Execution' });
        assert.equal(await link.getAttribute('href'), 'https://attack.mitre.org/techniques/T0863');
        assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
        // "(Citation: …)" became a link to the reference's url.
        const cite = description.getByRole('link', { name: 'CISA AA21-201A Pipeline Intrusion July 2021' });
        assert.match((await cite.getAttribute('href')) ?? '', /^https:\/\/us-cert\.cisa\.gov\/.*AA21-201A/);
        assert.doesNotMatch(await description.innerText(), /\(Citation:/);
        assert.match(await page.getByRole('list', { name: 'Kill chain phases' }).innerText(), /mitre-ics-attack:\s*initial-access/);
        const markings = await page.getByRole('list', { name: 'Markings' }).innerText();
        assert.match(markings, /Copyright 2015-2025, The MITRE/);
        assert.match(markings, /TLP:CLEAR/);
        assert.doesNotMatch(markings, /marking-definition--/);
        assert.equal(await page.getByTestId('access-owner').innerText(), node.org.name);
        assert.equal(await page.getByTestId('access-distribution').innerText(), 'Federation (every organisation)');
        assert.match(await page.getByTestId('access-audience').innerText(), /Grid CERT/);
        assert.match(await page.getByTestId('created-by').innerText(), /MITRE/);
        assert.match(await page.getByRole('list', { name: 'External references' }).innerText(), /mitre-attack: T0865/);
        await screenshots(page, `object-attack-pattern${suffix}`);
        // Its relationships name both ends and their types in words.
        await page.getByRole('tab', { name: /Relationships/ }).click();
        const rels = page.getByRole('table', { name: 'Relationships' });
        await rels.getByRole('link', { name: 'BlackEnergy' }).waitFor();
        assert.match(await rels.innerText(), /uses\s+←\s+BlackEnergy\s+Malware/);
        // The ATT&CK collection references the technique and its neighbours: only its own edge is listed.
        assert.equal(await rels.getByRole('row', { name: /Contents \(ATT&CK\)/ }).count(), 1);
        await screenshots(page, `object-relationships${suffix}`);
      });

      test('a relationship is titled by its ends, a deprecated object is flagged', async () => {
        await visit(page, USES);
        assert.equal(await page.getByTestId('object-title').innerText(), 'BlackEnergy —uses→ Spearphishing Attachment');
        await screenshots(page, `object-relationship${suffix}`);
        await visit(page, deprecated);
        assert.equal(await page.getByTestId('flag-deprecated').textContent(), 'Deprecated');
        assert.equal(await page.getByTestId('object-title').innerText(), 'Industroyer');
      });

      test('an indicator: pattern with its observables as lookups, validity, confidence, access by name', async () => {
        await visit(page, indicator.id);
        assert.equal(await page.getByTestId('object-title').innerText(), 'Substation C2 network (revised)');
        assert.equal(await page.getByTestId('object-type').innerText(), 'Indicator');
        assert.equal(await page.getByTestId('pattern').innerText(), indicator['pattern']);
        const observables = page.getByRole('table', { name: 'Observables in the pattern' });
        for (const value of ['192.0.2.0/24', 'c2.example.net']) {
          const a = observables.getByRole('link', { name: value });
          assert.equal(await a.getAttribute('href'), `/lookup?value=${encodeURIComponent(value)}`);
        }
        assert.match(
          await page.getByTestId('validity').innerText(),
          /valid from 2024-01-01 00:00 UTC until 2025-01-01 00:00 UTC\s*expired/i,
        );
        assert.equal(await page.getByTestId('confidence').innerText(), '95 / 100 (High)');
        const description = page.getByTestId('description');
        assert.equal(await description.locator('strong').innerText(), 'known');
        assert.equal(
          await description.getByRole('link', { name: 'Grid CERT advisory 7' }).getAttribute('href'),
          'https://cert.example.org/advisories/7',
        );
        assert.equal(await page.getByTestId('access-owner').innerText(), 'Grid CERT (DE)');
        assert.equal(await page.getByTestId('access-distribution').innerText(), 'Sharing group Grid operators');
        // Which upload stored it (issue 15, must 3): its owner's analyst and the node's
        // administrator both may know who uploaded it.
        assert.match(
          await page.getByTestId('access-source').innerText(),
          new RegExp(
            `^Uploaded by ${analyst.user.username} from grid-iocs\\.json on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC \\(import [0-9a-f]{8}\\)$`,
          ),
        );
        const audience = await page.getByTestId('access-audience').innerText();
        assert.match(audience, /Grid CERT/);
        assert.match(audience, new RegExp(node.org.name));
        await page.getByTestId('marking-banner-top').locator('[data-tlp="amber"]').waitFor();
        await screenshots(page, `object-indicator${suffix}`);
      });

      test('the raw JSON is one tab away, with Copy and Download', async () => {
        await visit(page, indicator.id);
        await page.getByRole('tab', { name: 'Raw JSON' }).click();
        const raw = JSON.parse(await page.getByTestId('raw-json').innerText()) as Obj;
        assert.equal(raw.id, indicator.id);
        await page.getByRole('button', { name: 'Copy' }).click();
        await page.getByText(/Copied to the clipboard|The browser refused the clipboard/).waitFor();
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download' }).click()]);
        assert.equal(download.suggestedFilename(), `${indicator.id}.json`);
        await screenshots(page, `object-raw${suffix}`);
      });

      test('the versions tab lists both versions and shows what changed between them', async () => {
        await visit(page, indicator.id);
        await page.getByRole('tab', { name: 'Versions' }).click();
        const diff = page.getByTestId('version-diff');
        await diff.waitFor();
        assert.equal(await page.getByRole('list', { name: 'Versions, oldest first' }).locator('li').count(), 2);
        // Each changed line carries its marker and, for screen readers, its kind in words.
        const removed = await diff.locator('.diff-line.removed').allTextContents();
        const added = await diff.locator('.diff-line.added').allTextContents();
        assert.ok(
          removed.some((l) => /^−removed: {3}"name": "Substation C2 network",/.test(l)),
          removed.join('\n'),
        );
        assert.ok(
          added.some((l) => /^\+added: {3}"name": "Substation C2 network \(revised\)",/.test(l)),
          added.join('\n'),
        );
        assert.ok(added.some((l) => /"confidence": 95/.test(l)));
        // The same version on both sides: nothing changed.
        await page.getByLabel('From version').selectOption({ index: 1 });
        await page.getByText('The two versions are identical.').waitFor();
        await page.getByLabel('From version').selectOption({ index: 0 });
        await screenshots(page, `object-versions${suffix}`);
      });

      test('a sighting is titled by what was sighted, how often and where', async () => {
        await visit(page, sighting.id);
        assert.equal(await page.getByTestId('object-title').innerText(), 'Substation C2 network (revised) sighted 4 times at Grid CERT');
        await screenshots(page, `object-sighting${suffix}`);
        assert.deepEqual(errors, []);
      });
    });
  }
});
