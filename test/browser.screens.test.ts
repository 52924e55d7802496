// Every screen of the UI at the three widths analysts work at (issue 15, must 11): as an analyst
// and as an administrator, each route the server serves (APP_ROUTES) is opened with real data
// (ATT&CK for ICS when ../shared is present, plus indicators, a sighting and mixed TLP), a
// screenshot is saved as test-results/screens/<role>-<screen>-<width>.png, and the page must
// neither overflow the window sideways nor log an error. A route added without a screen here
// fails the first test, so no screen goes unphotographed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { APP_ROUTES } from '../src/http/ui/plugin.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import {
  CONCORD_NIS2_EXTENSION_ID,
  EVENT_EXTENSION_ID,
  IMPACT_EXTENSION_ID,
  INCIDENT_CORE_EXTENSION_ID,
  TASK_EXTENSION_ID,
} from '../src/domain/incidents/types.ts';
import { BROWSER_SKIP, SCREENSHOTS, consoleErrors, launch, signIn, startUiNode, type UiNode } from './helpers/browser.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIdentity, buildIndicator, buildMalware, buildRelationship } from './helpers/stix.ts';
import { raiseAlert } from './helpers/raised-alert.ts';
import { deployHelp, type Assistance } from './helpers/assistance-screens.ts';

const WIDTHS = [1280, 1440, 1920] as const;
const ATTACK = join(import.meta.dirname, '..', '..', 'shared', 'data', 'attack', 'ics-attack-18.1.json');
const ADMIN_SECTIONS = ['orgs', 'users', 'tokens', 'communities', 'sharing-groups', 'collections', 'feeds', 'peers', 'audit', 'decay'];

const green = { object_marking_refs: [TLP2_MARKING_IDS.green] };
const amber = { object_marking_refs: [TLP2_MARKING_IDS.amber] };
const malware = buildMalware({ name: 'Industroyer2', description: 'Targets **IEC-104** substations.', ...amber });
const indicator = buildIndicator({
  name: 'Industroyer2 C2',
  pattern: "[ipv4-addr:value = '192.0.2.0/24'] OR [domain-name:value = 'c2.example.net']",
  ...green,
});
const relation = buildRelationship(indicator, 'indicates', malware, green);
const site = buildIdentity({ name: 'Grid operator', identity_class: 'organization', ...green });
const sighting = {
  type: 'sighting',
  spec_version: '2.1',
  id: 'sighting--0f7d4c1e-3a2b-4c5d-8e9f-1a2b3c4d5e6f',
  created: '2026-11-30T08:00:00.000Z',
  modified: '2026-11-30T08:00:00.000Z',
  sighting_of_ref: indicator.id,
  where_sighted_refs: [site.id],
  first_seen: '2026-11-29T22:10:00.000Z',
  count: 3,
  ...amber,
};

// An incident with its work (issue 16) for the incident page and the report forms.
const INCIDENT = 'incident--5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';
const incidentWork = (() => {
  const T = '2026-11-30T06:30:00.000Z';
  const base = (type: string, id: string) => ({ type, spec_version: '2.1', id, created: T, modified: T, ...amber });
  const sdo = (ext: string) => ({ extensions: { [ext]: { extension_type: 'new-sdo' } } });
  const event = {
    ...base('event', 'event--6c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f'),
    name: 'SCADA front-ends stop answering',
    status: 'occurred',
    start_time: T,
    ...sdo(EVENT_EXTENSION_ID),
  };
  const impact = {
    ...base('impact', 'impact--7d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a'),
    impact_category: 'availability',
    description: 'Two substations on manual control.',
    ...sdo(IMPACT_EXTENSION_ID),
  };
  const task = {
    ...base('task', 'task--8e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6a7b'),
    name: 'Rebuild the front-ends',
    outcome: 'pending',
    ...sdo(TASK_EXTENSION_ID),
  };
  const incident = {
    ...base('incident', INCIDENT),
    name: 'Substation SCADA outage',
    extensions: {
      [INCIDENT_CORE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        determination: 'confirmed',
        investigation_status: 'open',
        event_refs: [event.id],
        impact_refs: [impact.id],
        task_refs: [task.id],
      },
      [CONCORD_NIS2_EXTENSION_ID]: {
        extension_type: 'property-extension',
        aware_at: T,
        sector: 'energy',
        subsector: 'electricity',
        member_states_affected: ['LU', 'DE'],
        significant: true,
        cross_border_impact: true,
        rsit_classification: 'availability',
        rsit_type: 'sabotage',
        severity: 'high',
      },
    },
  };
  return [incident, event, impact, task];
})();

