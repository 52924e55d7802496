// /api/v1/objects and /api/v1/export: thin handlers over the query service.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InvalidInputError } from '../../errors.ts';
import type { ObjectService } from '../../services/object.service.ts';
import type { SchemeRegistry } from '../../domain/markings/classification.ts';
import { toFilter } from '../../domain/objects/filter.ts';
import { principalOf } from '../auth/plugin.ts';
import { decodeCursor, presentNeighbourhood, presentPage, presentVersions } from './present.ts';
import { ExportQuery, GetQuery, IdParams, ListQuery, NeighbourhoodQuery } from './schema.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Object routes; `query` is the only service they use, `schemes` ranks the levels of the
 *  markings presented with listed objects. */
export function objectRoutes(query: ObjectService, schemes: SchemeRegistry): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/objects',
      {
        schema: {
          summary: 'List the latest version of objects, with the marking (TLP, classification, releasability) of each',
          tags: ['objects'],
          querystring: ListQuery,
        },
      },
      async (req, reply) => {
        const { limit, cursor, ...params } = req.query;
        const after = cursor === undefined ? undefined : decodeCursor(cursor);
        if (cursor !== undefined && after === undefined)
          throw new InvalidInputError('cursor is not a value this API returned', { parameter: 'cursor' });
        const page = await query.list(principalOf(req), toFilter(params), { limit, ...(after === undefined ? {} : { after }) });
        return reply.type(JSON_TYPE).send(presentPage(page, schemes));
      },
    );

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

    app.get(
      '/export',
      { schema: { summary: 'Stream the latest versions as a STIX 2.1 bundle', tags: ['objects'], querystring: ExportQuery } },
      async (req, reply) => {
        const filter = toFilter(req.query);
        reply.header('content-disposition', 'attachment; filename="concord-export.json"');
        return reply
          .type('application/stix+json;version=2.1')
          .send(Readable.from(query.exportBundle(principalOf(req), filter), { objectMode: false }));
      },
    );
  };
}
