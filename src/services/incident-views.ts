// The views the incident service builds from the projection and the stored objects (issue 16,
// must 9): a row from a projected record, a report and an answer from their STIX objects.
import type { AccessLabel } from '../domain/access/types.ts';
import type { AnswerView, IncidentRow, ReportView } from '../domain/incidents/api.ts';
import { clocks } from '../domain/incidents/clocks.ts';
import { answerExtOf, type IncidentRecord, reportExtOf } from '../domain/incidents/project.ts';
import type { ReportContent } from '../domain/incidents/reports.ts';
import type { Nis2ReportExtension } from '../domain/incidents/types.ts';
import type { JsonObject } from '../domain/stix/types.ts';

/** The banner text of a label, as the list shows it (e.g. "TLP:AMBER+STRICT"). */
export function markingText(label: AccessLabel): string {
  const parts = [`TLP:${label.tlp.toUpperCase()}`];
  if (label.classification) parts.push(`${label.classification.scheme} ${label.classification.level}`.toUpperCase());
  return parts.join(' ');
}

/** A list row: the record with every stage's clock at `now` (clocks.ts: one meaning of overdue). */
export function rowOf(r: IncidentRecord, label: AccessLabel | null, ownerName: string, now: Date): IncidentRow {
  return {
    id: r.id,
    name: r.name,
    ownerOrg: r.ownerOrg,
    ownerName,
    csirtOrg: r.csirtOrg,
    status: r.status,
    determination: r.determination,
    sector: r.sector,
    subsector: r.subsector,
    country: r.country,
    memberStates: r.memberStates,
    rsitClass: r.rsitClass,
    rsitType: r.rsitType,
    severity: r.severity,
    significant: r.significant,
    crossBorder: r.crossBorder,
    awareAt: r.awareAt,
    handledAt: r.handledAt,
    modified: r.modified,
    clocks: clocks(r.facts, now),
    nextDueAt: r.nextDueAt,
    marking: label === null ? '' : markingText(label),
  };
}

/** The report extension's snake_case fields as ReportContent (reports.ts). */
const CONTENT_FIELDS: readonly [keyof Nis2ReportExtension, keyof ReportContent][] = [
  ['summary', 'summary'],
  ['suspected_malicious', 'suspectedMalicious'],
  ['cross_border_impact', 'crossBorderImpact'],
  ['cross_border_description', 'crossBorderDescription'],
  ['initial_assessment', 'initialAssessment'],
  ['severity', 'severity'],
  ['impact', 'impact'],
  ['indicator_refs', 'indicatorRefs'],
  ['status_update', 'statusUpdate'],
  ['detailed_description', 'detailedDescription'],
  ['root_cause', 'rootCause'],
  ['mitigation_applied', 'mitigationApplied'],
  ['mitigation_ongoing', 'mitigationOngoing'],
];

/** What a NIS2 report says. */
export function contentOf(ext: Nis2ReportExtension): ReportContent {
  const out: Record<string, unknown> = {};
  for (const [from, to] of CONTENT_FIELDS) if (ext[from] !== undefined) out[to] = ext[from];
  return out as ReportContent;
}

/** A NIS2 report as the incident page shows it; undefined for a report without the extension. */
export function reportViewOf(o: JsonObject, ownerOrg: string, versions: number): ReportView | undefined {
  const ext = reportExtOf(o);
  if (ext === undefined) return undefined;
  return {
    id: String(o['id']),
    stage: ext.stage,
    request: ext.stage === 'intermediate' ? (ext.request ?? 0) : null,
    submittedAt: String(o['created']),
    versions: Math.max(0, versions - 1),
    content: contentOf(ext),
    ownerOrg,
  };
}

/** A CSIRT's answer; undefined for a note without the extension. */
export function answerViewOf(o: JsonObject, ownerOrg: string, ownerName: string): AnswerView | undefined {
  const ext = answerExtOf(o);
  if (ext === undefined) return undefined;
  const refs = Array.isArray(o['object_refs']) ? o['object_refs'] : [];
  return {
    id: String(o['id']),
    kind: ext.kind,
    content: String(o['content'] ?? ''),
    dueAt: ext.due_at ?? null,
    reportId: typeof refs[1] === 'string' ? refs[1] : null,
    createdAt: String(o['created']),
    ownerOrg,
    ownerName,
  };
}
