// Worked examples of the decay model (issue 17, must 6): the defaults, the polynomial, and
// what sightings do, with the reasons a person reads.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completeModels, defaultModel, polynomial, scoreOf } from './model.ts';
import { indicatorFacts, patternKind } from './facts.ts';
import { applyPatches } from './validate.ts';
import { checkDecayModel, modelPatchesErrors } from './check.ts';
import { DECAY_KINDS } from './api.ts';

const NOW = Date.parse('2026-12-07T00:00:00.000Z');
const daysAgo = (d: number): string => new Date(NOW - d * 86_400_000).toISOString();

test('defaults follow OpenCTI: IP addresses 60 days, URLs 180, everything else 365', () => {
  assert.equal(defaultModel('ipv4').lifetimeDays, 60);
  assert.equal(defaultModel('ipv6').lifetimeDays, 60);
  assert.equal(defaultModel('url').lifetimeDays, 180);
  for (const k of ['domain', 'hash', 'email', 'file-name', 'default'] as const) assert.equal(defaultModel(k).lifetimeDays, 365);
  assert.deepEqual(
    completeModels([{ ...defaultModel('url'), lifetimeDays: 30 }]).map((m) => [m.kind, m.lifetimeDays]),
    DECAY_KINDS.map((k) => [k, k === 'url' ? 30 : defaultModel(k).lifetimeDays]),
  );
});

test('the polynomial starts at the base, reaches 0 at the lifetime and stays there', () => {
  const m = { baseScore: 80, lifetimeDays: 60, decaySpeed: 1 };
  assert.equal(polynomial(m, 0), 80);
  assert.equal(polynomial(m, 30), 40);
  assert.equal(polynomial(m, 60), 0);
  assert.equal(polynomial(m, 600), 0);
  // δ = 3: half the base is gone after an eighth of the lifetime.
  assert.ok(Math.abs(polynomial({ ...m, decaySpeed: 3 }, 60 / 8) - 40) < 1e-9);
});

test('an IP indicator 30 days old scores lower than a hash indicator of the same age', () => {
  const ip = scoreOf(defaultModel('ipv4'), { kind: 'ipv4', validFrom: daysAgo(30) }, [], NOW);
  const hash = scoreOf(defaultModel('hash'), { kind: 'hash', validFrom: daysAgo(30) }, [], NOW);
  assert.ok(ip.score < hash.score);
  assert.equal(ip.ageDays, 30);
  assert.match(ip.reasons.join(' '), /IPv4 address indicator: from 80 to 0 over 60 days/);
});

test('recent true sightings restart the clock and add points, capped at 100; false positives remove them', () => {
  const m = defaultModel('ipv4');
  const old = { kind: 'ipv4' as const, validFrom: daysAgo(90) };
  assert.equal(scoreOf(m, old, [], NOW).score, 0);
  const seen = scoreOf(m, old, [{ type: 'sighting', sightings: 5, lastSeen: daysAgo(0) }], NOW);
  assert.equal(seen.score, 100);
  assert.equal(seen.sightingPoints, 50);
  assert.ok(seen.reasons.includes('Capped at 100.'));
  const refuted = scoreOf(
    m,
    old,
    [
      { type: 'sighting', sightings: 1, lastSeen: daysAgo(0) },
      { type: 'false-positive', sightings: 4, lastSeen: daysAgo(1) },
    ],
    NOW,
  );
  assert.equal(refuted.score, 0);
  assert.equal(refuted.falsePositivePoints, 100);
  assert.ok(refuted.expired);
  assert.match(refuted.reasons.join(' '), /4 false-positive reports in the last 60 days: −100/);
  // Sightings older than the lifetime no longer count.
  assert.equal(scoreOf(m, old, [{ type: 'sighting', sightings: 5, lastSeen: daysAgo(61) }], NOW).score, 0);
});

