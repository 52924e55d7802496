// Request schemas of the incident write API (issue 16, must 10), after the requests of
// domain/incidents/api.ts (TypeBox → JSON Schema, validated by Fastify, published in OpenAPI).
// Vocabularies whose check needs the domain (sectors, RSIT classes, times not in the future) are
// the service's, which names the request field it refuses.
import { Type } from '@fastify/type-provider-typebox';
import { TLP_LEVELS } from '../../domain/markings/tlp.ts';
import { NIS2_SEVERITIES } from '../../domain/incidents/types.ts';
import { REPORT_STAGES } from '../../domain/incidents/report-extension.ts';
import { ANSWER_KINDS } from '../../domain/incidents/answer-extension.ts';

const STIX_ID = '^[a-z0-9-]+--[0-9a-fA-F-]{36}$';
const StixId = (description: string) => Type.String({ pattern: STIX_ID, description });
const Name = (description: string) => Type.String({ minLength: 1, maxLength: 500, description });
const Text = (description: string) => Type.Optional(Type.String({ maxLength: 100_000, description }));
const Time = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: `${description} (ISO 8601)` }));
const Bool = (description: string) => Type.Optional(Type.Boolean({ description }));
const Word = (description: string) => Type.Optional(Type.String({ minLength: 1, maxLength: 100, description }));
const oneOf = (values: readonly string[], description: string) =>
  Type.Optional(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      { description },
    ),
  );
const closed = { additionalProperties: false };

export const IncidentParams = Type.Object({ id: StixId('The incident') });
export const TaskParams = Type.Object({ id: StixId('The incident'), taskId: StixId('The task') });
export const ImpactParams = Type.Object({ id: StixId('The incident'), impactId: StixId('The impact') });

const DETERMINATIONS = ['blocked', 'confirmed', 'failed-attempt', 'false-positive', 'suspected'];

const incidentFields = {
  description: Text('What happened'),
  determination: oneOf(DETERMINATIONS, 'Incident Extension Suite §5.3; default suspected'),
  sector: Word('NIS2 Annex I/II sector key, e.g. energy'),
  subsector: Word('Subsector key of the sector, e.g. electricity'),
  memberStates: Type.Optional(
    Type.Array(Type.String({ minLength: 2, maxLength: 2 }), {
      maxItems: 30,
      description: 'EU member states affected (ISO 3166-1 alpha-2)',
    }),
  ),
  significant: Bool('Significant in the sense of NIS2 Art. 23(3)'),
  suspectedMalicious: Bool('Suspected of unlawful or malicious acts (Art. 23(4)(a))'),
  crossBorder: Bool('May have a cross-border impact (Art. 23(4)(a))'),
  rsitClass: Word('ENISA RSIT classification, e.g. malicious-code'),
  rsitType: Word('ENISA RSIT incident type of the class'),
  severity: oneOf(NIS2_SEVERITIES, 'Severity'),
};

export const OpenBody = Type.Object(
  {
    name: Name('Name of the incident'),
    awareAt: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'When the entity became aware (ISO 8601): every NIS2 clock starts here',
    }),
    ...incidentFields,
    tlp: oneOf(TLP_LEVELS, 'TLP of the incident and its work; default amber+strict'),
  },
  closed,
);

export const UpdateBody = Type.Object(
  {
    name: Type.Optional(Name('Name of the incident')),
    awareAt: Time('When the entity became aware'),
    ...incidentFields,
    status: oneOf(['new', 'open', 'closed'], 'Investigation status (Incident Extension Suite §4.6)'),
    handledAt: Time('When the incident was handled (Art. 23(4)(e))'),
    base: Type.Optional(Type.String({ maxLength: 40, description: 'The `modified` the change starts from (409 when newer)' })),
  },
  closed,
);

export const EventBody = Type.Object(
  {
    name: Name('What happened'),
    description: Text('Details'),
    startTime: Time('When it started; not in the future'),
    endTime: Time('When it ended; not in the future'),
    status: oneOf(['occurred', 'ongoing', 'pending', 'undetermined'], 'Event status (§5.1); default occurred'),
  },
  closed,
);

