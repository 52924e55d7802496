// From the incident requests (api.ts) to the STIX objects Concord stores (issue 16, musts 1, 4
// and 5), pure: an `incident` with the Incident Core Extension (Incident Extension Suite §2.1) and
// Concord's NIS2 extension; the suite's `event`, `impact` and `task` (§2.2–§2.4); NIS2 reports as
// `report` objects and CSIRT answers as `note` objects with Concord's extensions; links as
// `relationship` objects. The writer's time, ids and organisation come in a context; the ids,
// spec_version, created and markings are filled in by the write API's own composition.
import { InvalidInputError } from '../../errors.ts';
import { IMPACT_CATEGORIES } from '../stix/defs-incident-impact.ts';
import type { JsonObject, JsonValue, StixObject } from '../stix/types.ts';
import { composeNew, composeRevision, isJsonObject } from '../writing/compose.ts';
import type { MarkingInput } from '../writing/types.ts';
import type {
  AddEventRequest,
  AddImpactRequest,
  AddTaskRequest,
  AnswerRequest,
  LinkRequest,
  NoteRequest,
  OpenIncidentRequest,
  SubmitReportRequest,
  UpdateImpactRequest,
  UpdateIncidentRequest,
  UpdateTaskRequest,
} from './api.ts';
import { REPORT_FIELDS } from './report-extension.ts';
import type { ReportContent, ReportStage } from './reports.ts';
import {
  CONCORD_NIS2_ANSWER_EXTENSION_ID,
  CONCORD_NIS2_EXTENSION_ID,
  CONCORD_NIS2_REPORT_EXTENSION_ID,
  CONCORD_TASK_EXTENSION_ID,
  EVENT_EXTENSION_ID,
  IMPACT_EXTENSION_ID,
  INCIDENT_CORE_EXTENSION_ID,
  TASK_EXTENSION_ID,
} from './types.ts';

/** What composition needs: now, an id source, the writer's organisation and the markings. */
export interface IncidentComposeContext {
  now: string;
  uuid: () => string;
  /** identity id of the writing organisation (created_by_ref). */
  creator: string;
  markings: MarkingInput;
}

/** Where the work items of an incident hang in its core extension (§2.1). */
export type WorkKind = 'event' | 'impact' | 'task';
const REFS: Readonly<Record<WorkKind, string>> = { event: 'event_refs', impact: 'impact_refs', task: 'task_refs' };

/** The report_types value of each stage: an open vocabulary (STIX 2.1 §10.22), Concord's words. */
export const reportType = (stage: ReportStage): string => `nis2-${stage}`;

const STAGE_TITLES: Readonly<Record<ReportStage, string>> = {
  'early-warning': 'Early warning',
  notification: 'Incident notification',
  intermediate: 'Intermediate report',
  progress: 'Progress report',
  final: 'Final report',
};

/** A request time as a STIX timestamp (UTC, milliseconds); refused naming `field` when it is none. */
export function requestTime(value: unknown, field: string): string {
  const t = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(t)) throw new InvalidInputError(`${field} must be an ISO 8601 date and time`, { field });
  return new Date(t).toISOString();
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidInputError(`${field} must not be empty`, { field });
  return value;
}

