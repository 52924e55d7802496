// Response schemas of /api/v1/assistance and /api/v1/roster (issue 18, must 8): the views of
// domain/assistance/api.ts as the OpenAPI document publishes them. Fastify serializes each answer
// through its schema, so a field a view gains by mistake (a name on a profile) is not sent; the
// `Same` checks keep each schema equal to its view type.
import { type Static, Type } from '@fastify/type-provider-typebox';
import {
  type AfterActionView,
  BOARD_COLUMNS,
  DECISIONS,
  DEPLOYMENT_STATUSES,
  type DeploymentView,
  type ExpertView,
  MODES,
  OFFER_STATUSES,
  type OfferView,
  type ProfileView,
  type Proposal,
  REQUEST_STATUSES,
  type RequestView,
  type StatusNoteView,
  type TaskView,
  URGENCIES,
} from '../../domain/assistance/api.ts';
import { TLP_LEVELS } from '../../domain/markings/tlp.ts';
import type { BoardPage } from '../../services/assistance.api.ts';
import { AudienceSchema, ClearanceSchema, NeedsSchema, type Same, WindowSchema } from './schema.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const NullStr = Nullable(Str);
const Named = Type.Object({ id: Str, name: Str });
const Strings = Type.Array(Str);

const Marking = Nullable(
  Type.Object({
    tlp: Nullable(Type.Enum(TLP_LEVELS)),
    classifications: Strings,
    releasableTo: Strings,
    restricted: Type.Boolean(),
  }),
);

const Clock = Type.Object({
  name: Type.Enum(['first-offer', 'team-ready', 'after-action']),
  dueAt: NullStr,
  metAt: NullStr,
  status: Type.Enum(['due', 'submitted-on-time', 'submitted-late', 'overdue', 'not-started']),
  text: Str,
});

const summaryFields = {
  id: Str,
  title: Str,
  requester: Named,
  urgency: Type.Enum(URGENCIES),
  status: Type.Enum(REQUEST_STATUSES),
  column: Type.Enum(BOARD_COLUMNS),
  skills: Strings,
  mode: Type.Enum(MODES),
  window: WindowSchema,
  offerCount: Type.Integer(),
  created: Str,
  modified: Str,
  clocks: Type.Array(Clock, { description: 'Response clocks (must 5): first offer, team ready, after-action report' }),
  exercise: NullStr,
  marking: Marking,
};

export const RequestSummarySchema = Type.Object(summaryFields);

export const BoardPageSchema = Type.Object({
  items: Type.Array(RequestSummarySchema),
  counts: Type.Object(
    { open: Type.Integer(), matched: Type.Integer(), deployed: Type.Integer(), closed: Type.Integer() },
    { description: 'How many requests you may read per column' },
  ),
  next: Type.Union([Str, Type.Null()], { description: 'Pass as `after` for the next page' }),
});

export const OfferViewSchema = Type.Object({
  id: Str,
  requestId: Str,
  org: Named,
  message: NullStr,
  status: Type.Enum(OFFER_STATUSES),
  experts: Type.Array(Type.Object({ profileId: Str, pseudonym: Str, covers: Strings, window: WindowSchema, note: NullStr })),
  decision: Nullable(Type.Object({ decision: Type.Enum(DECISIONS), profileIds: Strings, reason: NullStr, at: Str })),
  created: Str,
  modified: Str,
});

const deploymentSummaryFields = {
  id: Str,
  requestId: Str,
  name: Str,
  status: Type.Enum(DEPLOYMENT_STATUSES),
  window: WindowSchema,
  memberCount: Type.Integer(),
  hours: Type.Number({ description: 'Time spent, from the status notes' }),
};

export const RequestViewSchema = Type.Object({
  ...summaryFields,
  description: Str,
  incidentId: NullStr,
  affectedEntity: NullStr,
  impact: NullStr,
  needs: NeedsSchema,
  actionsTaken: NullStr,
  otherSupport: NullStr,
  audience: AudienceSchema,
  coordinator: Named,
  classification: Nullable(ClearanceSchema),
  offers: Type.Array(OfferViewSchema, { description: 'The offers you may read: all for the requester and coordinator, yours otherwise' }),
  deployments: Type.Array(Type.Object(deploymentSummaryFields)),
  can: Type.Object({ update: Type.Boolean(), offer: Type.Boolean(), decide: Type.Boolean(), deploy: Type.Boolean() }),
});

export const StatusNoteSchema = Type.Object({ id: Str, org: Named, day: Str, text: Str, hours: Type.Number(), created: Str });

export const TaskViewSchema = Type.Object({
  id: Str,
  name: Str,
  description: NullStr,
  outcome: NullStr,
  assignee: NullStr,
  due: NullStr,
  created: Str,
  modified: Str,
});