const Priority = Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'Priority 0–100' }));
const Outcomes = ['pending', 'ongoing', 'successful', 'failed', 'cancelled'];

export const TaskBody = Type.Object(
  {
    name: Name('What is to be done'),
    description: Text('Details'),
    assignee: Word('Username of the assignee, a user of your organisation'),
    dueDate: Time('By when'),
    priority: Priority,
  },
  closed,
);

export const UpdateTaskBody = Type.Object(
  {
    outcome: oneOf(Outcomes, 'Task outcome (§5.7)'),
    assignee: Word('Username of the assignee'),
    dueDate: Time('By when'),
    description: Text('Details'),
  },
  closed,
);

const impactFields = {
  description: Text('What is affected and how'),
  criticality: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'Criticality 0–100' })),
  startTime: Time('When it started; not in the future'),
  endTime: Time('When it ended; not in the future'),
  recoverability: oneOf(['extended', 'not-applicable', 'not-recoverable', 'regular', 'supplemented'], 'Recoverability (§5.6)'),
};

const Category = Type.String({
  minLength: 1,
  maxLength: 50,
  description: 'availability, confidentiality, external, integrity, economic, physical or traceability',
});

export const ImpactBody = Type.Object({ category: Category, ...impactFields }, closed);

export const UpdateImpactBody = Type.Object({ category: Type.Optional(Category), ...impactFields }, closed);

export const LinkBody = Type.Object(
  {
    target: StixId('The indicator, observable, sighting, malware, attack pattern, intrusion set, threat actor…'),
    relationshipType: Word('related-to (default), or attributed-to for an intrusion set or threat actor'),
    confidence: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'Confidence 0–100 (STIX 2.1 §3.2)' })),
  },
  closed,
);

export const NoteBody = Type.Object(
  { content: Type.String({ minLength: 1, maxLength: 100_000, description: 'The note' }), abstract: Text('A short summary') },
  closed,
);

export const ReportContentBody = Type.Object(
  {
    summary: Text('What happened'),
    suspectedMalicious: Bool('Art. 23(4)(a)'),
    crossBorderImpact: Bool('Art. 23(4)(a), (d)(iv)'),
    crossBorderDescription: Text('Art. 23(4)(d)(iv)'),
    initialAssessment: Text('Art. 23(4)(b)'),
    severity: Text('Art. 23(4)(b), (d)(i)'),
    impact: Text('Art. 23(4)(b), (d)(i)'),
    indicatorRefs: Type.Optional(Type.Array(StixId('An indicator or observable'), { maxItems: 1000 })),
    statusUpdate: Text('Art. 23(4)(c), (e)'),
    detailedDescription: Text('Art. 23(4)(d)(i)'),
    rootCause: Text('Art. 23(4)(d)(ii)'),
    mitigationApplied: Text('Art. 23(4)(d)(iii)'),
    mitigationOngoing: Text('Art. 23(4)(d)(iii)'),
  },
  closed,
);

export const ReportBody = Type.Object(
  {
    stage: Type.Union(
      REPORT_STAGES.map((s) => Type.Literal(s)),
      { description: 'The NIS2 Art. 23(4) stage' },
    ),
    request: Type.Optional(Type.Integer({ minimum: 0, description: 'For an intermediate report: the CSIRT request it answers (0-based)' })),
    content: ReportContentBody,
    revise: Bool('Revise the report of this stage already submitted (a new version of it)'),
  },
  closed,
);

export const AnswerBody = Type.Object(
  {
    kind: Type.Union(
      ANSWER_KINDS.map((k) => Type.Literal(k)),
      { description: 'feedback (Art. 23(5)) or intermediate-request (Art. 23(4)(c))' },
    ),
    content: Type.String({ minLength: 1, maxLength: 100_000, description: 'The answer' }),
    reportId: Type.Optional(StixId('The report answered (feedback)')),
    dueAt: Time('For an intermediate-request: the date set, after now'),
  },
  closed,
);
