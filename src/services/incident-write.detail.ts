// What an incident write answers when no incident projection is wired (IncidentService, the
// store helper's, answers the full detail): the incident as stored, its clocks and its reports,
// read straight from the objects. The lists of work are left empty here; the projection fills them.
import type { IncidentDetail, IncidentRow, InvestigationStatus, ReportView } from '../domain/incidents/api.ts';
import { clocks } from '../domain/incidents/clocks.ts';
import { factsOf } from '../domain/incidents/facts.ts';
import { incidentCoreOf, nis2Of } from '../domain/incidents/read.ts';
import { REPORT_FIELDS } from '../domain/incidents/report-extension.ts';
import type { ReportContent } from '../domain/incidents/reports.ts';
import { CONCORD_NIS2_REPORT_EXTENSION_ID } from '../domain/incidents/types.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import { isJsonObject } from '../domain/writing/compose.ts';
import type { HeldIncident } from './incident-held.ts';

function contentOf(report: JsonObject): ReportContent {
  const exts = report['extensions'];
  const ext = isJsonObject(exts) && isJsonObject(exts[CONCORD_NIS2_REPORT_EXTENSION_ID]) ? exts[CONCORD_NIS2_REPORT_EXTENSION_ID] : {};
  const out: Record<string, unknown> = {};
  for (const [field, prop] of Object.entries(REPORT_FIELDS)) if (ext[prop] !== undefined) out[field] = ext[prop];
  return out as ReportContent;
}

/** The detail of a held incident, as far as the stored objects say it without a projection. */
export function storedDetail(held: HeldIncident, marking: string, now: Date): IncidentDetail {
  const o = held.object;
  const nis2 = nis2Of(o);
  const core = incidentCoreOf(o);
  const facts = factsOf(o, held.reports, held.answers);
  const all = clocks(facts, now);
  const waiting = all.filter((c) => (c.status === 'due' || c.status === 'overdue') && c.dueAt !== null).map((c) => c.dueAt as string);
  const row: IncidentRow = {
    id: o.id,
    name: String(o['name'] ?? ''),
    ownerOrg: held.label.ownerOrg,
    ownerName: held.owner?.name ?? held.label.ownerOrg,
    csirtOrg: held.csirtOrg,
    status: (core?.investigation_status ?? 'new') as InvestigationStatus,
    determination: core?.determination ?? 'suspected',
    sector: nis2?.sector ?? null,
    subsector: nis2?.subsector ?? null,
    country: held.owner?.country ?? null,
    memberStates: nis2?.member_states_affected ?? [],
    rsitClass: nis2?.rsit_classification ?? null,
    rsitType: nis2?.rsit_type ?? null,
    severity: nis2?.severity ?? null,
    significant: nis2?.significant ?? false,
    crossBorder: nis2?.cross_border_impact ?? false,
    awareAt: facts.awareAt,
    handledAt: nis2?.handled_at ?? null,
    modified: String(o['modified'] ?? ''),
    clocks: all,
    nextDueAt: waiting.sort()[0] ?? null,
    marking,
  };
  const reports: ReportView[] = held.reports.map((r) => ({
    id: r.id,
    stage: r.stage,
    request: r.request ?? null,
    submittedAt: r.submittedAt,
    versions: 0,
    content: contentOf(r.object),
    ownerOrg: r.label.ownerOrg,
  }));
  const mine = held.standing;
  return {
    row,
    incident: o,
    events: [],
    tasks: [],
    impacts: [],
    notes: [],
    links: [],
    reports,
    answers: [],
    shares: [],
    can: { work: mine !== 'none', report: mine === 'owner', answer: mine === 'csirt', share: mine === 'csirt' },
  };
}
