// The Article 23 clock facts of an incident read from what is stored (issue 16, musts 3 and 4),
// pure: the reports (`report` + Concord's report extension, object_refs[0] = the incident) and the
// CSIRT's answers (`note` + the answer extension, object_refs[0] = the incident). A report was
// submitted when it was created: every version of it keeps that time (STIX 2.1 §3.6).
import type { JsonObject } from '../stix/types.ts';
import { isJsonObject } from '../writing/compose.ts';
import type { ClockFacts } from './clocks.ts';
import { nis2Of } from './read.ts';
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

function extensionOf(o: JsonObject, id: string): JsonObject | undefined {
  const all = o['extensions'];
  const ext = isJsonObject(all) ? all[id] : undefined;
  return isJsonObject(ext) ? ext : undefined;
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

/** Whether an incident's sector is one whose entities notify within 24 hours (Art. 23(4), second
 *  subparagraph: trust service providers). */
export function isTrustServiceProvider(sector: string | undefined, subsector: string | undefined): boolean {
  return [sector, subsector].some((s) => s?.includes('trust-service') === true);
}

/** The clock facts of `incident` with these reports and answers. */
export function factsOf(incident: JsonObject, reports: readonly HeldReport[], answers: readonly HeldAnswer[]): ClockFacts {
  const nis2 = nis2Of(incident);
  const first = (stage: ReportStage): string | undefined =>
    reports
      .filter((r) => r.stage === stage)
      .map((r) => r.submittedAt)
      .sort(byTime((s) => s))[0];
  const earlyWarningAt = first('early-warning');
  const requests = intermediateRequests(answers).map((a, i) => ({
    requestedAt: a.createdAt,
    dueAt: a.dueAt ?? a.createdAt,
    submittedAt: reports.find((r) => r.stage === 'intermediate' && r.request === i)?.submittedAt,
  }));
  // Art. 23(5): the CSIRT's initial feedback answers the early warning; feedback before one
  // (on a notification sent without it) does not start or stop that clock.
  const feedback = answers
    .filter((a) => a.kind === 'feedback' && earlyWarningAt !== undefined && Date.parse(a.createdAt) >= Date.parse(earlyWarningAt))
    .map((a) => a.createdAt)
    .sort(byTime((s) => s))[0];
  return {
    awareAt: nis2?.aware_at ?? String(incident['created']),
    trustServiceProvider: isTrustServiceProvider(nis2?.sector, nis2?.subsector),
    earlyWarningAt,
    notificationAt: first('notification'),
    intermediateRequests: requests,
    handledAt: nis2?.handled_at,
    progressReportAt: first('progress'),
    finalReportAt: first('final'),
    csirtResponseAt: feedback,
  };
}
