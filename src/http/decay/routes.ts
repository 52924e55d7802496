// /api/v1/decay/models and /api/v1/objects/{id}/score (issue 17, musts 6 and 8): the models in
// force, setting them (node administrators), and one indicator's score with its reasons.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DecayService } from '../../services/decay.service.ts';
import { principalOf } from '../auth/plugin.ts';
import { IdParams } from '../objects/schema.ts';
import { PutModelsBody } from './schema.ts';

/** Decay routes; mount under /api/v1. */
export function decayRoutes(decay: DecayService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['decay'];
    app.get('/decay/models', { schema: { summary: 'The decay model of every indicator kind, and the defaults', tags } }, async (req) =>
      decay.models(principalOf(req)),
    );
    app.put(
      '/decay/models',
      {
        schema: {
          summary: 'Set (or reset) the decay models of some kinds; every score changes at once',
          tags,
          body: PutModelsBody,
        },
      },
      async (req) => {
        const { models, reset } = req.body;
        return reset === true
          ? decay.resetModels(
              principalOf(req),
              models.map((m) => m.kind),
            )
          : decay.setModels(principalOf(req), models);
      },
    );
    app.get(
      '/objects/:id/score',
      {
        schema: {
          summary: "An indicator's decay score and why; 404 for an object the caller cannot read",
          tags,
          params: IdParams,
        },
      },
      async (req) => decay.score(principalOf(req), req.params.id),
    );
  };
}