const afterActionFields = { findings: Str, actions: Str, worked: Str, recommendations: Str, missingSkills: Strings };

export const AfterActionSchema = Type.Object({ ...afterActionFields, id: Str, deploymentId: Str, org: Named, created: Str });

export const DeploymentViewSchema = Type.Object({
  ...deploymentSummaryFields,
  incidentId: NullStr,
  mode: Type.Enum(MODES),
  location: NullStr,
  requester: Named,
  members: Type.Array(
    Type.Object({
      profileId: Str,
      pseudonym: Str,
      org: Named,
      covers: Strings,
      name: Type.Union([Str, Type.Null()], { description: "Only to the deployment's members, once the expert's organisation released it" }),
      email: NullStr,
      phone: NullStr,
    }),
  ),
  tasks: Type.Array(TaskViewSchema),
  notes: Type.Array(StatusNoteSchema),
  afterAction: Nullable(AfterActionSchema),
  clocks: Type.Array(Clock),
  can: Type.Object({ update: Type.Boolean(), work: Type.Boolean(), report: Type.Boolean() }),
  marking: Marking,
});

export const ProfileViewSchema = Type.Object({
  id: Str,
  pseudonym: Str,
  org: Named,
  skills: Strings,
  certifications: Strings,
  languages: Strings,
  clearances: Type.Array(ClearanceSchema),
  country: Str,
  utcOffsetMinutes: Nullable(Type.Integer()),
  onSite: Type.Boolean(),
  availability: Type.Array(WindowSchema),
  pastDeployments: Type.Integer(),
});

export const ProfileListSchema = Type.Object({ profiles: Type.Array(ProfileViewSchema) });

const Exclusion = Type.Union([
  Type.Object({ constraint: Type.Literal('clearance'), needed: ClearanceSchema, held: Nullable(ClearanceSchema) }),
  Type.Object({ constraint: Type.Literal('availability'), window: WindowSchema, gaps: Type.Array(WindowSchema) }),
  Type.Object({ constraint: Type.Literal('language'), needed: Strings, spoken: Strings }),
  Type.Object({ constraint: Type.Literal('on-site'), reason: Str }),
]);

export const ProposalSchema = Type.Object({
  requestId: Str,
  ranked: Type.Array(
    Type.Object({
      profileId: Str,
      pseudonym: Str,
      orgId: Str,
      covers: Strings,
      score: Type.Number(),
      reasons: Type.Array(
        Type.Object({ criterion: Type.Enum(['skills', 'time-zone', 'past-deployments']), points: Type.Number(), text: Str }),
      ),
    }),
  ),
  team: Type.Array(Type.Object({ profileId: Str, covers: Strings }), { description: 'The fewest experts that cover the skills' }),
  uncovered: Strings,
  excluded: Type.Array(
    Type.Object({ profileId: Str, pseudonym: Str, orgId: Str, why: Type.Array(Exclusion, { description: 'The hard constraints broken' }) }),
  ),
  considered: Type.Integer(),
});

export const ExpertViewSchema = Type.Object({
  id: Str,
  orgId: Str,
  profileId: Str,
  pseudonym: Str,
  pastDeployments: Type.Integer(),
  created: Str,
  modified: Str,
  name: Str,
  email: Type.Optional(Str),
  phone: Type.Optional(Str),
  skills: Strings,
  certifications: Type.Optional(Strings),
  languages: Strings,
  clearances: Type.Optional(Type.Array(ClearanceSchema)),
  country: Str,
  utcOffsetMinutes: Type.Optional(Type.Integer()),
  onSite: Type.Boolean(),
  availability: Type.Array(WindowSchema),
  published: Type.Optional(Type.Boolean()),
});

export const ExpertListSchema = Type.Object({ experts: Type.Array(ExpertViewSchema) });

// Each schema is its view (api.ts): the compile fails here when one drifts from the other.
export type AnswerChecks = [
  Same<Static<typeof BoardPageSchema>, BoardPage>,
  Same<Static<typeof RequestViewSchema>, RequestView>,
  Same<Static<typeof OfferViewSchema>, OfferView>,
  Same<Static<typeof DeploymentViewSchema>, DeploymentView>,
  Same<Static<typeof StatusNoteSchema>, StatusNoteView>,
  Same<Static<typeof TaskViewSchema>, TaskView>,
  Same<Static<typeof AfterActionSchema>, AfterActionView>,
  Same<Static<typeof ProfileViewSchema>, ProfileView>,
  Same<Static<typeof ProposalSchema>, Proposal>,
  Same<Static<typeof ExpertViewSchema>, ExpertView>,
];
/** Fails to compile unless every check holds. */
export const answersMatch: AnswerChecks extends true[] ? true : never = true;
