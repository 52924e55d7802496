// Test factories for the Incident Extension Suite tests (issue 16, must 1): the smallest valid
// incident, event, impact and task, and assertions on the issues they raise. Used by the
// validate-incident*.test.ts files of this folder only.

import assert from 'node:assert/strict';
import type { JsonObject, StixIssue } from './types.ts';
import { validateObject } from './validate.ts';

export const CORE = 'extension-definition--ef765651-680c-498d-9894-99799f2fa126';
export const EVENT_EXT = 'extension-definition--4ca6de00-5b0d-45ef-a1dc-ea7279ea910e';
export const IMPACT_EXT = 'extension-definition--7cc33dd6-f6a1-489b-98ea-522d351d71b9';
export const TASK_EXT = 'extension-definition--2074a052-8be4-4932-849e-f5e7798e0030';
export const T = '2024-03-01T10:00:00.000Z';
export const EVENT_ID = 'event--6e7ec24e-e3b2-498e-afb4-e14eab67b5d4';
export const TASK_ID = 'task--93892778-2fd4-4d5e-b2fb-e2defecab0d3';
export const IMPACT_ID = 'impact--b689f0bb-d290-4961-87ad-a40289a67d83';

export function incident(core: JsonObject = {}): JsonObject {
  const ext = { extension_type: 'property-extension', determination: 'suspected', investigation_status: 'new', ...core };
  return {
    type: 'incident',
    spec_version: '2.1',
    id: 'incident--1a074418-9248-4a21-9918-a79d0f1dbc5b',
    created: T,
    modified: T,
    name: 'Ransomware at a hospital',
    extensions: { [CORE]: ext },
  };
}

function sdo(type: 'event' | 'impact' | 'task', id: string, ext: string, props: JsonObject): JsonObject {
  return {
    type,
    spec_version: '2.1',
    id,
    created: T,
    modified: T,
    ...props,
    extensions: { [ext]: { extension_type: 'new-sdo' }, ...((props['extensions'] as JsonObject | undefined) ?? {}) },
  };
}
export const event = (props: JsonObject = {}) => sdo('event', EVENT_ID, EVENT_EXT, { status: 'occurred', ...props });
export const task = (props: JsonObject = {}) => sdo('task', TASK_ID, TASK_EXT, { outcome: 'pending', ...props });
export const impact = (props: JsonObject = {}) => sdo('impact', IMPACT_ID, IMPACT_EXT, props);

export function errors(o: JsonObject): StixIssue[] {
  return validateObject(o).issues.filter((i) => i.severity === 'error');
}

/** Asserts exactly one error, at `path`, of `rule`, citing `section`. */
export function rejects(o: JsonObject, path: string, rule: string, section: string): void {
  const found = errors(o);
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.deepEqual({ path: found[0]?.path, rule: found[0]?.rule, section: found[0]?.section }, { path, rule, section });
}

export function accepts(o: JsonObject): void {
  assert.deepEqual(errors(o), []);
}
