// "Also seen in" and the MISP warninglists (issue 17, must 5 and 8):
// GET /api/v1/objects/{id}/correlations, GET /api/v1/warninglists, GET /api/v1/warninglists/check.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CorrelationService } from '../../services/correlation.service.ts';
import type { WarninglistService } from '../../services/warninglist.service.ts';
import { principalOf } from '../auth/plugin.ts';
import { IdParams } from '../objects/schema.ts';
import { presentList } from './present.ts';
import { CheckQuery } from './schema.ts';

/** Correlation and warninglist routes. */
export function correlationRoutes(correlation: CorrelationService, warninglists: WarninglistService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/objects/:id/correlations',
      {
        schema: {
          summary:
            'The other objects that share an observable value with this one ("also seen in"), as far as the caller may read them; values carried by more objects than the correlation limit, or on a warninglist, are flagged and not expanded',
          tags: ['objects', 'correlation'],
          params: IdParams,
        },
      },
      async (req) => correlation.of(principalOf(req), req.params.id),
    );
    app.get(
      '/warninglists',
      { schema: { summary: 'The MISP warninglists this node loaded, with their entry counts', tags: ['correlation'] } },
      async (req) => {
        const lists = await warninglists.lists(principalOf(req));
        return { lists: lists.map(presentList), limit: correlation.limit };
      },
    );
    app.get(
      '/warninglists/check',
      {
        schema: {
          summary: 'Which warninglists a value is on (its kind detected unless given)',
          tags: ['correlation'],
          querystring: CheckQuery,
        },
      },
      async (req) => warninglists.check(principalOf(req), req.query.value, req.query.kind),
    );
  };
}
