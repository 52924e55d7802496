// The composer's rules (issue 15, must 4): what a producer fills in (STIX 2.1 §3.2), what a new
// version keeps and how its modified moves (§3.6), and how markings are applied.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { CONCORD_OBJECT_EXTENSION_ID } from '../markings/concord-markings.ts';
import { TLP1_MARKING_IDS, TLP2_MARKING_IDS } from '../markings/tlp.ts';
import { compareTimestamps } from '../stix/timestamp.ts';
import type { StixObject } from '../stix/types.ts';
import { IMMUTABLE, composeLabels, composeNew, composeRevision, composeRevocation, nextModified, withMarkings } from './compose.ts';

const ORG = 'identity--0f6a6a3e-7c36-4a8d-9a62-3c0a5f3b5e11';
const ctx = { now: '2026-12-07T10:00:00.000Z', uuid: () => '7e0c5b2a-1f6d-4e4b-9b0a-2d7c9f1e3a44', creator: ORG };
const base = (): StixObject => composeNew({ type: 'malware', name: 'Industroyer', is_family: true }, {}, ctx);

test('a new object gets an id, spec_version, created = modified and the writer as creator', () => {
  const o = base();
  assert.equal(o.id, 'malware--7e0c5b2a-1f6d-4e4b-9b0a-2d7c9f1e3a44');
  assert.deepEqual([o['spec_version'], o['created'], o['modified'], o['created_by_ref']], ['2.1', ctx.now, ctx.now, ORG]);
  // Times the writer passes are the server's to set.
  assert.equal(composeNew({ type: 'malware', name: 'x', created: '2001-01-01T00:00:00Z' }, {}, ctx)['created'], ctx.now);
  assert.throws(
    () => composeNew({ type: 'malware', created_by_ref: 'identity--9f6a6a3e-7c36-4a8d-9a62-3c0a5f3b5e11' }, {}, ctx),
    /created_by_ref/,
  );
  assert.throws(() => composeNew({ type: 'malware', id: 'indicator--7e0c5b2a-1f6d-4e4b-9b0a-2d7c9f1e3a44' }, {}, ctx), /object.id/);
  assert.throws(() => composeNew({ type: 'Malware!' }, {}, ctx), /object.type/);
});

test('an observable gets its deterministic id and no producer properties (STIX 2.1 §2.9, §6)', () => {
  const a = composeNew({ type: 'ipv4-addr', value: '198.51.100.7' }, {}, ctx);
  const b = composeNew({ type: 'ipv4-addr', value: '198.51.100.7' }, {}, { ...ctx, uuid: () => 'other' });
  assert.equal(a.id, b.id);
  assert.equal(a['created'], undefined);
  assert.equal(a['created_by_ref'], undefined);
  assert.throws(() => composeRevision(a, { value: '198.51.100.8' }, {}, ctx.now), /no versions/);
});

test('markings: a TLP replaces every TLP marking, other markings stay; a distribution goes to the extension', () => {
  const other = 'marking-definition--1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d';
  const o: StixObject = { ...base(), object_marking_refs: [[...TLP1_MARKING_IDS.keys()][0] as string, TLP2_MARKING_IDS.green, other] };
  const m = withMarkings(o, { tlp: 'red', distribution: 'sharing-group:g1' });
  assert.deepEqual(m['object_marking_refs'], [TLP2_MARKING_IDS.red, other]);
  const ext = (m['extensions'] as Record<string, Record<string, unknown>>)[CONCORD_OBJECT_EXTENSION_ID];
  assert.equal(ext?.['distribution'], 'sharing-group:g1');
  assert.throws(
    () => withMarkings(o, { distribution: 'everyone' }),
    (e: Error & { details?: { field?: string } }) => e.details?.field === 'distribution',
  );
});

test('a revision overlays, removes with null, and refuses changing what §3.6 keeps', () => {
  const o = { ...base(), description: 'old' };
  const r = composeRevision(o, { name: 'Industroyer2', description: null }, {}, '2026-12-07T11:00:00.000Z');
  assert.equal(r['name'], 'Industroyer2');
  assert.equal('description' in r, false);
  assert.equal(r['modified'], '2026-12-07T11:00:00.000Z');
  for (const key of IMMUTABLE) assert.throws(() => composeRevision(o, { [key]: 'changed' }, {}, ctx.now), new RegExp(key));
  // Restating a kept property unchanged is not a change.
  assert.equal(composeRevision(o, { id: o.id }, {}, ctx.now).id, o.id);
});

test('modified always moves forward, even when the clock does not', () => {
  assert.equal(nextModified('2026-12-07T10:00:00.000Z', '2026-12-07T10:00:00.000Z'), '2026-12-07T10:00:00.001Z');
  assert.equal(nextModified('2026-12-07T10:00:00.0005Z', '2026-12-07T09:00:00.000Z'), '2026-12-07T10:00:00.001Z');
  assert.equal(nextModified('2026-12-07T10:00:00Z', '2026-12-07T10:00:01.000Z'), '2026-12-07T10:00:01.000Z');
});

test('revocation is final; labels are added and removed as a set', () => {
  const revoked = composeRevocation(base(), '2026-12-07T11:00:00.000Z');
  assert.equal(revoked['revoked'], true);
  assert.throws(() => composeRevocation(revoked, ctx.now), /already revoked/);
  const l = composeLabels({ ...base(), labels: ['a', 'b'] }, ['c', 'a'], ['b'], '2026-12-07T11:00:00.000Z');
  assert.deepEqual(l['labels'], ['a', 'c']);
  assert.equal('labels' in composeLabels({ ...base(), labels: ['a'] }, [], ['a'], ctx.now), false);
});

const stamp = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const changes = fc.dictionary(
  fc.constantFrom('id', 'type', 'spec_version', 'created', 'created_by_ref', 'modified', 'name', 'description', 'labels', 'revoked'),
  fc.oneof(fc.constant(null), fc.string(), fc.array(fc.string(), { minLength: 1 }), fc.boolean()),
);

test('property: a revision never changes id, created or created_by_ref, and always increases modified', () => {
  fc.assert(
    fc.property(stamp, stamp, changes, (created, now, c) => {
      const o = composeNew({ type: 'campaign', name: 'c' }, {}, { ...ctx, now: created });
      let r: StixObject;
      try {
        r = composeRevision(o, c, {}, now);
      } catch (e) {
        // Refused only when the changes touch what §3.6 keeps.
        assert.ok(
          IMMUTABLE.some((k) => k in c && c[k] !== o[k]),
          String(e),
        );
        return;
      }
      assert.deepEqual([r.id, r['created'], r['created_by_ref'], r.type], [o.id, o['created'], o['created_by_ref'], o.type]);
      assert.ok(compareTimestamps(String(r['modified']), String(o['modified'])) > 0);
    }),
    { numRuns: 500 },
  );
});
