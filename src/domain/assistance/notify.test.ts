import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockReminderEvent } from './notify.ts';

const id = 'x-concord-assistance-request--0d9c3c52-0c5a-4b8e-9d55-7f3b8e0f2a11';

test('a reminder before a response target says what is due and when, in the incident words', () => {
  const e = clockReminderEvent(
    { clock: 'first-offer', kind: 'before', at: '2026-03-01T18:00:00.000Z', dueAt: '2026-03-02T00:00:00.000Z' },
    id,
    'Ransomware at the port',
  );
  assert.equal(e.kind, 'reminder');
  assert.equal(e.incidentId, id);
  assert.equal(e.title, 'First offer due in 6 h for Ransomware at the port');
});

test('a passed target reads "deadline exceeded", never "failed"', () => {
  const e = clockReminderEvent(
    { clock: 'after-action', kind: 'passed', at: '2026-04-01T00:00:00.000Z', dueAt: '2026-04-01T00:00:00.000Z' },
    id,
    'X',
  );
  assert.equal(e.kind, 'overdue');
  assert.equal(e.title, 'Deadline exceeded: After-action report for X');
  assert.match(e.body, /can still be met late/);
});
