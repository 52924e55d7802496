// Scratch: screens with mocked incident API, screenshots to test-results/mock-*.png
import type { Route } from 'playwright-core';
import { consoleErrors, launch, shot, signIn, startUiNode } from '../test/helpers/browser.ts';
import { buildPerson } from '../test/helpers/people.ts';

const now = Date.now();
const iso = (h: number) => new Date(now + h * 3600_000).toISOString();
const row = (i: number, over: Record<string, unknown> = {}) => ({
  id: `incident--0000000${i}-1111-4222-8333-444455556666`,
  name: i === 1 ? 'Ransomware at the Rhine grid operator, substations 4 to 11 unreachable from the control centre' : `Incident ${i}`,
  ownerOrg: 'identity--x', ownerName: i % 2 ? 'Rhine Grid AG' : 'Hospital Lyon Sud', csirtOrg: 'identity--c',
  status: 'open', determination: 'confirmed', sector: 'energy', subsector: 'electricity', country: 'DE', memberStates: ['DE', 'FR'],
  rsitClass: 'malicious-code', rsitType: 'infected-system', severity: 'high', significant: true, crossBorder: i === 1,
  awareAt: iso(-30), handledAt: null, modified: iso(-1), nextDueAt: iso(2), marking: 'TLP:AMBER+STRICT',
  clocks: [
    { stage: 'early-warning', status: 'overdue', dueAt: iso(-6), submittedAt: null, rule: 'NIS2 Art. 23(4)(a)' },
    { stage: 'notification', status: 'due', dueAt: iso(42), submittedAt: null, rule: 'NIS2 Art. 23(4)(b)' },
    { stage: 'final', status: 'not-started', dueAt: null, submittedAt: null, rule: 'NIS2 Art. 23(4)(d)' },
    { stage: 'csirt-response', status: 'submitted-on-time', dueAt: iso(-10), submittedAt: iso(-12), rule: 'x' },
  ],
  ...over,
});
const json = (r: Route, body: unknown) => r.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });

const node = await startUiNode();
const analyst = await buildPerson(node.services, { org: node.org, roles: ['analyst'] });
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const errors = consoleErrors(page);
await page.route('**/api/v1/incidents?*', (r) => json(r, { items: Array.from({ length: 6 }, (_, i) => row(i + 1)), next: 'x' }));
await page.route('**/api/v1/incidents/inbox', (r) =>
  json(r, { items: [{ incidentId: row(1).id, incidentName: row(1).name, ownerName: 'Rhine Grid AG', reportId: 'report--1', stage: 'early-warning', submittedAt: iso(-3), answerDueAt: iso(21) }] }),
);
await page.route('**/api/v1/incidents/summary?*', (r) =>
  json(r, { from: iso(-1000), to: iso(1000), incidents: 12, significant: 9, bySector: { energy: 5, health: 4, unknown: 3 }, byRsitClass: { 'malicious-code': 7, availability: 5 }, bySeverity: { high: 6, low: 6 }, crossBorder: { yes: 3, no: 9 }, timeliness: { 'early-warning': { 'submitted-on-time': 8, 'submitted-late': 2, overdue: 2 }, notification: { 'submitted-on-time': 5 } } }),
);
await page.route('**/api/v1/incidents/panels?*', (r) =>
  json(r, { byMemberState: [{ country: 'DE', count: 4 }, { country: 'FR', count: 2 }], bySector: [{ sector: 'energy', count: 4 }, { sector: 'health', count: 2 }], severityOverTime: [{ day: iso(-24).slice(0, 10), severity: 'high', count: 2 }, { day: iso(0).slice(0, 10), severity: 'critical', count: 1 }], dueSoon: [{ incidentId: row(1).id, incidentName: row(1).name, stage: 'early-warning', dueAt: iso(3) }] }),
);
await page.route('**/api/v1/objects/*/incidents', (r) => json(r, { incidents: [{ id: row(1).id, name: row(1).name, status: 'open', relationshipType: 'related-to' }] }));
await signIn(page, node.url, analyst);
for (const [name, path] of [['list', '/incidents?stageStatus=overdue'], ['inbox', '/incidents/inbox'], ['summary', '/incidents/summary'], ['dash', '/']] as const) {
  for (const w of [1280, 1920]) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.goto(node.url + path);
    await page.waitForLoadState('networkidle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    console.log(name, w, 'overflow', overflow);
    await shot(page, `mock-${name}-${w}`);
  }
}
console.log('errors', errors);
await browser.close();
await node.dispose();
