// /api/v1/imports: bundle upload as an asynchronous job, and its progress.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { IncomingMessage } from 'node:http';
import { PayloadTooLargeError } from '../../errors.ts';
import type { Services } from '../../services/index.ts';
import { principalOf, writerOf } from '../auth/plugin.ts';
import type { ImportService } from '../../services/import.service.ts';

const JobParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const UploadQuery = Type.Object(
  {
    tlp: Type.Optional(Type.String({ maxLength: 20, description: "TLP for objects without a TLP marking (default: the organisation's)" })),
    distribution: Type.Optional(
      Type.String({ maxLength: 200, description: "Distribution for objects without one (default: the organisation's)" }),
    ),
    filename: Type.Optional(Type.String({ maxLength: 255, description: "The uploaded file's name, shown in the list of recent imports" })),
  },
  { additionalProperties: false },
);

/** Import routes; uploads up to `maxBytes` are streamed to disk, never held in memory. */
export function importRoutes(jobs: ImportService, owners: Services['importOwner'], maxBytes: number): FastifyPluginAsyncTypebox {
  return async (app) => {
    // The body is the bundle itself, streamed: no JSON parsing by Fastify here.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', (_req: unknown, payload: IncomingMessage, done: (err: Error | null, body?: IncomingMessage) => void) =>
      done(null, payload),
    );

    app.post(
      '/imports',
      {
        bodyLimit: maxBytes,
        schema: {
          summary: 'Upload a STIX bundle (any size) to import; returns a job to poll',
          tags: ['imports'],
          querystring: UploadQuery,
        },
      },
      async (req, reply) => {
        // The owner is the import's authorization (object.import) and comes first: a caller who
        // may not import is told so whatever the size of the upload.
        const owner = await owners(writerOf(req), { tlp: req.query.tlp, distribution: req.query.distribution });
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > maxBytes) throw new PayloadTooLargeError(maxBytes, 'CONCORD_MAX_UPLOAD_BYTES');
        const principal = principalOf(req);
        const origin = {
          source: `upload by ${owner.actor}`,
          fileName: req.query.filename ?? null,
          uploadedBy: principal.kind === 'user' ? principal.user.username : owner.actor,
        };
        const job = await jobs.start(req.body as IncomingMessage, origin, maxBytes, owner);
        return reply.status(202).header('location', `/api/v1/imports/${job.id}`).send(job);
      },
    );

    app.get(
      '/imports/:id',
      { schema: { summary: 'An import job with its progress and summary', tags: ['imports'], params: JobParams } },
      async (req) => jobs.get(principalOf(req), req.params.id),
    );

    app.get(
      '/imports',
      {
        schema: {
          summary: 'Recent import jobs, newest first',
          tags: ['imports'],
          querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
        },
      },
      async (req) => ({ jobs: await jobs.list(principalOf(req), req.query.limit) }),
    );
  };
}
