// The incident projection (issue 16, musts 5 and 9), pure: from the stored STIX objects of an
// incident and its work to the row the incidents list filters on, the facts its clocks run on
// and each stage's deadline. Objects arrive in any order (federation, imports: a report before
// its incident), so everything here is a function of the latest versions alone: projecting
// again with the same objects gives the same rows, whatever came first.
import type { Org } from '../identity/types.ts';
import type { JsonObject, JsonValue } from '../stix/types.ts';
import type { InvestigationStatus } from './api.ts';
import { addHours } from './calendar.ts';
import { clocks, type ClockFacts, type Stage } from './clocks.ts';
import { extensionOf, incidentCoreOf, nis2Of } from './read.ts';
import {
  CONCORD_NIS2_ANSWER_EXTENSION_ID,
  CONCORD_NIS2_REPORT_EXTENSION_ID,
  type IncidentDetermination,
  type Nis2AnswerExtension,
  type Nis2ReportExtension,
  type Nis2Severity,
} from './types.ts';

/** How an object is tied to an incident. */
export type LinkKind = 'event' | 'task' | 'impact' | 'note' | 'report' | 'answer' | 'relationship';

/** One tie, as the content of `declaredBy` states it (the incident's *_refs, a report's or a
 *  note's object_refs, a relationship's ends). */
export interface IncidentLink {
  incidentId: string;
  objectId: string;
  kind: LinkKind;
  relationshipType: string | null;
  declaredBy: string;
}

/** The organisation key that makes an owner a trust service provider (NIS2 Annex I, 8: "trust
 *  service providers"; Art. 23(4) second subparagraph gives them 24 hours to notify). */
export const TRUST_SERVICE_SECTOR = 'digital-infrastructure/trust-service-providers';

/** The object types whose versions can change an incident's projection. */
export const PROJECTED_TYPES: readonly string[] = ['incident', 'report', 'note', 'relationship'];

const isIncident = (id: unknown): id is string => typeof id === 'string' && id.startsWith('incident--');
const strings = (v: JsonValue | undefined): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : []);

/** The NIS2 report extension of a `report`, when it has one. */
export const reportExtOf = (o: JsonObject): Nis2ReportExtension | undefined =>
  extensionOf(o, CONCORD_NIS2_REPORT_EXTENSION_ID) as Nis2ReportExtension | undefined;
/** The CSIRT answer extension of a `note`, when it has one. */
export const answerExtOf = (o: JsonObject): Nis2AnswerExtension | undefined =>
  extensionOf(o, CONCORD_NIS2_ANSWER_EXTENSION_ID) as Nis2AnswerExtension | undefined;

/** The kind of work an object id names, by its type (Incident Extension Suite §2.2–2.4). */
function workKind(id: string): LinkKind {
  const type = id.slice(0, id.indexOf('--'));
  return type === 'event' || type === 'task' || type === 'impact' ? type : 'relationship';
}

/** The incident ties the latest version `o` of an object declares; none when it is revoked. */
export function linksOf(o: JsonObject): IncidentLink[] {
  const id = String(o['id']);
  if (o['revoked'] === true) return [];
  const link = (incidentId: string, objectId: string, kind: LinkKind, relationshipType: string | null = null): IncidentLink => ({
    incidentId,
    objectId,
    kind,
    relationshipType,
    declaredBy: id,
  });
  switch (o['type']) {
    case 'incident': {
      const core = incidentCoreOf(o);
      if (core === undefined) return [];
      return [
        ...core.event_refs.map((r) => link(id, r, 'event')),
        ...core.impact_refs.map((r) => link(id, r, 'impact')),
        ...core.task_refs.map((r) => link(id, r, 'task')),
      ];
    }
    case 'report': {
      // A NIS2 report names its incident first (types.ts); other reports are linked by the
      // incidents among their object_refs, as the page's notes are.
      const refs = strings(o['object_refs']);
      if (reportExtOf(o) !== undefined) return isIncident(refs[0]) ? [link(refs[0], id, 'report')] : [];
      return refs.filter(isIncident).map((r) => link(r, id, 'note'));
    }
    case 'note': {
      const refs = strings(o['object_refs']);
      if (answerExtOf(o) !== undefined) return isIncident(refs[0]) ? [link(refs[0], id, 'answer')] : [];
      return refs.filter(isIncident).map((r) => link(r, id, 'note'));
    }
    case 'relationship': {
      const [source, target, type] = [o['source_ref'], o['target_ref'], String(o['relationship_type'] ?? '')];
      const out: IncidentLink[] = [];
      if (isIncident(source) && typeof target === 'string') out.push(link(source, target, workKind(target), type));
      if (isIncident(target) && typeof source === 'string' && source !== target) out.push(link(target, source, workKind(source), type));
      return out;
    }
    default:
      return [];
  }
}

