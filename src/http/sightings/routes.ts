// /api/v1/sightings and /api/v1/objects/{id}/sightings (issue 17, musts 1, 3 and 8): record a
// sighting ("we saw this"), report a batch of observed values (matched and sighted in one call),
// and read an object's sightings as the caller may see them.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SightingService } from '../../services/sighting.service.ts';
import type { WriteService } from '../../services/write.service.ts';
import { principalOf } from '../auth/plugin.ts';
import { isStixForm, recordedBody } from './present.ts';
import { BatchBody, ObjectParams, RecordBody } from './schema.ts';

/** A batch of 10,000 values with their times fits well within this. */
const BATCH_BODY_LIMIT = 16 * 1024 * 1024;

/** Sighting routes; mount under /api/v1. `write` keeps the write API's STIX form of POST /sightings. */
export function sightingRoutes(sightings: SightingService, write: WriteService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['sightings'];
    app.post(
      '/sightings',
      {
        schema: {
          summary: 'Record a sighting of an object you can read, disclosed as your organisation chooses (STIX 2.1 §5.2)',
          tags,
          body: RecordBody,
        },
      },
      async (req, reply) => {
        const p = principalOf(req);
        const body = req.body;
        if (isStixForm(body)) return reply.code(201).send(await write.sight(p, body));
        return reply.code(201).send(recordedBody(await sightings.record(p, body)));
      },
    );
    app.post(
      '/sightings/batch',
      {
        bodyLimit: BATCH_BODY_LIMIT,
        schema: {
          summary: 'Report observed values: each is matched to the indicators you can read and a sighting recorded per match',
          tags,
          body: BatchBody,
        },
      },
      async (req) => sightings.batch(principalOf(req), req.body),
    );
    app.get(
      '/objects/:id/sightings',
      {
        schema: {
          summary: "An object's sightings as you may see them: a daily series, by organisation, country and sector, the latest",
          tags,
          params: ObjectParams,
        },
      },
      async (req) => sightings.aggregate(principalOf(req), req.params.id),
    );
  };
}