test('an expired sighting after the latest true one, or a past valid_until, brings the score to 0', () => {
  const m = defaultModel('domain');
  const f = { kind: 'domain' as const, validFrom: daysAgo(2) };
  assert.equal(scoreOf(m, f, [{ type: 'expired', sightings: 1, lastSeen: daysAgo(1) }], NOW).score, 0);
  const revived = scoreOf(
    m,
    f,
    [
      { type: 'expired', sightings: 1, lastSeen: daysAgo(1) },
      { type: 'sighting', sightings: 1, lastSeen: daysAgo(0) },
    ],
    NOW,
  );
  assert.equal(revived.score, 90);
  assert.equal(scoreOf(m, { ...f, validUntil: daysAgo(1) }, [], NOW).score, 0);
});

test('the kind is that of the pattern’s main observable, else default', () => {
  const ind = (pattern: string, pattern_type = 'stix') => ({ type: 'indicator', id: 'indicator--x', pattern, pattern_type });
  assert.equal(patternKind(ind("[ipv4-addr:value = '198.51.100.1']")), 'ipv4');
  assert.equal(patternKind(ind("[url:value = 'http://example.com/a']")), 'url');
  assert.equal(patternKind(ind("[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']")), 'hash');
  assert.equal(patternKind(ind("[network-traffic:dst_ref.value = '2001:db8::1']")), 'ipv6');
  assert.equal(patternKind(ind("[process:name = 'evil.exe']")), 'default');
  assert.equal(patternKind(ind('alert tcp any any -> any any', 'snort')), 'default');
  assert.equal(patternKind(ind('[not a pattern')), 'default');
  assert.equal(indicatorFacts({ type: 'malware', id: 'malware--x' }), undefined);
  assert.deepEqual(
    indicatorFacts({
      type: 'indicator',
      id: 'indicator--x',
      created: '2026-01-01T00:00:00Z',
      pattern: "[domain-name:value = 'example.com']",
    }),
    {
      kind: 'domain',
      validFrom: '2026-01-01T00:00:00Z',
    },
  );
});

test('setting models names the field at fault and keeps what is not given', () => {
  const current = completeModels([]);
  const [url] = applyPatches(current, [{ kind: 'url', lifetimeDays: 30 }]);
  assert.deepEqual(url, { ...defaultModel('url'), lifetimeDays: 30 });
  const fieldOf = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (e) {
      return (e as { details?: { field?: string } }).details?.field;
    }
    return undefined;
  };
  assert.equal(
    fieldOf(() => applyPatches(current, [{ kind: 'url' }, { kind: 'ipv4', lifetimeDays: 0 }])),
    'models[1].lifetimeDays',
  );
  assert.equal(
    fieldOf(() => applyPatches(current, [{ kind: 'ipv5' }])),
    'models[0].kind',
  );
  assert.equal(
    fieldOf(() => applyPatches(current, [{ kind: 'url', threshold: 101 }])),
    'models[0].threshold',
  );
  assert.equal(
    fieldOf(() => applyPatches(current, [{ kind: 'url' }, { kind: 'url' }])),
    'models[1].kind',
  );
});

test('the form’s check names each bad field of a model, as the API does', () => {
  assert.deepEqual(checkDecayModel(defaultModel('url')), []);
  assert.deepEqual(
    checkDecayModel({ ...defaultModel('url'), lifetimeDays: -1, baseScore: 120 }).map((e) => e.field),
    ['lifetimeDays', 'baseScore'],
  );
});

test('the models to set are checked all at once, each problem at its models[i].field', () => {
  assert.deepEqual(modelPatchesErrors([{ kind: 'url', lifetimeDays: 30 }]), []);
  assert.deepEqual(
    modelPatchesErrors([{ kind: 'url', decaySpeed: 0, threshold: -1 }, { kind: 'url' }, { kind: 'ipv9' }]).map((e) => e.field),
    ['models[0].decaySpeed', 'models[0].threshold', 'models[1].kind', 'models[2].kind'],
  );
});
