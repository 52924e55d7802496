// GET /api/v1/objects/{id}/access: owner, source, distribution and who can see an object (issue
// 15, must 3). An object the caller may not read answers 404, as one that does not exist.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { ObjectAccessService } from '../../services/object-access.service.ts';
import { principalOf } from '../auth/plugin.ts';
import { IdParams } from './schema.ts';

/** The access panel's route; `service` is the only service it uses. */
export function objectAccessRoutes(service: ObjectAccessService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/objects/:id/access',
      {
        schema: {
          summary:
            'Who holds an object and who may read it: owner organisation, source, TLP, named distribution, classification and releasability, the organisations of this node whose members may read it, and the peers it may leave to',
          tags: ['objects'],
          params: IdParams,
        },
      },
      async (req) => service.access(principalOf(req), req.params.id),
    );
  };
}
