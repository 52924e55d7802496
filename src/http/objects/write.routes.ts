// The write API (issue 15, must 4; must 5 for bulk): thin handlers over the write service, which
// authorizes, checks, stores through the ingest path and reads the stored version back.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { WriteService } from '../../services/write.service.ts';
import { principalOf } from '../auth/plugin.ts';
import { IdParams } from './schema.ts';
import { BulkBody, CreateBody, MarkingBody, RelateBody, ReviseBody } from './write.schema.ts';

const tags = ['objects', 'writing'];

/** POST routes writing objects; each answers 201 with the stored version and its marking. */
export function writeRoutes(write: WriteService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/objects',
      { schema: { summary: 'Create an object (id, spec_version, created, modified, created_by_ref filled in)', tags, body: CreateBody } },
      async (req, reply) => reply.code(201).send(await write.create(principalOf(req), req.body)),
    );
    app.post(
      '/objects/check',
      {
        schema: {
          summary: 'Check an object as a create would, without storing it: the issues with their JSON paths',
          tags,
          body: CreateBody,
        },
      },
      async (req) => write.check(principalOf(req), req.body),
    );
    app.post(
      '/objects/bulk',
      { schema: { summary: 'Revoke, re-mark or relabel a selection: a new version of each, one outcome per id', tags, body: BulkBody } },
      async (req) => write.bulk(principalOf(req), req.body),
    );
    app.post(
      '/objects/:id/versions',
      {
        schema: {
          summary: 'Publish a new version of an object of your organisation (STIX 2.1 §3.6)',
          tags,
          params: IdParams,
          body: ReviseBody,
        },
      },
      async (req, reply) => reply.code(201).send(await write.revise(principalOf(req), req.params.id, req.body)),
    );
    app.post(
      '/objects/:id/revoke',
      {
        schema: {
          summary: 'Revoke an object of your organisation (STIX 2.1 §3.6): a final version with revoked true',
          tags,
          params: IdParams,
        },
      },
      async (req, reply) => reply.code(201).send(await write.revoke(principalOf(req), req.params.id)),
    );
    app.post(
      '/objects/:id/markings',
      {
        schema: {
          summary: 'Change the TLP or distribution of an object (lowering: its owner only, audited)',
          tags,
          params: IdParams,
          body: MarkingBody,
        },
      },
      async (req, reply) => reply.code(201).send(await write.mark(principalOf(req), req.params.id, req.body)),
    );
    app.post(
      '/relationships',
      { schema: { summary: 'Relate two objects you can read (STIX 2.1 §5.1)', tags, body: RelateBody } },
      async (req, reply) => reply.code(201).send(await write.relate(principalOf(req), req.body)),
    );
    // POST /sightings (the STIX form of this API too) is routed by http/sightings/routes.ts (issue 17).
  };
}
