// /api/v1/lookup: "have we seen this IP / domain / hash?" — single and batch.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { markingOf } from '../../domain/markings/banner.ts';
import type { SchemeRegistry } from '../../domain/markings/classification.ts';
import { OBSERVABLE_KINDS } from '../../domain/observables/types.ts';
import type { DecayScore } from '../../domain/decay/api.ts';
import type { DecayService } from '../../services/decay.service.ts';
import type { LookupResult, ObjectService } from '../../services/object.service.ts';
import type { SightingService } from '../../services/sighting.service.ts';
import type { SightingSummary } from '../../domain/sightings/api.ts';
import { MinScore } from '../decay/schema.ts';
import { principalOf } from '../auth/plugin.ts';
import { endOfTurn } from '../end-of-turn.ts';

const Kind = Type.Optional(
  Type.Union(
    OBSERVABLE_KINDS.map((k) => Type.Literal(k)),
    { description: 'Kind of value; detected from the value when absent' },
  ),
);
const Value = Type.String({ minLength: 1, maxLength: 4096 });

/** One lookup result as JSON text (stored objects spliced in as they are). Each match carries
 *  its object's marking summary, so a screen of results needs no second request for its chips
 *  and banner, however many values were pasted (issue 15, must 1). */
function present(
  r: LookupResult,
  schemes: SchemeRegistry,
  scores: ReadonlyMap<number, DecayScore>,
  sighted: ReadonlyMap<string, SightingSummary>,
): string {
  const scheme = (id: string) => schemes.get(id);
  const matches = r.matches.map(
    (m) =>
      `{"matched":${JSON.stringify(m.matched)},"object":${m.object.json}${m.object.withheld.length > 0 ? `,"withheld":${JSON.stringify(m.object.withheld)}` : ''}${m.object.label ? `,"marking":${JSON.stringify(markingOf(m.object.label, scheme))}` : ''},"correlation":${JSON.stringify(m.correlation)},"score":${JSON.stringify(scores.get(m.object.seq) ?? null)},"sightings":${JSON.stringify(sighted.get(m.object.id) ?? null)}}`,
  );
  // Each match's `sightings`: its true sightings the reader may see (issue 17, must 3).
  // `warninglists`: the lists the value is on; each match's `correlation`: how many other
  // objects the reader may read carry the matched value, and whether that is too common (issue 17, must 5).
  return `{"value":${JSON.stringify(r.value)},"kind":${JSON.stringify(r.kind)},"normalized":${JSON.stringify(r.normalized)},"warninglists":${JSON.stringify(r.warninglists)},"matches":[${matches.join(',')}]}`;
}

/** Every object matched, once (their sightings are read together). */
const matchedObjects = (results: readonly LookupResult[]) => [
  ...new Map(results.flatMap((r) => r.matches.map((m) => [m.object.id, m.object]))).values(),
];

/** Lookup routes. */
export function lookupRoutes(
  query: ObjectService,
  schemes: SchemeRegistry,
  decay: DecayService,
  sightings: SightingService,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/lookup',
      {
        schema: {
          summary: 'Look up one observable value in SCOs and indicator patterns',
          tags: ['lookup'],
          querystring: Type.Object({ value: Value, kind: Kind, min_score: MinScore }, { additionalProperties: false }),
        },
      },
      async (req, reply) => {
        const principal = principalOf(req);
        // Each indicator match carries its decay score; min_score leaves out those below it.
        const scored = await decay.lookup(principal, await query.lookup(principal, [req.query.value], req.query.kind), req.query.min_score);
        const sighted = await sightings.summaries(principal, matchedObjects(scored.results));
        const body = present(scored.results[0] as LookupResult, schemes, scored.scores, sighted);
        // With the other lookups of this turn (end-of-turn.ts).
        await endOfTurn();
        return reply.type('application/json; charset=utf-8').send(body);
      },
    );
    app.post(
      '/lookup',
      {
        schema: {
          summary: 'Look up up to 1,000 values at once',
          tags: ['lookup'],
          body: Type.Object(
            { values: Type.Array(Value, { minItems: 1, maxItems: 1000 }), kind: Kind, min_score: MinScore },
            { additionalProperties: false },
          ),
        },
      },
      async (req, reply) => {
        const principal = principalOf(req);
        const { results, scores } = await decay.lookup(
          principal,
          await query.lookup(principal, req.body.values, req.body.kind),
          req.body.min_score,
        );
        const sighted = await sightings.summaries(principal, matchedObjects(results));
        return reply
          .type('application/json; charset=utf-8')
          .send(`{"results":[${results.map((r) => present(r, schemes, scores, sighted)).join(',')}]}`);
      },
    );
  };
}
