// Request schemas of the incident reads (issue 16, musts 5, 8, 9), published in the OpenAPI
// document. List filters take comma-separated values; each value is checked against its
// vocabulary and a wrong one is refused naming the parameter.
import { Type } from '@fastify/type-provider-typebox';
import type { IncidentFilter, IncidentSort, InvestigationStatus } from '../../domain/incidents/api.ts';
import type { StageStatus } from '../../domain/incidents/clocks.ts';
import { NIS2_SECTOR_BY_KEY } from '../../domain/incidents/nis2-sectors.ts';
import { RSIT_BY_CLASSIFICATION } from '../../domain/incidents/rsit.ts';
import { type IncidentDetermination, NIS2_SEVERITIES, type Nis2Severity } from '../../domain/incidents/types.ts';
import { InvalidInputError } from '../../errors.ts';

const Csv = (description: string) => Type.Optional(Type.String({ description, minLength: 1, maxLength: 2000 }));

export const IncidentListQuery = Type.Object(
  {
    status: Csv('Investigation statuses, comma-separated: `new`, `open`, `closed`'),
    sector: Csv('NIS2 sector keys, comma-separated (e.g. `energy,health`)'),
    country: Csv("Countries (ISO 3166-1 alpha-2), comma-separated: the owner's country or a member state affected"),
    rsitClass: Csv('ENISA RSIT classifications, comma-separated'),
    severity: Csv('Severities, comma-separated: `low`, `medium`, `high`, `critical`'),
    determination: Csv('Determinations, comma-separated: `blocked`, `confirmed`, `failed-attempt`, `false-positive`, `suspected`'),
    stageStatus: Csv(
      'Incidents with a stage standing so now, comma-separated: `due`, `overdue`, `submitted-on-time`, `submitted-late`, `not-started`',
    ),
    dueWithinHours: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 8760, description: 'Only incidents with a deadline within this many hours' }),
    ),
    crossBorder: Type.Optional(Type.Boolean({ description: 'Only incidents with (true) or without (false) a cross-border impact' })),
    owner: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Incidents of this owner organisation (id)' })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 500, description: 'Words in the name or description' })),
    sort: Type.Optional(
      Type.Union([Type.Literal('newest'), Type.Literal('due'), Type.Literal('modified')], {
        description: '`newest` (awareness, newest first; the default), `due` (next deadline, soonest first), `modified`',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    after: Type.Optional(Type.String({ maxLength: 600, description: 'The `next` value of the previous page' })),
  },
  { additionalProperties: false },
);

export type IncidentListQueryType = {
  status?: string;
  sector?: string;
  country?: string;
  rsitClass?: string;
  severity?: string;
  determination?: string;
  stageStatus?: string;
  dueWithinHours?: number;
  crossBorder?: boolean;
  owner?: string;
  q?: string;
};

export const IncidentParams = Type.Object({ id: Type.String({ pattern: '^incident--[0-9a-f-]{36}$', description: 'Incident id' }) });
export const ObjectParams = Type.Object({ id: Type.String({ minLength: 3, maxLength: 300, description: 'STIX id' }) });

export const PrefillQuery = Type.Object({
  stage: Type.Union(
    [
      Type.Literal('early-warning'),
      Type.Literal('notification'),
      Type.Literal('intermediate'),
      Type.Literal('progress'),
      Type.Literal('final'),
    ],
    { description: 'The stage of the report to start' },
  ),
});

export const SummaryQuery = Type.Object({
  from: Type.String({ minLength: 1, maxLength: 40, description: 'Start of the period (ISO 8601), inclusive' }),
  to: Type.String({ minLength: 1, maxLength: 40, description: 'End of the period (ISO 8601), exclusive' }),
  format: Type.Union([Type.Literal('json'), Type.Literal('csv')], { default: 'json' }),
});

export const PanelsQuery = Type.Object({
  days: Type.Integer({ minimum: 1, maximum: 366, default: 30, description: 'Days of the severity-over-time panel' }),
});

const STATUSES: readonly InvestigationStatus[] = ['new', 'open', 'closed'];
const DETERMINATIONS: readonly IncidentDetermination[] = ['blocked', 'confirmed', 'failed-attempt', 'false-positive', 'suspected'];
const STANDINGS: readonly StageStatus[] = ['due', 'overdue', 'submitted-on-time', 'submitted-late', 'not-started'];

/** The values of one comma-separated parameter, each checked; InvalidInputError naming it. */
function values<T extends string>(
  parameter: string,
  text: string | undefined,
  ok: (v: string) => boolean,
  expected: string,
): T[] | undefined {
  if (text === undefined) return undefined;
  const out = text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const bad = out.find((v) => !ok(v));
  if (bad !== undefined) throw new InvalidInputError(`${parameter}: "${bad}" is not one of ${expected}`, { parameter, value: bad });
  return out as T[];
}

const oneOf = (list: readonly string[]) => (v: string) => list.includes(v);

/** The service's filter from the query string. */
export function filterOf(q: IncidentListQueryType): IncidentFilter {
  const f: IncidentFilter = {};
  const set = <K extends keyof IncidentFilter>(k: K, v: IncidentFilter[K] | undefined): void => {
    if (v !== undefined) f[k] = v;
  };
  set('status', values<InvestigationStatus>('status', q.status, oneOf(STATUSES), STATUSES.join(', ')));
  set(
    'sector',
    values('sector', q.sector, (v) => NIS2_SECTOR_BY_KEY.has(v), 'the NIS2 sector keys'),
  );
  set(
    'country',
    values('country', q.country, (v) => /^[A-Z]{2}$/.test(v), 'ISO 3166-1 alpha-2 codes (e.g. DE)'),
  );
  set(
    'rsitClass',
    values('rsitClass', q.rsitClass, (v) => RSIT_BY_CLASSIFICATION.has(v), 'the ENISA RSIT classifications'),
  );
  set('severity', values<Nis2Severity>('severity', q.severity, oneOf(NIS2_SEVERITIES), NIS2_SEVERITIES.join(', ')));
  set('determination', values<IncidentDetermination>('determination', q.determination, oneOf(DETERMINATIONS), DETERMINATIONS.join(', ')));
  set('stageStatus', values<StageStatus>('stageStatus', q.stageStatus, oneOf(STANDINGS), STANDINGS.join(', ')));
  set('dueWithinHours', q.dueWithinHours);
  set('crossBorder', q.crossBorder);
  set('owner', q.owner);
  set('text', q.q);
  return f;
}

export const sortOf = (s: string | undefined): IncidentSort => (s === 'due' || s === 'modified' ? s : 'newest');
