// The object page's pure helpers (web/src/format; issue 15, must 3): types and properties by
// name, confidence on the STIX Appendix A scale, "(Citation: …)" links, safe Markdown, titles by
// meaning, ATT&CK and CVE ids, markings by name, a pattern's observables, validity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkCitations } from '../web/src/format/citations.ts';
import { confidenceWord, formatConfidence } from '../web/src/format/confidence.ts';
import { canonicalJson, jsonLineDiff } from '../web/src/format/json-diff.ts';
import { attackIds, cveIds, externalReferences, isSafeHref } from '../web/src/format/external-ids.ts';
import { renderMarkdown } from '../web/src/format/markdown.ts';
import { markingName } from '../web/src/format/marking-names.ts';
import { titleOf } from '../web/src/format/object-title.ts';
import { patternObservables } from '../web/src/format/pattern.ts';
import { propertyName, typeName } from '../web/src/format/stix-names.ts';
import { formatValidity } from '../web/src/format/validity.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';

test('types and properties read as words, not identifiers', () => {
  assert.equal(typeName('attack-pattern'), 'Attack pattern');
  assert.equal(typeName('ipv4-addr'), 'IPv4 address');
  assert.equal(typeName('x-mitre-tactic'), 'ATT&CK tactic');
  assert.equal(typeName('x-acme-widget'), 'Acme widget');
  assert.equal(typeName('x-concord-assistance-request'), 'Assistance request');
  assert.equal(typeName('x-concord-expert-profile'), 'Expert profile');
  assert.equal(propertyName('kill_chain_phases'), 'Kill chain phases');
  assert.equal(propertyName('created_by_ref'), 'Created by');
  assert.equal(propertyName('x_mitre_platforms'), 'Platforms (ATT&CK)');
  assert.equal(propertyName('x_mitre_data_sources'), 'Data sources (ATT&CK)');
  assert.equal(propertyName('sample_refs'), 'Samples');
  assert.equal(propertyName('target_refs'), 'Target');
  assert.equal(propertyName('x_mitre_contents.object_ref'), 'Contents (ATT&CK)');
});

test('confidence carries its word on the None / Low / Med / High scale (STIX 2.1 Appendix A)', () => {
  assert.deepEqual([0, 1, 29, 30, 69, 70, 100].map(confidenceWord), ['None', 'Low', 'Low', 'Med', 'Med', 'High', 'High']);
  assert.equal(confidenceWord(101), undefined);
  assert.equal(formatConfidence(85), '85 / 100 (High)');
  assert.equal(formatConfidence(-3), '-3');
});

test('"(Citation: Name)" links to its reference: its url, or its row when it has none; unknown names stay', () => {
  const refs = [
    { source_name: 'mitre-attack', external_id: 'T0865', url: 'https://attack.mitre.org/techniques/T0865' },
    { source_name: 'Dragos [2017]', url: 'https://example.org/a b(1).pdf' },
    { source_name: 'Paper only' },
    { source_name: 'Evil', url: 'javascript:alert(1)' },
  ];
  const out = linkCitations('A (Citation: Dragos [2017]) B (Citation: Paper only) C (Citation: Nobody) D (Citation: Evil)', refs);
  assert.equal(
    out,
    'A ([Dragos \\[2017\\]](https://example.org/a%20b%281%29.pdf)) B ([Paper only](#ref-3)) C (Citation: Nobody) D ([Evil](#ref-4))',
  );
  const html = renderMarkdown(out);
  assert.match(html, /<a href="https:\/\/example\.org\/a%20b%281%29\.pdf" rel="noopener noreferrer" target="_blank">Dragos \[2017\]<\/a>/);
  assert.match(html, /<a href="#ref-3">Paper only<\/a>/);
});

