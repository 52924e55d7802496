// /api/v1/objects/:id and what hangs off it: thin handlers over the query service. The list and
// the export are the search's (http/search/routes.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ObjectService } from '../../services/object.service.ts';
import type { SchemeRegistry } from '../../domain/markings/classification.ts';
import { principalOf } from '../auth/plugin.ts';
import { presentNeighbourhood, presentVersions } from './present.ts';
import { GetQuery, IdParams, NeighbourhoodQuery } from './schema.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Object routes; `query` is the only service they use, `schemes` ranks the levels of the
 *  markings presented with listed objects. */
export function objectRoutes(query: ObjectService, schemes: SchemeRegistry): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/objects/:id',
      { schema: { summary: 'One object: the latest version or a given one', tags: ['objects'], params: IdParams, querystring: GetQuery } },
      async (req, reply) => {
        const found = await query.get(principalOf(req), req.params.id, req.query.version);
        // Granular markings cut content for this reader: say so (issue 3, item 2).
        if (found.withheld.length > 0) reply.header('concord-withheld', found.withheld.join(', '));
        return reply.type(JSON_TYPE).send(found.json);
      },
    );

    app.get(
      '/objects/:id/versions',
      { schema: { summary: 'Every version of an object, oldest first', tags: ['objects'], params: IdParams } },
      async (req, reply) => {
        return reply.type(JSON_TYPE).send(presentVersions(req.params.id, await query.versions(principalOf(req), req.params.id), schemes));
      },
    );

    app.get(
      '/objects/:id/neighbourhood',
      {
        schema: {
          summary: 'Relationships and referenced objects around an object',
          tags: ['objects'],
          params: IdParams,
          querystring: NeighbourhoodQuery,
        },
      },
      async (req, reply) => {
        const depth = req.query.depth === 2 ? 2 : 1;
        return reply.type(JSON_TYPE).send(presentNeighbourhood(await query.neighbourhood(principalOf(req), req.params.id, depth), schemes));
      },
    );
  };
}
