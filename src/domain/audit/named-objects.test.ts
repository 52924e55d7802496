import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEntry } from './entry.ts';
import { namedObjects, withholdUnreadable } from './named-objects.ts';

const A = 'indicator--0b7e9b34-1f5d-4c8e-9a6e-2f4d3c2b1a01';
const B = 'report--0b7e9b34-1f5d-4c8e-9a6e-2f4d3c2b1a02';
const ORG = 'identity--0b7e9b34-1f5d-4c8e-9a6e-2f4d3c2b1a03';

function entry(action: string, target: string | null, details: AuditEntry['details']): AuditEntry {
  return { seq: 1, at: '2026-01-01T00:00:00.000Z', actor: 'user:x', action, target, details, prevHash: '0', hash: '1' };
}

test('an entry names its object target, its details.ids and an export filter’s ids', () => {
  assert.deepEqual(namedObjects(entry('object.read_classified', A, { ids: [A, B], count: 2 })).sort(), [A, A, B].sort());
  assert.deepEqual(namedObjects(entry('export', null, { filter: { ids: [B], types: ['report'] }, objects: 1 })), [B]);
  assert.deepEqual(namedObjects(entry('admin.org.add', ORG, { name: 'CERT' })), [], 'an organisation is a local record');
});

test('ids outside the readable set are left out and counted; the rest of the entry stays', () => {
  const e = entry('object.read_classified', A, { ids: [A, B], count: 2 });
  const shown = withholdUnreadable(e, new Set([B]));
  assert.equal(shown.target, null);
  assert.deepEqual(shown.details, { ids: [B], count: 2 });
  assert.equal(shown.withheld, 2);
  assert.deepEqual(e.details, { ids: [A, B], count: 2 }, 'the stored entry is not changed');
  const exported = withholdUnreadable(entry('export', null, { filter: { ids: [A], types: ['indicator'] } }), new Set());
  assert.deepEqual(exported.details, { filter: { ids: [], types: ['indicator'] } });
  assert.equal(exported.withheld, 1);
});

test('an entry whose objects are all readable is returned as stored', () => {
  const e = entry('marking.lowered', A, { version: 'v', label: { tlp: 'green' } });
  assert.equal(withholdUnreadable(e, new Set([A])), e);
  const admin = entry('admin.org.add', ORG, { name: 'CERT' });
  assert.equal(withholdUnreadable(admin, new Set()), admin);
});