test('Markdown renders emphasis and safe links; raw HTML, scripts, images and unsafe schemes do not', () => {
  assert.match(renderMarkdown('*very* **bad**'), /<em>very<\/em> <strong>bad<\/strong>/);
  assert.match(
    renderMarkdown('[User Execution](https://attack.mitre.org/techniques/T0863)'),
    /<a href="https:\/\/attack\.mitre\.org\/techniques\/T0863" rel="noopener noreferrer"/,
  );
  assert.match(renderMarkdown('[mail](mailto:cert@example.org)'), /href="mailto:cert@example.org"/);
  const hostile = renderMarkdown(
    '<script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1)) [y](/admin) ![i](https://tracker.example/p.png)',
  );
  assert.doesNotMatch(hostile, /<script|<img|href="javascript|href="\/admin/);
  assert.match(hostile, /&lt;script&gt;/);
  assert.ok(
    isSafeHref('https://x.example') &&
      isSafeHref('mailto:a@b.example') &&
      !isSafeHref('javascript:alert(1)') &&
      !isSafeHref('data:text/html,x'),
  );
});

test('titles by meaning: a relationship, a sighting, an observable, a named object', () => {
  const names = new Map([
    ['malware--1', 'Industroyer'],
    ['attack-pattern--2', 'Spearphishing Attachment'],
    ['identity--3', 'Grid CERT'],
  ]);
  const nameOf = (id: string) => names.get(id);
  assert.equal(
    titleOf(
      { id: 'relationship--x', type: 'relationship', relationship_type: 'uses', source_ref: 'malware--1', target_ref: 'attack-pattern--2' },
      nameOf,
    ),
    'Industroyer —uses→ Spearphishing Attachment',
  );
  assert.equal(
    titleOf({ id: 'sighting--x', type: 'sighting', sighting_of_ref: 'malware--1', count: 3, where_sighted_refs: ['identity--3'] }, nameOf),
    'Industroyer sighted 3 times at Grid CERT',
  );
  assert.equal(titleOf({ id: 'sighting--x', type: 'sighting', sighting_of_ref: 'indicator--9' }), 'indicator--9 sighted 1 time');
  assert.equal(titleOf({ id: 'ipv4-addr--x', type: 'ipv4-addr', value: '192.0.2.1' }), '192.0.2.1');
  assert.equal(titleOf({ id: 'file--x', type: 'file', hashes: { 'SHA-256': 'ab' } }), 'SHA-256 ab');
  assert.equal(titleOf({ id: 'autonomous-system--x', type: 'autonomous-system', number: 64500 }), 'AS64500');
  assert.equal(titleOf({ id: 'malware--1', type: 'malware', name: 'Industroyer' }), 'Industroyer');
});

test('ATT&CK and CVE ids are found in the external references', () => {
  const technique = {
    type: 'attack-pattern',
    external_references: [
      { source_name: 'mitre-attack', external_id: 'T0865', url: 'https://attack.mitre.org/techniques/T0865' },
      { source_name: 'Some paper', url: 'https://example.org' },
      { bad: true },
    ],
  };
  assert.deepEqual(attackIds(technique), [{ id: 'T0865', url: 'https://attack.mitre.org/techniques/T0865' }]);
  assert.equal(externalReferences(technique).length, 2, 'a malformed reference is skipped');
  const vuln = {
    type: 'vulnerability',
    name: 'CVE-2021-44228',
    external_references: [{ source_name: 'cve', external_id: 'CVE-2021-44228' }],
  };
  assert.deepEqual(cveIds(vuln), [{ id: 'CVE-2021-44228', url: 'https://www.cve.org/CVERecord?id=CVE-2021-44228' }]);
  assert.deepEqual(cveIds({ type: 'vulnerability', name: 'cve-2019-0708' }), [
    { id: 'CVE-2019-0708', url: 'https://www.cve.org/CVERecord?id=CVE-2019-0708' },
  ]);
});

