// What an incident write looks up among the objects stored on an incident (issue 16, musts 4 and
// 5), pure: its NIS2 reports (`report` + Concord's report extension, object_refs[0] = the
// incident) and the CSIRT's answers (`note` + the answer extension, object_refs[0] = the
// incident). A report was submitted when it was created: every version of it keeps that time
// (STIX 2.1 §3.6). The clock facts themselves are the projection's (project.ts factsOf).
import type { JsonObject } from '../stix/types.ts';
import { extensionOf } from './read.ts';
import type { ReportStage } from './reports.ts';
import { CONCORD_NIS2_ANSWER_EXTENSION_ID, CONCORD_NIS2_REPORT_EXTENSION_ID } from './types.ts';

export interface HeldReport {
  id: string;
  stage: ReportStage;
  request: number | undefined;
  submittedAt: string;
}

export interface HeldAnswer {
  id: string;
  kind: 'feedback' | 'intermediate-request';
  dueAt: string | undefined;
  createdAt: string;
}

const aboutIncident = (o: JsonObject, incidentId: string): boolean => Array.isArray(o['object_refs']) && o['object_refs'][0] === incidentId;

/** `o` as a NIS2 report of the incident, or undefined. */
export function heldReport(o: JsonObject, incidentId: string): HeldReport | undefined {
  const ext = extensionOf(o, CONCORD_NIS2_REPORT_EXTENSION_ID);
  if (o['type'] !== 'report' || ext === undefined || !aboutIncident(o, incidentId)) return undefined;
  return {
    id: String(o['id']),
    stage: ext['stage'] as ReportStage,
    request: typeof ext['request'] === 'number' ? ext['request'] : undefined,
    submittedAt: String(o['created']),
  };
}

/** `o` as a CSIRT answer on the incident, or undefined. */
export function heldAnswer(o: JsonObject, incidentId: string): HeldAnswer | undefined {
  const ext = extensionOf(o, CONCORD_NIS2_ANSWER_EXTENSION_ID);
  if (o['type'] !== 'note' || ext === undefined || !aboutIncident(o, incidentId)) return undefined;
  return {
    id: String(o['id']),
    kind: ext['kind'] === 'intermediate-request' ? 'intermediate-request' : 'feedback',
    dueAt: typeof ext['due_at'] === 'string' ? ext['due_at'] : undefined,
    createdAt: String(o['created']),
  };
}

const byTime =
  <T>(at: (t: T) => string) =>
  (a: T, b: T): number =>
    Date.parse(at(a)) - Date.parse(at(b));

/** The CSIRT's requests for an intermediate report in the order they were made: request i is
 *  the i-th (0-based), as the clocks number them. */
export function intermediateRequests(answers: readonly HeldAnswer[]): HeldAnswer[] {
  return answers.filter((a) => a.kind === 'intermediate-request').sort(byTime((a) => a.createdAt));
}
