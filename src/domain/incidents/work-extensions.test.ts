// Concord's report, answer and task extensions are validated like every other extension (issue
// 16, musts 4 and 5): each bad value is an issue naming its JSON path.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject, StixIssue } from '../stix/types.ts';
import { validateObject } from '../stix/validate.ts';
import {
  CONCORD_NIS2_ANSWER_EXTENSION_ID,
  CONCORD_NIS2_REPORT_EXTENSION_ID,
  CONCORD_TASK_EXTENSION_ID,
  TASK_EXTENSION_ID,
} from './types.ts';

const T = '2026-01-10T08:00:00.000Z';
const INCIDENT = 'incident--0f74f95b-7ca1-4225-bfd6-ca1369c1847f';
const base = (type: string): JsonObject => ({
  type,
  spec_version: '2.1',
  id: `${type}--5b1f0e51-2f0c-4b43-9c55-6c1b3b0f2a11`,
  created: T,
  modified: T,
});

function report(ext: JsonObject, host = 'report'): JsonObject {
  return {
    ...base(host),
    name: 'Early warning',
    published: T,
    report_types: ['nis2-early-warning'],
    object_refs: [INCIDENT],
    extensions: { [CONCORD_NIS2_REPORT_EXTENSION_ID]: { extension_type: 'property-extension', ...ext } },
  };
}

function note(ext: JsonObject): JsonObject {
  return {
    ...base('note'),
    content: 'Thank you',
    object_refs: [INCIDENT],
    extensions: { [CONCORD_NIS2_ANSWER_EXTENSION_ID]: { extension_type: 'property-extension', ...ext } },
  };
}

function task(ext: JsonObject): JsonObject {
  return {
    ...base('task'),
    name: 'Patch',
    outcome: 'pending',
    extensions: {
      [TASK_EXTENSION_ID]: { extension_type: 'new-sdo' },
      [CONCORD_TASK_EXTENSION_ID]: { extension_type: 'property-extension', ...ext },
    },
  };
}

const errors = (o: JsonObject): StixIssue[] => validateObject(o).issues.filter((i) => i.severity === 'error');

function rejectsAt(o: JsonObject, id: string, key: string, rule?: string): void {
  const found = errors(o);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.equal(found[0]?.path, `$.extensions['${id}'].${key}`);
  if (rule !== undefined) assert.equal(found[0]?.rule, rule);
}

test('a complete report extension is accepted without an issue', () => {
  const ok = report({
    stage: 'final',
    detailed_description: 'd',
    severity: 'high',
    impact: 'i',
    root_cause: 'r',
    mitigation_applied: 'a',
    mitigation_ongoing: 'o',
    cross_border_impact: true,
    cross_border_description: 'FR',
    indicator_refs: ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'],
  });
  assert.deepEqual(errors(ok), []);
  assert.deepEqual(errors(report({ stage: 'intermediate', request: 0, status_update: 's' })), []);
});

test('the report extension refuses a bad stage, severity, request and unknown properties', () => {
  const R = CONCORD_NIS2_REPORT_EXTENSION_ID;
  rejectsAt(report({ stage: 'draft' }), R, 'stage');
  rejectsAt(report({ stage: 'final', severity: 'huge' }), R, 'severity');
  rejectsAt(report({ stage: 'intermediate' }), R, 'request', 'required-property');
  rejectsAt(report({ stage: 'final', request: 1 }), R, 'request');
  rejectsAt(report({ stage: 'intermediate', request: -1 }), R, 'request', 'value-range');
  rejectsAt(report({ stage: 'final', rootCause: 'camelCase' }), R, 'rootCause', 'extension');
  const missing = errors(report({ summary: 'x' }));
  assert.ok(missing.some((i) => i.rule === 'required-property' && i.path === `$.extensions['${R}'].stage`));
  assert.ok(errors(report({ stage: 'final' }, 'note')).some((i) => i.rule === 'extension'));
});

test('the answer extension: a request needs due_at, feedback has none', () => {
  const A = CONCORD_NIS2_ANSWER_EXTENSION_ID;
  assert.deepEqual(errors(note({ kind: 'feedback' })), []);
  assert.deepEqual(errors(note({ kind: 'intermediate-request', due_at: T })), []);
  rejectsAt(note({ kind: 'intermediate-request' }), A, 'due_at', 'required-property');
  rejectsAt(note({ kind: 'feedback', due_at: T }), A, 'due_at');
  rejectsAt(note({ kind: 'praise' }), A, 'kind');
});

test('the task assignment extension names a user', () => {
  const K = CONCORD_TASK_EXTENSION_ID;
  assert.deepEqual(errors(task({ assignee: 'alice' })), []);
  rejectsAt(task({ assignee: ' ' }), K, 'assignee', 'value-format');
  rejectsAt(task({ assignee: 'alice', team: 'x' }), K, 'team', 'extension');
  assert.ok(errors(task({})).some((i) => i.rule === 'required-property'));
});
