import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clockText, countdown } from './clock-words.ts';
import type { StageClock } from './clocks.ts';

const at = (status: StageClock['status'], dueAt: string | null): StageClock => ({
  stage: 'early-warning',
  status,
  dueAt,
  submittedAt: null,
  rule: 'NIS2 Art. 23(4)(a)',
});
const now = Date.parse('2026-03-02T12:00:00Z');

test('an overdue stage reads "deadline exceeded" with how long ago, never "not delivered"', () => {
  assert.equal(clockText(at('overdue', '2026-03-01T10:30:00Z'), now), 'deadline exceeded · exceeded by 1 d 1 h');
  assert.equal(clockText(at('due', '2026-03-02T15:20:00Z'), now), 'due · due in 3 h 20 min');
  assert.equal(clockText(at('submitted-late', '2026-03-01T10:30:00Z'), now), 'submitted late');
  assert.equal(countdown(at('not-started', null), now), null);
});
