// `concord incident …` options turned into the requests the incident services take (the same
// shapes the REST API and the web UI send: src/domain/incidents/api.ts). Values are checked here
// only as far as the command line must (numbers, times, lists); the services check the rest and
// name the field, which `flagOf` turns back into the option that gave it.
import { readFile } from 'node:fs/promises';
import type {
  AddEventRequest,
  AddImpactRequest,
  AddTaskRequest,
  AnswerRequest,
  IncidentFilter,
  IncidentSort,
  InvestigationStatus,
  LinkRequest,
  OpenIncidentRequest,
  ReportContent,
  ShareRequest,
  SubmitReportRequest,
  UpdateIncidentRequest,
  UpdateTaskRequest,
} from '../domain/incidents/api.ts';
import type { ReportStage } from '../domain/incidents/reports.ts';
import { NIS2_SEVERITIES, type IncidentDetermination } from '../domain/incidents/types.ts';
import { InvalidInputError } from '../errors.ts';
import { filterOf as queryFilter } from '../http/incidents/schema.ts';
import type { Values } from './incident-options.ts';

/** A list option given repeatedly or comma-separated (`--status new,open --status closed`). */
export function list(values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A time option: an ISO 8601 timestamp, `now`, `3h ago` (past) or `in 2d` (future), as UTC ISO
 * 8601. Whether the time may be in the future is the service's rule (an entity cannot become
 * aware in the future); here it must only be a time.
 */
export function time(value: string | undefined, option: string, now = Date.now()): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === 'now') return new Date(now).toISOString();
  const rel = /^(?:(in)\s*)?(\d+)\s*([mhdw])(?:\s*(ago))?$/.exec(v);
  const unit = rel?.[3] === undefined ? undefined : UNIT_MS[rel[3]];
  if (rel && unit !== undefined && (rel[1] === undefined) !== (rel[4] === undefined)) {
    const sign = rel[4] === undefined ? 1 : -1;
    return new Date(now + sign * Number(rel[2]) * unit).toISOString();
  }
  const t = /^\d{4}-\d{2}-\d{2}/.test(v) ? Date.parse(v) : Number.NaN;
  if (Number.isNaN(t)) {
    throw new InvalidInputError(`${option} "${value}" must be an ISO 8601 time (2026-03-01T08:00:00Z), now, "3h ago" or "in 2d"`, {
      field: option,
    });
  }
  return new Date(t).toISOString();
}

/** An integer option within [min, max]. */
export function integer(value: string | undefined, option: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new InvalidInputError(`${option} "${value}" must be a whole number from ${min} to ${max}`, { field: option });
  }
  return n;
}

/** A value of a fixed set, named with the option when it is not one. */
export function oneOf<T extends string>(value: string | undefined, option: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  const found = allowed.find((a) => a === value);
  if (found === undefined) throw new InvalidInputError(`${option} "${value}" must be one of ${allowed.join(', ')}`, { field: option });
  return found;
}