/** Paths to open for each route pattern: the patterns with parameters get real values. */
function instances(
  objectId: string,
  graphId: string,
  alertId = '',
  assist: Assistance = { requestId: '', deploymentId: '' },
  incidentId = INCIDENT,
): Record<string, { name: string; path: string }[]> {
  const request = `/assistance/requests/${assist.requestId}`;
  const deployment = `/assistance/deployments/${assist.deploymentId}`;
  return {
    '/': [{ name: 'dashboard', path: '/' }],
    '/explore': [
      { name: 'explore', path: '/explore' },
      { name: 'explore-search', path: '/explore?q=industroyer' },
    ],
    '/lookup': [{ name: 'lookup', path: '/lookup?q=192.0.2.55' }],
    '/import': [{ name: 'import', path: '/import' }],
    '/new': [{ name: 'new-object', path: '/new' }],
    '/incidents': [
      { name: 'incidents', path: '/incidents' },
      { name: 'incidents-filtered', path: '/incidents?stageStatus=overdue,due&severity=high&sort=due' },
    ],
    '/incidents/inbox': [{ name: 'incident-inbox', path: '/incidents/inbox' }],
    '/incidents/summary': [{ name: 'incident-summary', path: '/incidents/summary' }],
    '/objects/:id': [
      { name: 'object-indicator', path: `/objects/${indicator.id}` },
      { name: 'object-malware', path: `/objects/${malware.id}` },
      { name: 'object-relationship', path: `/objects/${relation.id}` },
      { name: 'object-sighting', path: `/objects/${sighting.id}` },
      { name: 'object-long', path: `/objects/${objectId}` },
    ],
    '/objects/:id/graph': [{ name: 'graph', path: `/objects/${graphId}/graph` }],
    '/incidents/new': [{ name: 'incident-new', path: '/incidents/new' }],
    '/incidents/:id': [{ name: 'incident', path: `/incidents/${incidentId}` }],
    '/incidents/:id/report/:stage': [
      { name: 'incident-report-early-warning', path: `/incidents/${incidentId}/report/early-warning` },
      { name: 'incident-report-final', path: `/incidents/${incidentId}/report/final` },
    ],
    '/admin/:section': ADMIN_SECTIONS.map((s) => ({ name: `admin-${s}`, path: `/admin/${s}` })),
    // Collective-threat alerts (issue 17): the list, the rules and one alert.
    '/alerts': [{ name: 'alerts', path: '/alerts' }],
    '/alerts/rules': [{ name: 'alert-rules', path: '/alerts/rules' }],
    '/alerts/:id': [{ name: 'alert', path: `/alerts/${alertId}` }],
    // Rapid response (issue 18): the board, asking, the roster, a request with its offer and
    // proposal, the offer form, the change form, a deployment with its work, and the after-action form.
    '/assistance': [{ name: 'assistance-board', path: '/assistance' }],
    '/assistance/new': [{ name: 'assistance-ask', path: '/assistance/new' }],
    '/assistance/roster': [{ name: 'assistance-roster', path: '/assistance/roster' }],
    '/assistance/requests/:id': [{ name: 'assistance-request', path: request }],
    '/assistance/requests/:id/offer': [{ name: 'assistance-offer', path: `${request}/offer` }],
    '/assistance/requests/:id/edit': [{ name: 'assistance-edit', path: `${request}/edit` }],
    '/assistance/deployments/:id': [{ name: 'assistance-deployment', path: deployment }],
    '/assistance/deployments/:id/report': [{ name: 'assistance-after-action', path: `${deployment}/report` }],
  };
}

describe('every screen at 1280, 1440 and 1920 pixels', { skip: BROWSER_SKIP, timeout: 600_000 }, () => {
  let node: UiNode;
  let browser: Browser;
  let analyst: Person;
  let admin: Person;
  // Without ATT&CK the long-page and big-graph screens fall back to the hand-made objects.
  let longId: string = malware.id;
  let graphId: string = malware.id;
  let alertId = '';
  let assist: Assistance = { requestId: '', deploymentId: '' };

  before(async () => {
    node = await startUiNode();
    const objects: unknown[] = [malware, indicator, relation, site, sighting, ...incidentWork];
    if (existsSync(ATTACK)) {
      const attack = JSON.parse(await readFile(ATTACK, 'utf8')) as { objects: { id: string; type: string; name?: string }[] };
      objects.push(...attack.objects);
      // The longest description is the page most likely to overflow; a group has the most edges.
      longId = attack.objects.find((o) => o.type === 'attack-pattern')?.id ?? longId;
      graphId = attack.objects.find((o) => o.type === 'intrusion-set' && o.name === 'Sandworm Team')?.id ?? graphId;
    } else {
      console.log(`# ${ATTACK} is absent: the screens are photographed with hand-made data only`);
    }
    await node.load(objects);
    await node.services.incidents.catchUp();
    analyst = await buildPerson(node.services, { org: node.org, roles: ['analyst'] });
    admin = await buildPerson(node.services, { org: node.org, roles: ['admin'] });
    alertId = await raiseAlert(node, node.org, admin);
    assist = await deployHelp(node);
    browser = await launch();
    await mkdir(join(SCREENSHOTS, 'screens'), { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await node?.dispose();
  });

  test('every route the server serves has screens here', () => {
    const covered = Object.keys(instances('', ''));
    for (const route of APP_ROUTES) assert.ok(covered.includes(route), `${route} has no screen in browser.screens.test.ts`);
  });

  async function sweep(role: string, person: Person, only: (route: string, name: string) => boolean): Promise<void> {
    const page: Page = await browser.newPage({ viewport: { width: WIDTHS[0], height: 900 } });
    page.setDefaultTimeout(15_000);
    const errors = consoleErrors(page);
    await signIn(page, node.url, person);
    const table = instances(longId, graphId, alertId, assist);
    for (const route of APP_ROUTES) {
      for (const screen of table[route] ?? []) {
        if (!only(route, screen.name)) continue;
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto(`${node.url}${screen.path}`);
          await page.getByTestId('who').waitFor();
          await page.waitForLoadState('networkidle');
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `${role} ${screen.name} at ${width} px is ${overflow} px wider than the window`);
          await page.screenshot({ path: join(SCREENSHOTS, 'screens', `${role}-${screen.name}-${width}.png`), fullPage: true });
        }
      }
    }
    assert.deepEqual(errors, [], `${role}: errors in the browser console`);
    await page.close();
  }

  test('as an analyst', async () => {
    await sweep('analyst', analyst, (route) => route !== '/admin/:section');
  });

  test('as an administrator', async () => {
    await sweep('admin', admin, () => true);
  });
});
