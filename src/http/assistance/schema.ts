// Request schemas of /api/v1/assistance and /api/v1/roster (issue 18, must 8), after the inputs
// of domain/assistance/api.ts (TypeBox → JSON Schema, validated by Fastify, published in
// OpenAPI). A body that does not fit is refused with its JSON path (`body.needs.window.until`);
// what needs the domain (a window that ends before it starts, a skill not in the framework, an
// expert not available) is the service's, which names the field the same way. The `Same` checks
// at the end keep each schema equal to its type: a field added to api.ts fails the compile here.
import { type Static, Type } from '@fastify/type-provider-typebox';
import {
  type AfterActionInput,
  BOARD_COLUMNS,
  type DecisionInput,
  DECISIONS,
  DEPLOYMENT_STATUSES,
  type DeploymentUpdate,
  type ExpertInput,
  MODES,
  type NewDeployment,
  type NewOffer,
  type NewRequest,
  type NewStatusNote,
  type NewTask,
  REQUEST_STATUSES,
  type RequestUpdate,
  type TaskUpdate,
  URGENCIES,
} from '../../domain/assistance/api.ts';
import { TLP_LEVELS } from '../../domain/markings/tlp.ts';

/** Whether two types are the same (each assignable to the other). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const STIX_ID = '^[a-z0-9-]+--[0-9a-fA-F-]{36}$';
const StixId = (description: string) => Type.String({ pattern: STIX_ID, description });
const Text = (description: string, max = 100_000) => Type.String({ maxLength: max, description });
const Title = (description: string) => Type.String({ minLength: 1, maxLength: 500, description });
const Time = (description: string) => Type.String({ minLength: 1, maxLength: 40, description: `${description} (ISO 8601)` });
const closed = { additionalProperties: false };

export const WindowSchema = Type.Object(
  { from: Time('Start'), until: Time('End; after the start') },
  { ...closed, description: 'A span of time' },
);
export const ClearanceSchema = Type.Object(
  {
    scheme: Type.String({ minLength: 1, maxLength: 100, description: 'Classification scheme id, e.g. nato' }),
    level: Type.String({ minLength: 1, maxLength: 100 }),
  },
  closed,
);
const Skills = (description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
    maxItems: 100,
    description: `${description}: ECSF role profile ids or tag:<text>`,
  });
const Languages = Type.Array(Type.String({ minLength: 2, maxLength: 3 }), { maxItems: 50, description: 'ISO 639-1 codes' });
const Country = Type.String({ minLength: 2, maxLength: 2, description: 'ISO 3166-1 alpha-2' });
const UtcOffset = Type.Integer({ minimum: -720, maximum: 840, description: 'UTC offset in minutes' });

// ── Parameters and queries ───────────────────────────────────────────────────────────────────

export const RequestParams = Type.Object({ id: StixId('An x-concord-assistance-request id') });
export const OfferParams = Type.Object({ id: StixId('An x-concord-assistance-offer id') });
export const DeploymentParams = Type.Object({ id: StixId('An x-concord-deployment id') });
export const TaskParams = Type.Object({ id: StixId('An x-concord-deployment id'), taskId: StixId('A task id') });
export const ExpertParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'An expert of the roster' }) });

export const BoardQuery = Type.Object(
  {
    column: Type.Optional(Type.Enum(BOARD_COLUMNS, { description: 'Only this column of the board' })),
    mine: Type.Optional(
      Type.Boolean({ description: "Only your organisation's requests, as requester or coordinator, or that it offered to" }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'How many (default 50)' })),
    after: Type.Optional(Type.String({ maxLength: 500, description: 'The `next` of the previous page' })),
  },
  closed,
);
export const ProposalQuery = Type.Object(
  { own: Type.Optional(Type.Boolean({ description: "Only your organisation's experts (an offering organisation ranking its roster)" })) },
  closed,
);
export const ProfileQuery = Type.Object(
  {
    org: Type.Optional(Type.String({ maxLength: 200, description: 'Only the experts of this organisation (identity id)' })),
    skill: Type.Optional(Type.String({ maxLength: 200, description: 'Only experts with this skill' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, description: 'How many' })),
  },
  closed,
);
export const RosterQuery = Type.Object(
  {
    org: Type.Optional(
      Type.String({ maxLength: 200, description: 'The organisation whose roster (default yours; only your own is allowed)' }),
    ),
  },
  closed,
);

// ── Requests ─────────────────────────────────────────────────────────────────────────────────

export const NeedsSchema = Type.Object(
  {
    skills: Skills('What the team must cover; at least one'),
    languages: Languages,
    mode: Type.Enum(MODES, { description: 'On site, remote, or either' }),
    location: Type.Optional(Text('Where, for on-site help', 500)),
    country: Type.Optional(Country),
    window: WindowSchema,
    clearance: Type.Optional(ClearanceSchema),
    teamSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Experts wanted' })),
    utcOffsetMinutes: Type.Optional(UtcOffset),
  },
  closed,
);

export const AudienceSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal('community'), id: Type.String({ minLength: 1, maxLength: 200 }) }, closed),
    Type.Object(
      {
        kind: Type.Literal('organizations'),
        ids: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { minItems: 1, maxItems: 200 }),
      },
      closed,
    ),
    Type.Object({ kind: Type.Literal('federation') }, closed),
  ],
  { description: 'To whom the request goes: a community, named organisations (identity ids), or the whole federation' },
);

const requestFields = {
  title: Title('What the request is called'),
  description: Text('What happened'),
  incidentId: Type.Optional(StixId('The incident the request is about')),
  affectedEntity: Type.Optional(Text('The affected entity', 500)),
  impact: Type.Optional(Text('The impact')),
  needs: NeedsSchema,
  actionsTaken: Type.Optional(Text('What has already been done')),
  otherSupport: Type.Optional(Text('Other support the requester has')),
  urgency: Type.Enum(URGENCIES),
  coordinatorOrg: Type.Optional(Type.String({ maxLength: 200, description: "Identity id of the request's coordinator (default: you)" })),
  tlp: Type.Optional(
    Type.String({ pattern: `^(${TLP_LEVELS.map((t) => t.replace('+', '\\+')).join('|')})$`, description: `TLP: ${TLP_LEVELS.join(', ')}` }),
  ),
  classification: Type.Optional(ClearanceSchema),
  firstOfferHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10_000, description: 'First offer target (default 24)' })),
  teamReadyHours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10_000, description: 'Team ready target (default 72)' })),
};

export const RequestBody = Type.Object({ ...requestFields, audience: AudienceSchema }, closed);

export const RequestPatch = Type.Object(
  {
    title: Type.Optional(requestFields.title),
    description: Type.Optional(requestFields.description),
    incidentId: requestFields.incidentId,
    affectedEntity: requestFields.affectedEntity,
    impact: requestFields.impact,
    needs: Type.Optional(NeedsSchema),
    actionsTaken: requestFields.actionsTaken,
    otherSupport: requestFields.otherSupport,
    urgency: Type.Optional(requestFields.urgency),
    coordinatorOrg: requestFields.coordinatorOrg,
    tlp: requestFields.tlp,
    classification: requestFields.classification,
    firstOfferHours: requestFields.firstOfferHours,
    teamReadyHours: requestFields.teamReadyHours,
    status: Type.Optional(Type.Enum(REQUEST_STATUSES, { description: 'withdrawn or closed ends the request' })),
  },
  closed,
);

// ── Offers and decisions ─────────────────────────────────────────────────────────────────────

export const OfferBody = Type.Object(
  {
    experts: Type.Array(
      Type.Object(
        {
          expertId: Type.String({ minLength: 1, maxLength: 200, description: 'An expert of your roster' }),
          window: Type.Optional(WindowSchema),
          note: Type.Optional(Text('A note on this expert', 2000)),
        },
        closed,
      ),
      { minItems: 1, maxItems: 100 },
    ),
    message: Type.Optional(Text('A message to the requester', 10_000)),
  },
  closed,
);

export const DecisionBody = Type.Object(
  {
    decision: Type.Enum(DECISIONS),
    profileIds: Type.Optional(
      Type.Array(StixId('An offered expert profile'), { maxItems: 100, description: 'Accepted experts (default all)' }),
    ),
    reason: Type.Optional(Text('Why', 10_000)),
  },
  closed,
);

// ── Deployments ──────────────────────────────────────────────────────────────────────────────

export const DeploymentBody = Type.Object(
  {
    name: Type.Optional(Title('What the deployment is called')),
    profileIds: Type.Optional(
      Type.Array(StixId('An accepted expert profile'), { maxItems: 100, description: 'Default: every accepted expert' }),
    ),
    window: Type.Optional(WindowSchema),
    mode: Type.Optional(Type.Enum(MODES)),
    location: Type.Optional(Text('Where', 500)),
  },
  closed,
);

export const DeploymentPatch = Type.Object(
  {
    status: Type.Optional(Type.Enum(DEPLOYMENT_STATUSES, { description: 'active starts the deployment, ended ends it' })),
    window: Type.Optional(WindowSchema),
    location: Type.Optional(Text('Where', 500)),
  },
  closed,
);

export const NoteBody = Type.Object(
  {
    day: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (default today)' })),
    text: Type.String({ minLength: 1, maxLength: 100_000, description: 'What the team did' }),
    hours: Type.Number({ minimum: 0, maximum: 10_000, description: 'Time spent, in hours' }),
  },
  closed,
);

export const TaskBody = Type.Object(
  {
    name: Title('The task'),
    description: Type.Optional(Text('What is to be done')),
    assignee: Type.Optional(Type.String({ maxLength: 200 })),
    due: Type.Optional(Time('Due')),
  },
  closed,
);

export const TaskPatch = Type.Object(
  {
    outcome: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'pending, in-progress, completed…' })),
    assignee: Type.Optional(Type.String({ maxLength: 200 })),
    due: Type.Optional(Time('Due')),
  },
  closed,
);

export const AfterActionBody = Type.Object(
  {
    findings: Text('What was found'),
    actions: Text('What was done'),
    worked: Text('What worked'),
    recommendations: Text('Recommendations'),
    missingSkills: Skills('Skills the team lacked, lessons for the roster'),
  },
  closed,
);

// ── Roster ───────────────────────────────────────────────────────────────────────────────────

const expertFields = {
  name: Title('Personal: never leaves the organisation, except to a deployment the expert is in'),
  email: Type.Optional(Type.String({ maxLength: 320, description: 'Personal' })),
  phone: Type.Optional(Type.String({ maxLength: 50, description: 'Personal' })),
  skills: Skills('What the expert does'),
  certifications: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 })),
  languages: Languages,
  clearances: Type.Optional(Type.Array(ClearanceSchema, { maxItems: 20, description: 'Clearance held per scheme' })),
  country: Country,
  utcOffsetMinutes: Type.Optional(UtcOffset),
  onSite: Type.Boolean({ description: 'Deployable on site' }),
  availability: Type.Array(WindowSchema, { maxItems: 500, description: 'When the expert can be deployed' }),
  published: Type.Optional(Type.Boolean({ description: 'Publish the pseudonymous profile to partners (default true)' })),
};

export const ExpertBody = Type.Object(expertFields, closed);
export const ExpertPatch = Type.Partial(Type.Object(expertFields), closed);

// Each schema is its type (api.ts): the compile fails here when one drifts from the other.
export type SchemaChecks = [
  Same<Static<typeof RequestBody>, NewRequest>,
  Same<Static<typeof RequestPatch>, RequestUpdate>,
  Same<Static<typeof OfferBody>, NewOffer>,
  Same<Static<typeof DecisionBody>, DecisionInput>,
  Same<Static<typeof DeploymentBody>, NewDeployment>,
  Same<Static<typeof DeploymentPatch>, DeploymentUpdate>,
  Same<Static<typeof NoteBody>, NewStatusNote>,
  Same<Static<typeof TaskBody>, NewTask>,
  Same<Static<typeof TaskPatch>, TaskUpdate>,
  Same<Static<typeof AfterActionBody>, AfterActionInput>,
  Same<Static<typeof ExpertBody>, ExpertInput>,
  Same<Static<typeof ExpertPatch>, Partial<ExpertInput>>,
];
/** Fails to compile unless every check holds. */
export const schemasMatch: SchemaChecks extends true[] ? true : never = true;
