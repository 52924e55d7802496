// Request schemas of the object list and export (issue 15, must 5: the Explorer's filters,
// sort orders, hidden kinds and export formats), published in the OpenAPI document.
import { MinScore } from '../decay/schema.ts';
import { Type } from '@fastify/type-provider-typebox';

const Csv = (description: string) => Type.Optional(Type.String({ description, minLength: 1, maxLength: 4000 }));
const Timestamp = (description: string) => Type.Optional(Type.String({ description, minLength: 1, maxLength: 40 }));

/** Filters shared by the list and the export. */
const FILTERS = {
  type: Csv('STIX types, comma-separated (e.g. `indicator,malware`)'),
  created_by_ref: Csv('Identity ids of the creators, comma-separated'),
  label: Csv('Labels, comma-separated; an object matches when it has any of them'),
  tlp: Csv('TLP 2.0 levels, comma-separated (`clear`, `green`, `amber`, `amber+strict`, `red`)'),
  owner: Csv('Owner organisations (ids), comma-separated'),
  modified_after: Timestamp('Only versions modified at or after this STIX timestamp'),
  modified_before: Timestamp('Only versions modified at or before this STIX timestamp'),
  added_after: Timestamp('Only objects stored at or after this time (ISO 8601)'),
  added_before: Timestamp('Only objects stored before this time (ISO 8601)'),
  revoked: Type.Optional(Type.Boolean({ description: 'Only revoked (true) or only not revoked (false) objects' })),
  include: Csv(
    'Kinds hidden by default to show: `deprecated` (x_mitre_deprecated), `revoked`, `system` (Concord’s marking and extension definitions and node identities), `all`, or `none`. The list hides all three when absent; the export shows everything when absent',
  ),
  q: Type.Optional(
    Type.String({
      description: 'Full-text search over name, description, labels, pattern, aliases and external ids',
      minLength: 1,
      maxLength: 500,
    }),
  ),
};

export const ListQuery = Type.Object(
  {
    ...FILTERS,
    sort: Type.Optional(
      Type.Union(
        [
          Type.Literal('relevance'),
          Type.Literal('modified'),
          Type.Literal('-modified'),
          Type.Literal('created'),
          Type.Literal('-created'),
          Type.Literal('name'),
          Type.Literal('-name'),
          Type.Literal('type'),
          Type.Literal('-type'),
        ],
        {
          description:
            'Order: a key ascending, or descending with a leading `-`. With `q` the default is `relevance` (exact name, name prefix, alias or external id, name contains, elsewhere); without, store order',
        },
      ),
    ),
    summary: Type.Boolean({
      default: true,
      description:
        'On the first page (no cursor): add `total` ({count, exact}: `exact` false reads "at least count") and `facets` (type, tlp, owner, label), both counting only what the reader may see',
    }),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    cursor: Type.Optional(Type.String({ description: 'The `next` value of the previous page', maxLength: 400 })),
  },
  { additionalProperties: false },
);

export const ExportQuery = Type.Object(
  {
    ...FILTERS,
    since: Timestamp('Only objects stored at or after this time (ISO 8601); the same as added_after'),
    ids: Csv('Only these object ids, comma-separated'),
    min_score: MinScore,
    format: Type.Union([Type.Literal('stix'), Type.Literal('csv')], {
      default: 'stix',
      description: 'A STIX 2.1 bundle, or CSV with columns id,type,name,created,modified,owner,tlp,labels,confidence',
    }),
  },
  { additionalProperties: false },
);
