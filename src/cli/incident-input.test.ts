// The option parsing of `concord incident`: times people type, the option named for a service
// field, and the refusals that name the option (issue 16, must 10).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConcordError } from '../errors.ts';
import { answerRequest, filterOf, reportRequest, shareRequest, time } from './incident-input.ts';
import { flagOf, parse } from './incident-options.ts';

const now = Date.parse('2026-03-02T12:00:00Z');
const refusedAt = (fn: () => unknown, option: string): void => {
  assert.throws(fn, (e) => e instanceof ConcordError && (e.details['field'] === option || e.details['parameter'] === option));
};

test('times: ISO 8601, now, "3h ago" and "in 2d"; anything else names the option', () => {
  assert.equal(time('2026-03-01T08:00:00+01:00', '--aware-at', now), '2026-03-01T07:00:00.000Z');
  assert.equal(time('now', '--aware-at', now), '2026-03-02T12:00:00.000Z');
  assert.equal(time('3h ago', '--aware-at', now), '2026-03-02T09:00:00.000Z');
  assert.equal(time('in 2d', '--due', now), '2026-03-04T12:00:00.000Z');
  refusedAt(() => time('yesterday', '--aware-at', now), '--aware-at');
  refusedAt(() => time('in 3h ago', '--due', now), '--due');
});

test("a service's field is named as the option that gives it", () => {
  assert.equal(flagOf('awareAt'), '--aware-at');
  assert.equal(flagOf('suspectedMalicious'), '--suspected-malicious');
  assert.equal(flagOf('content.crossBorderImpact'), '--cross-border-impact');
  assert.equal(flagOf('$.memberStates[1]'), '--member-state');
  assert.equal(flagOf('stageStatus'), '--stage-status');
  assert.equal(flagOf('--org'), '--org');
});

test('the list reads its filters as the API reads its query, lists comma-separated or repeated', () => {
  const { values } = parse([
    '--stage-status',
    'overdue,due',
    '--severity',
    'high',
    '--severity',
    'critical',
    '--country',
    'fr',
    '--no-cross-border',
  ]);
  assert.deepEqual(filterOf(values).filter, {
    stageStatus: ['overdue', 'due'],
    severity: ['high', 'critical'],
    country: ['FR'],
    crossBorder: false,
  });
  refusedAt(() => filterOf(parse(['--sector', 'banking,nowhere']).values), 'sector');
  refusedAt(() => filterOf(parse(['--limit', '0']).values), '--limit');
});

test('a report from options says false with --no-, and needs a stage', async () => {
  const req = await reportRequest(
    parse(['--stage', 'early-warning', '--summary', 'x', '--no-suspected-malicious', '--cross-border-impact']).values,
  );
  assert.deepEqual(req, { stage: 'early-warning', content: { summary: 'x', suspectedMalicious: false, crossBorderImpact: true } });
  await assert.rejects(
    reportRequest(parse(['--summary', 'x']).values),
    (e) => e instanceof ConcordError && e.details['field'] === '--stage',
  );
});

test('answers and shares take exactly one of their forms', () => {
  assert.deepEqual(answerRequest(parse(['--feedback', 'ok']).values), { kind: 'feedback', content: 'ok' });
  const asked = answerRequest(parse(['--request-intermediate', '--due', '2026-04-01T00:00:00Z']).values);
  assert.equal(asked.kind, 'intermediate-request');
  assert.equal(asked.dueAt, '2026-04-01T00:00:00.000Z');
  refusedAt(() => answerRequest(parse(['--request-intermediate']).values), '--due');
  refusedAt(() => answerRequest(parse(['--feedback', 'x', '--request-intermediate']).values), '--feedback');
  assert.deepEqual(shareRequest(parse(['--whole', '--member-state', 'de,at']).values), { mode: 'whole', memberStates: ['DE', 'AT'] });
  refusedAt(() => shareRequest(parse(['--whole', '--summary', 'x']).values), '--whole');
});
