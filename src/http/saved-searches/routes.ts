// /api/v1/saved-searches: the caller's own saved Explorer searches (issue 15, must 5).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { SavedSearchService } from '../../services/saved-search.service.ts';
import { principalOf, writerOf } from '../auth/plugin.ts';
import { SavedSearchBody, SavedSearchParams } from './schema.ts';

/** Saved search routes; mount under /api/v1. */
export function savedSearchRoutes(saved: SavedSearchService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['objects'];
    app.get('/saved-searches', { schema: { summary: 'Your saved searches, by name', tags } }, async (req) => ({
      searches: await saved.list(principalOf(req)),
    }));
    app.post(
      '/saved-searches',
      { schema: { summary: 'Save the current Explorer search under a name', tags, body: SavedSearchBody } },
      async (req, reply) => reply.status(201).send(await saved.save(writerOf(req), req.body)),
    );
    app.delete(
      '/saved-searches/:id',
      { schema: { summary: 'Delete one of your saved searches', tags, params: SavedSearchParams } },
      async (req, reply) => {
        await saved.remove(writerOf(req), req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
