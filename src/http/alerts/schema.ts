// Request and response schemas of /api/v1/alerts and /api/v1/alert-rules (issue 17, musts 4
// and 8). Ranges (N ≥ 2, K ≥ 1, W > 0) are checked by the domain (alerts/rule-input.ts), which
// names the AlertRuleInput field in its problem, as the web rules editor does.
import { Type } from '@fastify/type-provider-typebox';

export const AlertParams = Type.Object({ id: Type.String({ description: 'An x-concord-alert id' }) });
export const RuleParams = Type.Object({ id: Type.String({ description: 'An x-concord-alert-rule id' }) });

export const AlertQuery = Type.Object(
  {
    rule: Type.Optional(Type.String({ description: 'Only the alerts of this rule' })),
    community: Type.Optional(Type.String({ description: "Only the alerts of this community's rules" })),
    since: Type.Optional(Type.String({ description: 'Only alerts sighted at or after this time (ISO 8601)' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'How many, newest activity first' }),
    cursor: Type.Optional(Type.String({ description: 'The `next` of the previous page' })),
  },
  { additionalProperties: false },
);

export const RuleQuery = Type.Object(
  { community: Type.Optional(Type.String({ description: "Only this community's rules" })) },
  { additionalProperties: false },
);

const Subject = Type.Union([Type.Literal('object'), Type.Literal('value'), Type.Literal('malware')], {
  description: 'object: the same object; value: the same observable value; malware: the same malware family',
});

const ruleFields = {
  name: Type.String({ description: 'What coordinators call the rule' }),
  community: Type.String({ description: 'The community whose coordinators own the rule and to which its alerts go' }),
  subjects: Type.Array(Subject, { description: 'What counts as the same thing' }),
  minOrganisations: Type.Number({ description: 'N: distinct sighting organisations (at least 2)' }),
  minCountries: Type.Number({ description: 'K: distinct countries (at least 1)' }),
  windowHours: Type.Number({ description: 'W: the hours the sightings must fall in (above 0)' }),
  tlp: Type.String({ description: "The alerts' and the rule's TLP: clear, green or amber (default amber)" }),
  enabled: Type.Boolean({ description: 'Whether the rule raises alerts (default true)' }),
  description: Type.String(),
};

export const RuleBody = Type.Object(
  {
    ...ruleFields,
    tlp: Type.Optional(ruleFields.tlp),
    enabled: Type.Optional(ruleFields.enabled),
    description: Type.Optional(ruleFields.description),
  },
  { additionalProperties: false },
);

export const RulePatch = Type.Partial(Type.Object(ruleFields), { additionalProperties: false });

export const AlertRuleSchema = Type.Object({
  ...ruleFields,
  description: Type.Optional(ruleFields.description),
  id: Type.String(),
  created: Type.String(),
  modified: Type.String(),
  ownerOrg: Type.String(),
  editable: Type.Boolean({ description: 'Whether you may change it' }),
});

const Marking = Type.Union([
  Type.Object({
    tlp: Type.Union([Type.String(), Type.Null()]),
    classifications: Type.Array(Type.String()),
    releasableTo: Type.Array(Type.String()),
    restricted: Type.Boolean(),
  }),
  Type.Null(),
]);

export const AlertViewSchema = Type.Object({
  id: Type.String(),
  rule: Type.Object({ id: Type.String(), name: Type.String(), community: Type.String() }),
  subject: Type.Object({ kind: Subject, key: Type.String(), label: Type.String() }),
  objectRefs: Type.Array(Type.String()),
  sightingRefs: Type.Array(Type.String({ description: 'The sightings that made it fire, as far as you may read them' })),
  organisations: Type.Integer(),
  countries: Type.Array(Type.String()),
  sectors: Type.Array(Type.String()),
  sightings: Type.Integer(),
  firstSeen: Type.String(),
  lastSeen: Type.String(),
  places: Type.Array(Type.Object({ country: Type.String(), count: Type.Integer() })),
  series: Type.Array(Type.Object({ at: Type.String(), count: Type.Integer() })),
  exercise: Type.Union([Type.String(), Type.Null()]),
  created: Type.String(),
  modified: Type.String(),
  marking: Marking,
});

export const AlertPageSchema = Type.Object({
  alerts: Type.Array(AlertViewSchema),
  next: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page' }),
});

export const RuleListSchema = Type.Object({ rules: Type.Array(AlertRuleSchema) });