/** `{ key: value }` for each defined value, so absent request fields add no property. */
function defined(entries: Record<string, JsonValue | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

const time = (v: string | undefined, field: string): string | undefined => (v === undefined ? undefined : requestTime(v, field));

/** The NIS2 extension properties a request sets (snake_case of the request's names). */
function nis2Props(req: Partial<OpenIncidentRequest> & { handledAt?: string }): JsonObject {
  return defined({
    aware_at: time(req.awareAt, 'awareAt'),
    sector: req.sector,
    subsector: req.subsector,
    // STIX 2.1 §3.1: a list property is absent rather than empty.
    member_states_affected: req.memberStates?.length ? req.memberStates : undefined,
    significant: req.significant,
    suspected_unlawful_or_malicious: req.suspectedMalicious,
    cross_border_impact: req.crossBorder,
    rsit_classification: req.rsitClass,
    rsit_type: req.rsitType,
    severity: req.severity,
    handled_at: time(req.handledAt, 'handledAt'),
  });
}

/** A new incident of the writer's organisation; `entityRef` is the affected entity's identity. */
export function composeIncident(req: OpenIncidentRequest, entityRef: string, ctx: IncidentComposeContext): StixObject {
  const body = {
    type: 'incident',
    name: text(req.name, 'name'),
    ...defined({ description: req.description }),
    extensions: {
      [INCIDENT_CORE_EXTENSION_ID]: {
        extension_type: 'property-extension',
        determination: req.determination ?? 'suspected',
        investigation_status: 'new',
      },
      [CONCORD_NIS2_EXTENSION_ID]: {
        extension_type: 'property-extension',
        ...nis2Props({ ...req, awareAt: requestTime(req.awareAt, 'awareAt') }),
        affected_entity_ref: entityRef,
      },
    },
  };
  return composeNew(body, ctx.markings, ctx);
}

function extensionsOf(o: StixObject): JsonObject {
  return isJsonObject(o['extensions']) ? o['extensions'] : {};
}

function extensionOf(o: StixObject, id: string): JsonObject {
  const ext = extensionsOf(o)[id];
  return isJsonObject(ext) ? ext : { extension_type: 'property-extension' };
}

/** The next version of `latest` with the request's changes (STIX 2.1 §3.6: the owner's alone). */
export function composeIncidentUpdate(latest: StixObject, req: UpdateIncidentRequest, now: string): StixObject {
  const core = {
    ...extensionOf(latest, INCIDENT_CORE_EXTENSION_ID),
    ...defined({ determination: req.determination, investigation_status: req.status }),
  };
  const nis2 = { ...extensionOf(latest, CONCORD_NIS2_EXTENSION_ID), ...nis2Props(req) };
  if (req.memberStates?.length === 0) delete nis2['member_states_affected'];
  const changes: Record<string, unknown> = {
    ...(req.name === undefined ? {} : { name: text(req.name, 'name') }),
    ...defined({ description: req.description }),
    extensions: { ...extensionsOf(latest), [INCIDENT_CORE_EXTENSION_ID]: core, [CONCORD_NIS2_EXTENSION_ID]: nis2 },
  };
  return composeRevision(latest, changes, {}, now);
}

/** The next version of `latest` whose core extension names `itemId` among its `kind` refs. */
export function composeWithWorkRef(latest: StixObject, kind: WorkKind, itemId: string, now: string): StixObject {
  const core = extensionOf(latest, INCIDENT_CORE_EXTENSION_ID);
  const held = Array.isArray(core[REFS[kind]]) ? (core[REFS[kind]] as JsonValue[]) : [];
  if (held.includes(itemId)) return latest;
  const next = { ...core, [REFS[kind]]: [...held, itemId] };
  return composeRevision(latest, { extensions: { ...extensionsOf(latest), [INCIDENT_CORE_EXTENSION_ID]: next } }, {}, now);
}

const newSdo = (id: string): JsonObject => ({ [id]: { extension_type: 'new-sdo' } });

/** A timeline event (§2.2); `status` defaults to occurred. */
export function composeEvent(req: AddEventRequest, ctx: IncidentComposeContext): StixObject {
  const body = {
    type: 'event',
    name: text(req.name, 'name'),
    status: req.status ?? 'occurred',
    ...defined({ description: req.description, start_time: time(req.startTime, 'startTime'), end_time: time(req.endTime, 'endTime') }),
    extensions: newSdo(EVENT_EXTENSION_ID),
  };
  return composeNew(body, ctx.markings, ctx);
}

function assignment(assignee: string): JsonObject {
  return { [CONCORD_TASK_EXTENSION_ID]: { extension_type: 'property-extension', assignee: text(assignee, 'assignee') } };
}

/** A task (§2.4), pending until someone reports its outcome, with Concord's assignee. */
export function composeTask(req: AddTaskRequest, ctx: IncidentComposeContext): StixObject {
  const body = {
    type: 'task',
    name: text(req.name, 'name'),
    outcome: 'pending',
    ...defined({ description: req.description, due_date: time(req.dueDate, 'dueDate'), priority: req.priority }),
    extensions: { ...newSdo(TASK_EXTENSION_ID), ...(req.assignee === undefined ? {} : assignment(req.assignee)) },
  };
  return composeNew(body, ctx.markings, ctx);
}

/** The next version of a task: its outcome, assignee, due date or description. */
export function composeTaskUpdate(latest: StixObject, req: UpdateTaskRequest, now: string): StixObject {
  const changes: Record<string, unknown> = defined({
    outcome: req.outcome,
    description: req.description,
    due_date: time(req.dueDate, 'dueDate'),
  });
  if (req.assignee !== undefined) changes['extensions'] = { ...extensionsOf(latest), ...assignment(req.assignee) };
  return composeRevision(latest, changes, {}, now);
}

/** The suite's impact categories (§2.3.2); `monetary`, the API's older word, is `economic`. */
function impactCategory(value: unknown): string {
  const given = text(value, 'category');
  const category = given === 'monetary' ? 'economic' : given;
  if (!IMPACT_CATEGORIES.has(category))
    throw new InvalidInputError(`category must be one of ${[...IMPACT_CATEGORIES].join(', ')}`, { field: 'category' });
  return category;
}

/** An impact (§2.3) of one of the suite's categories. */
export function composeImpact(req: AddImpactRequest, ctx: IncidentComposeContext): StixObject {
  const body = {
    type: 'impact',
    impact_category: impactCategory(req.category),
    ...defined({
      description: req.description,
      criticality: req.criticality,
      recoverability: req.recoverability,
      start_time: time(req.startTime, 'startTime'),
      end_time: time(req.endTime, 'endTime'),
    }),
    extensions: newSdo(IMPACT_EXTENSION_ID),
  };
  return composeNew(body, ctx.markings, ctx);
}

/** The next version of an impact: impacts change over time (must 5), each change a version. */
export function composeImpactUpdate(latest: StixObject, req: UpdateImpactRequest, now: string): StixObject {
  const changes = defined({
    impact_category: req.category === undefined ? undefined : impactCategory(req.category),
    description: req.description,
    criticality: req.criticality,
    recoverability: req.recoverability,
    start_time: time(req.startTime, 'startTime'),
    end_time: time(req.endTime, 'endTime'),
  });
  return composeRevision(latest, changes, {}, now);
}

/** Types an incident may be attributed to (STIX 2.1 §4: attributed-to targets). */
export const ATTRIBUTION_TARGETS: ReadonlySet<string> = new Set(['intrusion-set', 'threat-actor']);

/** A link from the incident to intelligence: `related-to`, or `attributed-to` an intrusion set or
 *  threat actor with a confidence (STIX 2.1 §3.2 confidence, 0–100). */
export function composeLink(incidentId: string, req: LinkRequest, ctx: IncidentComposeContext): StixObject {
  const kind = req.relationshipType ?? 'related-to';
  const targetType = typeof req.target === 'string' ? req.target.split('--')[0] : '';
  if (kind === 'attributed-to' && !ATTRIBUTION_TARGETS.has(targetType ?? ''))
    throw new InvalidInputError('an incident is attributed-to an intrusion-set or a threat-actor only', { field: 'relationshipType' });
  if (req.confidence !== undefined && (!Number.isInteger(req.confidence) || req.confidence < 0 || req.confidence > 100))
    throw new InvalidInputError('confidence must be an integer from 0 to 100 (STIX 2.1 §3.2)', { field: 'confidence' });
  const body = {
    type: 'relationship',
    relationship_type: kind,
    source_ref: incidentId,
    target_ref: text(req.target, 'target'),
    ...defined({ confidence: req.confidence }),
  };
  return composeNew(body, ctx.markings, ctx);
}

/** How work another organisation adds joins the incident it may not version (STIX 2.1 §3.6):
 *  a `related-to` from the item to the incident. */
export function composeWorkLink(itemId: string, incidentId: string, ctx: IncidentComposeContext): StixObject {
  return composeNew(
    { type: 'relationship', relationship_type: 'related-to', source_ref: itemId, target_ref: incidentId },
    ctx.markings,
    ctx,
  );
}

/** A note on the incident (STIX 2.1 §4.10). */
export function composeNote(incidentId: string, req: NoteRequest, ctx: IncidentComposeContext): StixObject {
  const body = { type: 'note', content: text(req.content, 'content'), ...defined({ abstract: req.abstract }), object_refs: [incidentId] };
  return composeNew(body, ctx.markings, ctx);
}

/** ReportContent in the report extension's snake_case. */
export function reportExtension(stage: ReportStage, request: number | undefined, content: ReportContent): JsonObject {
  const out: JsonObject = { extension_type: 'property-extension', stage, ...defined({ request }) };
  for (const [field, prop] of Object.entries(REPORT_FIELDS) as [keyof ReportContent, string][]) {
    const v = content[field];
    const blank = v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
    if (!blank) out[prop] = v as JsonValue;
  }
  return out;
}

const reportRefs = (incidentId: string, content: ReportContent): string[] => [incidentId, ...(content.indicatorRefs ?? [])];

/** A NIS2 report (must 4): object_refs name the incident first; published is the submission. */
export function composeReport(incident: StixObject, req: SubmitReportRequest, ctx: IncidentComposeContext): StixObject {
  const title = `${STAGE_TITLES[req.stage]}${req.request === undefined ? '' : ` ${req.request + 1}`}`;
  const body = {
    type: 'report',
    name: `${title}: ${String(incident['name'] ?? incident.id)}`,
    ...defined({ description: req.content.summary ?? req.content.statusUpdate ?? req.content.detailedDescription }),
    published: ctx.now,
    report_types: [reportType(req.stage)],
    object_refs: reportRefs(incident.id, req.content),
    extensions: { [CONCORD_NIS2_REPORT_EXTENSION_ID]: reportExtension(req.stage, req.request, req.content) },
  };
  return composeNew(body, ctx.markings, ctx);
}

/** A revision of a submitted report: a new version; `created` and `published` keep the time it
 *  was first submitted, which is what the stage's clock counts. */
export function composeReportRevision(latest: StixObject, incidentId: string, req: SubmitReportRequest, now: string): StixObject {
  const changes = {
    object_refs: reportRefs(incidentId, req.content),
    extensions: { ...extensionsOf(latest), [CONCORD_NIS2_REPORT_EXTENSION_ID]: reportExtension(req.stage, req.request, req.content) },
  };
  return composeRevision(latest, changes, {}, now);
}

/** The CSIRT's answer (Art. 23(4)(c), 23(5)): a note on the incident and, for feedback, the report. */
export function composeAnswer(incidentId: string, req: AnswerRequest, ctx: IncidentComposeContext): StixObject {
  const body = {
    type: 'note',
    abstract: req.kind === 'feedback' ? 'CSIRT feedback' : 'Request for an intermediate report',
    content: text(req.content, 'content'),
    object_refs: [incidentId, ...(req.reportId === undefined ? [] : [req.reportId])],
    extensions: {
      [CONCORD_NIS2_ANSWER_EXTENSION_ID]: {
        extension_type: 'property-extension',
        kind: req.kind,
        ...defined({ due_at: time(req.dueAt, 'dueAt') }),
      },
    },
  };
  return composeNew(body, ctx.markings, ctx);
}

/** STIX property names and the request fields that set them, so that a validation issue found on
 *  the composed object names what the writer typed. */
const REQUEST_FIELDS: Readonly<Record<string, string>> = {
  aware_at: 'awareAt',
  handled_at: 'handledAt',
  member_states_affected: 'memberStates',
  suspected_unlawful_or_malicious: 'suspectedMalicious',
  cross_border_impact: 'crossBorder',
  rsit_classification: 'rsitClass',
  rsit_type: 'rsitType',
  investigation_status: 'status',
  start_time: 'startTime',
  end_time: 'endTime',
  due_date: 'dueDate',
  impact_category: 'category',
  relationship_type: 'relationshipType',
  target_ref: 'target',
  due_at: 'dueAt',
  object_refs: 'reportId',
};

/** The request field a validation issue at `path` (`$.extensions['…'].sector`) is about. */
export function requestFieldOf(path: string, report = false): string {
  const props = [...path.matchAll(/\.([a-z_]+)|\['([a-z_]+)'\]/g)].map((m) => m[1] ?? m[2] ?? '');
  const last = props.at(-1) ?? '';
  if (report) {
    const field = Object.entries(REPORT_FIELDS).find(([, prop]) => prop === last)?.[0];
    if (field !== undefined) return `content.${field}`;
    if (last === 'object_refs') return 'content.indicatorRefs';
  }
  return REQUEST_FIELDS[last] ?? last.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}