/** A stored version with the organisation that owns it (its access label's owner). */
export interface Owned {
  object: JsonObject;
  ownerOrg: string;
}

/** What the incidents table holds of one incident. */
export interface IncidentRecord {
  id: string;
  seq: number;
  ownerOrg: string;
  csirtOrg: string | null;
  name: string;
  /** Lower-cased name and description, for the list's words. */
  search: string;
  status: InvestigationStatus;
  determination: IncidentDetermination;
  sector: string | null;
  subsector: string | null;
  country: string | null;
  memberStates: string[];
  rsitClass: string | null;
  rsitType: string | null;
  severity: Nis2Severity | null;
  significant: boolean;
  crossBorder: boolean;
  tsp: boolean;
  awareAt: string;
  handledAt: string | null;
  modified: string;
  facts: ClockFacts;
  nextDueAt: string | null;
}

/** One stage's deadline as stored; its standing is decided at the time of the question. */
export interface StageRecord {
  stage: Stage;
  /** Which intermediate request (0-based); 0 for the other stages. */
  request: number;
  dueAt: string | null;
  /** When the clock starts, if later than the awareness (the final report of an entity that
   *  never notified runs from the notification's deadline, clocks.ts finalAnchor). */
  startsAt: string | null;
  submittedAt: string | null;
}

/** What an incident's projection is made of. */
export interface ProjectionInput {
  incident: JsonObject;
  seq: number;
  /** The incident's owner organisation (label owner), when this node knows it. */
  ownerOrg: string;
  owner: Org | undefined;
  /** Latest versions of the NIS2 reports naming the incident first. */
  reports: readonly Owned[];
  /** Latest versions of the CSIRT answers (notes) naming it first. */
  answers: readonly Owned[];
}

const STATUSES: ReadonlySet<string> = new Set(['new', 'open', 'closed']);
/** A time far enough ahead that every clock which will ever start has started. */
const END_OF_TIME = new Date('9999-01-01T00:00:00.000Z');

const created = (o: JsonObject): string => String(o['created'] ?? o['modified'] ?? '');
const firstCreated = (items: readonly Owned[]): string | undefined => items.map((i) => created(i.object)).sort()[0];

/**
 * The clock facts of an incident (clocks.ts): when the entity became aware (the NIS2
 * extension), when each stage was first submitted (a report's `created`, shared by every
 * version of it, is when it was submitted), the CSIRT's requests for intermediate reports and
 * its first feedback after the early warning (Art. 23(4)(c), 23(5)). The write service checks a
 * change against these same facts, so what it accepts is what the clocks then show.
 */