test('markings are named: TLP, classification, releasability, statements', () => {
  assert.deepEqual(markingName(TLP2_MARKING_IDS.amber), { kind: 'tlp', text: 'TLP:AMBER', tlp: 'amber' });
  const ext = (content: Record<string, unknown>) => ({
    type: 'marking-definition',
    extensions: { 'extension-definition--x': { extension_type: 'property-extension', ...content } },
  });
  assert.equal(
    markingName('marking-definition--c', ext({ marking_type: 'classification', scheme: 'nato', level: 'NATO SECRET' })).text,
    'NATO SECRET',
  );
  assert.equal(
    markingName('marking-definition--r', ext({ marking_type: 'releasability', releasable_to: ['DE', 'FR'] })).text,
    'REL TO DE, FR',
  );
  const statement = markingName('marking-definition--s', {
    definition_type: 'statement',
    definition: { statement: 'Copyright 2015-2025, The MITRE Corporation. MITRE ATT&CK and ATT&CK are registered trademarks.' },
  });
  assert.equal(statement.kind, 'statement');
  assert.ok(statement.text.endsWith('…') && statement.text.length <= 48);
  assert.equal(markingName('marking-definition--0123456789ab').kind, 'other');
});

test("a pattern's observables are the ones the lookup indexes", () => {
  const { observables, error } = patternObservables(
    "[ipv4-addr:value = '198.51.100.0/24'] OR [domain-name:value = 'Evil.Example.COM'] OR [file:hashes.'SHA-256' = 'AB']",
  );
  assert.equal(error, null);
  assert.deepEqual(
    observables.map((o) => `${o.kind} ${o.value}`),
    ['ipv4 198.51.100.0/24', 'domain evil.example.com'],
  );
  assert.match(patternObservables("[ipv4-addr:value = '").error ?? '', /column/);
  assert.deepEqual(patternObservables('alert tcp any any', 'snort'), { observables: [], error: null });
});

test('validity reads "valid from … until …" and says when it has expired', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.deepEqual(formatValidity('2024-01-31T12:00:00Z', '2025-01-31T12:00:00Z', now), {
    text: 'valid from 2024-01-31 12:00 UTC until 2025-01-31 12:00 UTC',
    expired: true,
  });
  assert.deepEqual(formatValidity('2024-01-31T12:00:00Z', undefined, now), {
    text: 'valid from 2024-01-31 12:00 UTC, no end given',
    expired: false,
  });
});

test('a version diff compares canonical JSON line by line: moved keys are no change', () => {
  assert.equal(canonicalJson({ b: 1, a: { d: 2, c: [3] } }), canonicalJson({ a: { c: [3], d: 2 }, b: 1 }));
  const diff = jsonLineDiff({ name: 'Old', modified: '1', id: 'x' }, { id: 'x', modified: '2', name: 'Old' });
  assert.deepEqual(
    diff.filter((l) => l.kind !== 'same'),
    [
      { kind: 'removed', text: '  "modified": "1",' },
      { kind: 'added', text: '  "modified": "2",' },
    ],
  );
  assert.equal(diff.filter((l) => l.kind === 'same').length, 4);
});

test("rapid response's nameless objects are titled by what they are about (issue 18)", () => {
  const request = 'x-concord-assistance-request--7d1e0f7a-4b8c-4d2e-9f00-000000000001';
  const offer = 'x-concord-assistance-offer--7d1e0f7a-4b8c-4d2e-9f00-000000000002';
  const names = (id: string) => (id === request ? 'Ransomware at the hospital' : id === offer ? 'CERT-SI offer' : undefined);
  assert.equal(
    titleOf({ type: 'x-concord-assistance-offer', id: offer, request_ref: request }, names),
    'Offer for Ransomware at the hospital',
  );
  const decision = {
    type: 'x-concord-assistance-decision',
    id: 'x-concord-assistance-decision--1',
    offer_ref: offer,
    decision: 'accepted',
  };
  assert.equal(titleOf(decision, names), 'Acceptance of CERT-SI offer');
  assert.equal(
    titleOf({ type: 'x-concord-expert-profile', id: 'x-concord-expert-profile--1', pseudonym: 'Kestrel-7' }),
    'Expert Kestrel-7',
  );
});
