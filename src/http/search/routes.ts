// GET /api/v1/objects (the Explorer's search: filters, sort orders, relevance, total and facets)
// and GET /api/v1/export (a search as a STIX 2.1 bundle or CSV), issue 15, must 5.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InvalidInputError } from '../../errors.ts';
import type { ObjectService } from '../../services/object.service.ts';
import type { SearchService } from '../../services/search.service.ts';
import type { DecayService } from '../../services/decay.service.ts';
import type { SchemeRegistry } from '../../domain/markings/classification.ts';
import type { SortOrder } from '../../domain/objects/types.ts';
import { toFilter } from '../../domain/objects/filter.ts';
import { principalOf } from '../auth/plugin.ts';
import { decodeAny, presentSearch, type AnyCursor } from './present.ts';
import { ExportQuery, ListQuery } from './schema.ts';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The list and export routes. */
export function searchRoutes(
  objects: ObjectService,
  search: SearchService,
  schemes: SchemeRegistry,
  decay: DecayService,
): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/objects',
      {
        schema: {
          summary: 'Search the latest version of objects: filters, sort orders, relevance, total and facets, with each marking',
          tags: ['objects'],
          querystring: ListQuery,
        },
      },
      async (req, reply) => {
        const { limit, cursor, sort, summary, ...params } = req.query;
        const after = cursor === undefined ? undefined : decodeAny(cursor);
        if (cursor !== undefined && after === undefined)
          throw new InvalidInputError('cursor is not a value this API returned', { parameter: 'cursor' });
        const principal = principalOf(req);
        const filter = toFilter(params);
        const order = sort ?? (filter.text !== undefined ? 'relevance' : undefined);
        let page: { items: Awaited<ReturnType<ObjectService['list']>>['items']; next: AnyCursor | null; ranked?: { complete: boolean } };
        if (order === 'relevance') {
          if (filter.text === undefined) throw new InvalidInputError('sort=relevance needs a text search (q)', { parameter: 'sort' });
          if (after !== undefined && after.kind !== 'relevance')
            throw new InvalidInputError('cursor belongs to another order', { parameter: 'cursor' });
          page = await search.ranked(principal, { ...filter, text: filter.text }, after, limit);
        } else if (order !== undefined) {
          const by = { by: order.replace(/^-/, '') as SortOrder['by'], desc: order.startsWith('-') };
          if (after !== undefined && (after.kind !== 'sorted' || after.by !== by.by || after.desc !== by.desc))
            throw new InvalidInputError('cursor belongs to another sort order', { parameter: 'cursor' });
          page = await search.sorted(principal, filter, by, after?.kind === 'sorted' ? after : undefined, limit);
        } else {
          if (after !== undefined && after.kind !== 'seq')
            throw new InvalidInputError('cursor belongs to a sort order', { parameter: 'cursor' });
          const p = await objects.list(principal, filter, { limit, ...(after === undefined ? {} : { after: after.seq }) });
          page = { items: p.items, next: p.next === null ? null : { kind: 'seq', seq: p.next } };
        }
        // The summary rides on the first page only: later pages of the same search need not
        // count again (issue 15, must 5; cost measured in bench/RESULTS.md).
        const totals = summary && cursor === undefined ? await search.summary(principal, filter, page.items) : undefined;
        const owners = totals?.owners ?? (await search.owners(page.items));
        return reply.type(JSON_TYPE).send(presentSearch(page, schemes, owners, totals));
      },
    );

    app.get(
      '/export',
      {
        schema: {
          summary: 'Stream the latest versions matching a search as a STIX 2.1 bundle or as CSV',
          tags: ['objects'],
          querystring: ExportQuery,
        },
      },
      async (req, reply) => {
        const { format, include, min_score, ...params } = req.query;
        // Without `include` an export is the whole matching store, as before issue 15.
        const filter = toFilter({ ...params, include: include ?? 'all' });
        const principal = principalOf(req);
        // min_score leaves out indicators scoring below it (issue 17, must 6).
        const refine = min_score === undefined ? undefined : decay.refinement(principal, min_score);
        if (format === 'csv') {
          reply.header('content-disposition', 'attachment; filename="concord-export.csv"');
          return reply.type('text/csv; charset=utf-8').send(Readable.from(search.csv(principal, filter, refine), { objectMode: false }));
        }
        reply.header('content-disposition', 'attachment; filename="concord-export.json"');
        return reply
          .type('application/stix+json;version=2.1')
          .send(Readable.from(objects.exportBundle(principal, filter, undefined, refine), { objectMode: false }));
      },
    );
  };
}