export function factsOf(
  input: Pick<ProjectionInput, 'incident' | 'reports' | 'answers'> & { owner: Pick<Org, 'csirtOrg' | 'sectors'> | undefined },
): ClockFacts {
  const nis2 = nis2Of(input.incident);
  const byStage = (stage: Nis2ReportExtension['stage']): Owned[] => input.reports.filter((r) => reportExtOf(r.object)?.stage === stage);
  const csirt = input.owner?.csirtOrg ?? null;
  const fromCsirt = input.answers.filter((a) => csirt !== null && a.ownerOrg === csirt);
  const requests = fromCsirt
    .filter((a) => answerExtOf(a.object)?.kind === 'intermediate-request' && typeof answerExtOf(a.object)?.due_at === 'string')
    .sort((a, b) => created(a.object).localeCompare(created(b.object)) || String(a.object['id']).localeCompare(String(b.object['id'])));
  const intermediates = byStage('intermediate');
  const facts: ClockFacts = {
    awareAt: nis2?.aware_at ?? created(input.incident),
    trustServiceProvider: input.owner?.sectors.includes(TRUST_SERVICE_SECTOR) ?? false,
    earlyWarningAt: firstCreated(byStage('early-warning')),
    notificationAt: firstCreated(byStage('notification')),
    progressReportAt: firstCreated(byStage('progress')),
    finalReportAt: firstCreated(byStage('final')),
    handledAt: nis2?.handled_at,
  };
  if (requests.length > 0)
    facts.intermediateRequests = requests.map((a, i) => ({
      requestedAt: created(a.object),
      dueAt: String(answerExtOf(a.object)?.due_at),
      submittedAt: firstCreated(intermediates.filter((r) => (reportExtOf(r.object)?.request ?? 0) === i)),
    }));
  const early = facts.earlyWarningAt;
  if (early !== undefined)
    facts.csirtResponseAt = fromCsirt
      .filter((a) => answerExtOf(a.object)?.kind === 'feedback')
      .map((a) => created(a.object))
      .filter((at) => at >= early)
      .sort()[0];
  // Absent facts are left out, so that stored facts compare equal however they were made.
  for (const k of Object.keys(facts) as (keyof ClockFacts)[]) if (facts[k] === undefined) delete facts[k];
  return facts;
}

/** Each stage's deadline, as far as the facts fix it (standing is decided at read time). */
export function stagesOf(facts: ClockFacts): StageRecord[] {
  const notificationDue = addHours(new Date(facts.awareAt), facts.trustServiceProvider ? 24 : 72).toISOString();
  return clocks(facts, END_OF_TIME).map((c) => ({
    stage: c.stage,
    request: c.request ?? 0,
    dueAt: c.dueAt,
    // Without a notification the final report's month runs from the notification's deadline,
    // and only once that has passed (clocks.ts finalAnchor).
    startsAt: c.stage === 'final' && facts.notificationAt === undefined && facts.progressReportAt === undefined ? notificationDue : null,
    submittedAt: c.submittedAt === null ? null : isoTime(c.submittedAt),
  }));
}

/** A time as stored: ISO 8601 with milliseconds, so that the store compares them as text. */
export function isoTime(s: string): string {
  const t = Date.parse(s);
  return Number.isNaN(t) ? s : new Date(t).toISOString();
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The row and stages of one incident. */
export function projectIncident(input: ProjectionInput): { record: IncidentRecord; stages: StageRecord[] } {
  const o = input.incident;
  const core = incidentCoreOf(o);
  const nis2 = nis2Of(o);
  const facts = factsOf(input);
  const stages = stagesOf(facts);
  const [ownSector, ownSubsector] = (input.owner?.sectors[0] ?? '').split('/');
  const name = String(o['name'] ?? '');
  const status = core && STATUSES.has(core.investigation_status) ? (core.investigation_status as InvestigationStatus) : 'new';
  const waiting = stages.filter((s) => s.submittedAt === null && s.dueAt !== null).map((s) => s.dueAt as string);
  const record: IncidentRecord = {
    id: String(o['id']),
    seq: input.seq,
    ownerOrg: input.ownerOrg,
    csirtOrg: input.owner?.csirtOrg ?? null,
    name,
    search: `${name} ${String(o['description'] ?? '')}`.toLowerCase(),
    status,
    determination: core?.determination ?? 'suspected',
    sector: str(nis2?.sector) ?? str(ownSector),
    subsector: str(nis2?.subsector) ?? (nis2?.sector === undefined ? str(ownSubsector) : null),
    country: input.owner?.country ?? null,
    memberStates: nis2?.member_states_affected ?? [],
    rsitClass: str(nis2?.rsit_classification),
    rsitType: str(nis2?.rsit_type),
    severity: nis2?.severity ?? null,
    significant: nis2?.significant ?? false,
    crossBorder: nis2?.cross_border_impact ?? false,
    tsp: facts.trustServiceProvider,
    awareAt: isoTime(facts.awareAt),
    handledAt: nis2?.handled_at === undefined ? null : isoTime(nis2.handled_at),
    modified: isoTime(String(o['modified'] ?? created(o))),
    facts,
    nextDueAt: waiting.sort()[0] ?? null,
  };
  return { record, stages };
}