/** Keeps only the entries that were given, so the service sees "unchanged" for the others. */
export function given<T extends object>(o: { [K in keyof T]: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A list option whose every value is one of `allowed`. */
function listOf<T extends string>(values: string[] | undefined, option: string, allowed: readonly T[]): T[] | undefined {
  return list(values)?.map((v) => oneOf(v, option, allowed) as T);
}

/** The one value of an option that `list` takes repeated but the others take once; of
 *  `allowed` when given (else the service checks it). */
function single<T extends string>(values: string[] | undefined, option: string, allowed?: readonly T[]): T | undefined {
  const all = allowed === undefined ? (list(values) as T[] | undefined) : listOf(values, option, allowed);
  if (all !== undefined && all.length > 1) throw new InvalidInputError(`${option} takes one value here`, { field: option });
  return all?.[0];
}

// The closed vocabularies, written as records so the compiler says when the domain adds a value.
const keys = <T extends string>(r: Record<T, true>): T[] => Object.keys(r) as T[];
const SORTS = keys<IncidentSort>({ newest: true, due: true, modified: true });
const STATUSES = keys<InvestigationStatus>({ new: true, open: true, closed: true });
const DETERMINATIONS = keys<IncidentDetermination>({
  blocked: true,
  confirmed: true,
  'failed-attempt': true,
  'false-positive': true,
  suspected: true,
});
const EVENT_STATUSES = keys<NonNullable<AddEventRequest['status']>>({ occurred: true, ongoing: true, pending: true, undetermined: true });
const OUTCOMES = keys<NonNullable<UpdateTaskRequest['outcome']>>({
  pending: true,
  ongoing: true,
  successful: true,
  failed: true,
  cancelled: true,
});
export const STAGES = keys<ReportStage>({ 'early-warning': true, notification: true, intermediate: true, progress: true, final: true });

/**
 * The list's filters, read as GET /api/v1/incidents reads its query (the one check of each
 * vocabulary, naming the parameter; flagOf turns `stageStatus` back into `--stage-status`).
 * `owner` is the organisation's id (the command resolves a name).
 */
export function filterOf(v: Values, owner?: string): { filter: IncidentFilter; sort: IncidentSort; limit: number } {
  const csv = (xs: string[] | undefined): string | undefined => list(xs)?.join(',');
  const filter = queryFilter(
    given({
      status: csv(v.status),
      sector: csv(v.sector),
      country: csv(v.country)?.toUpperCase(),
      rsitClass: csv(v['rsit-class']),
      severity: csv(v.severity),
      determination: csv(v.determination),
      stageStatus: csv(v['stage-status']),
      dueWithinHours: integer(v['due-within'], '--due-within', 1, 8760),
      crossBorder: v['cross-border'],
      owner,
      q: v.q,
    }),
  );
  return { filter, sort: oneOf(v.sort, '--sort', SORTS) ?? 'newest', limit: integer(v.limit, '--limit', 1, 500) ?? 50 };
}

/** What open and update share: what the incident says. */
function described(v: Values) {
  return given({
    name: v.name,
    description: v.description,
    awareAt: time(v['aware-at'], '--aware-at'),
    determination: single(v.determination, '--determination', DETERMINATIONS),
    sector: single(v.sector, '--sector'),
    subsector: v.subsector,
    memberStates: list(v['member-state'])?.map((c) => c.toUpperCase()),
    significant: v.significant,
    suspectedMalicious: v['suspected-malicious'],
    crossBorder: v['cross-border'],
    rsitClass: single(v['rsit-class'], '--rsit-class'),
    rsitType: v['rsit-type'],
    severity: single(v.severity, '--severity', NIS2_SEVERITIES),
  });
}

/** `incident open`: --name and --aware-at are required (the clocks start at awareness, Art. 23(4)(a)). */
export function openRequest(v: Values): OpenIncidentRequest {
  if (v.name === undefined) throw new InvalidInputError('--name is required: what the incident is called', { field: '--name' });
  if (v['aware-at'] === undefined) {
    throw new InvalidInputError('--aware-at is required: when the entity became aware (every NIS2 clock starts there)', {
      field: '--aware-at',
    });
  }
  return { ...described(v), ...given({ tlp: v.tlp?.toLowerCase() }) } as OpenIncidentRequest;
}

/** `incident update`: only what is given changes. */
export function updateRequest(v: Values): UpdateIncidentRequest {
  return {
    ...described(v),
    ...given({ status: single(v.status, '--status', STATUSES), handledAt: time(v['handled-at'], '--handled-at'), base: v.base }),
  } as UpdateIncidentRequest;
}

export function eventRequest(v: Values): AddEventRequest {
  if (v.name === undefined) throw new InvalidInputError('--name is required: what happened', { field: '--name' });
  return given({
    name: v.name,
    description: v.description,
    startTime: time(v.start, '--start'),
    endTime: time(v.end, '--end'),
    status: single(v.status, '--status', EVENT_STATUSES),
  }) as AddEventRequest;
}

export function taskRequest(v: Values): AddTaskRequest {
  if (v.name === undefined) throw new InvalidInputError('--name is required: what is to be done', { field: '--name' });
  return given({
    name: v.name,
    description: v.description,
    assignee: v.assignee,
    dueDate: time(v.due, '--due'),
    priority: integer(v.priority, '--priority', 0, 100),
  }) as AddTaskRequest;
}

export function taskUpdate(v: Values): UpdateTaskRequest {
  return given({
    outcome: oneOf(v.outcome, '--outcome', OUTCOMES),
    assignee: v.assignee,
    dueDate: time(v.due, '--due'),
    description: v.description,
  }) as UpdateTaskRequest;
}

export function impactRequest(v: Values): Partial<AddImpactRequest> {
  return given({
    category: v.category,
    description: v.description,
    criticality: integer(v.criticality, '--criticality', 0, 100),
    startTime: time(v.start, '--start'),
    endTime: time(v.end, '--end'),
    recoverability: v.recoverability,
  });
}

export function linkRequest(v: Values, target: string): LinkRequest {
  return given({ target, relationshipType: v.type, confidence: integer(v.confidence, '--confidence', 0, 100) }) as LinkRequest;
}

/** A JSON object from --file, naming the file when it is not one. */
async function jsonFile(path: string): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new InvalidInputError(`${path}: ${(e as Error).message}`, { field: '--file' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError(`${path} must hold one JSON object: the report's fields (see \`concord incident prefill\`)`, {
      field: '--file',
    });
  }
  return value as Record<string, unknown>;
}

/** `incident report`: the content of --file (as `prefill` prints it), then the options over it. */
export async function reportRequest(v: Values): Promise<SubmitReportRequest> {
  const stage = oneOf(v.stage, '--stage', STAGES);
  if (stage === undefined) throw new InvalidInputError(`--stage is required: one of ${STAGES.join(', ')}`, { field: '--stage' });
  const base = v.file === undefined ? {} : await jsonFile(v.file);
  const content = {
    ...base,
    ...given({
      summary: v.summary,
      suspectedMalicious: v['suspected-malicious'],
      crossBorderImpact: v['cross-border-impact'],
      crossBorderDescription: v['cross-border-description'],
      initialAssessment: v['initial-assessment'],
      severity: single(v.severity, '--severity', NIS2_SEVERITIES),
      impact: v.impact,
      indicatorRefs: list(v.indicator),
      statusUpdate: v['status-update'],
      detailedDescription: v['detailed-description'],
      rootCause: v['root-cause'],
      mitigationApplied: v['mitigation-applied'],
      mitigationOngoing: v['mitigation-ongoing'],
    }),
  } as ReportContent;
  return { stage, content, ...given({ request: integer(v.request, '--request', 0, 1000), revise: v.revise }) };
}

/** `incident answer`: --feedback TEXT, or --request-intermediate --due TIME (Art. 23(4)(c)). */
export function answerRequest(v: Values): AnswerRequest {
  if ((v.feedback === undefined) === (v['request-intermediate'] !== true)) {
    throw new InvalidInputError('give either --feedback TEXT or --request-intermediate --due TIME', { field: '--feedback' });
  }
  if (v.feedback !== undefined) return { kind: 'feedback', content: v.feedback, ...given({ reportId: v.report }) };
  const dueAt = time(v.due, '--due');
  if (dueAt === undefined) {
    throw new InvalidInputError('--due is required with --request-intermediate: the date the CSIRT sets (Art. 23(4)(c))', {
      field: '--due',
    });
  }
  return { kind: 'intermediate-request', content: v.content ?? `An intermediate report is requested by ${dueAt}.`, dueAt };
}

/** `incident share`: --whole, or --summary TEXT the CSIRT wrote (must 6). */
export function shareRequest(v: Values): ShareRequest {
  if ((v.whole === true) === (v.summary !== undefined)) {
    throw new InvalidInputError('give either --whole or --summary TEXT', { field: '--whole' });
  }
  return {
    mode: v.whole === true ? 'whole' : 'summary',
    ...given({
      summary: v.summary,
      name: v.whole === true ? undefined : v.name,
      memberStates: list(v['member-state'])?.map((c) => c.toUpperCase()),
      tlp: v.tlp?.toLowerCase(),
    }),
  };
}
