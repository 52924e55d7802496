// /api/v1/collections: node administrators configure the TAXII collections (issue 4): a saved
// query over the store or a write target, with read and write grants.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CollectionService } from '../../services/collection.service.ts';
import { principalOf, writerOf } from '../auth/plugin.ts';
import { CollectionBody, CollectionRefParams } from './schema.ts';

/** Collection administration routes; mount under /api/v1. */
export function collectionRoutes(collections: CollectionService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['administration'];
    app.get('/collections', { schema: { summary: 'TAXII collections and their grants (node administrators)', tags } }, async (req) => ({
      collections: await collections.list(principalOf(req)),
    }));
    app.post(
      '/collections',
      { schema: { summary: 'Add a TAXII collection (node administrators)', tags, body: CollectionBody } },
      async (req, reply) => reply.status(201).send(await collections.add(writerOf(req), req.body)),
    );
    app.get(
      '/collections/:id',
      { schema: { summary: 'One TAXII collection by id or alias', tags, params: CollectionRefParams } },
      async (req) => collections.get(principalOf(req), req.params.id),
    );
    app.patch(
      '/collections/:id',
      { schema: { summary: 'Change a TAXII collection', tags, params: CollectionRefParams, body: CollectionBody } },
      async (req) => collections.update(writerOf(req), req.params.id, req.body),
    );
    app.delete(
      '/collections/:id',
      { schema: { summary: 'Remove a TAXII collection (the objects stay)', tags, params: CollectionRefParams } },
      async (req, reply) => {
        await collections.remove(writerOf(req), req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
