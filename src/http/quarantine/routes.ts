// /api/v1/quarantine: what was not stored, why, and retry.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InvalidInputError } from '../../errors.ts';
import { authorizeScope, writerOf } from '../auth/plugin.ts';
import type { QuarantineService } from '../../services/quarantine.service.ts';
import { decodeCursor, encodeCursor } from '../objects/present.ts';

const EntryParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const ListQuery = Type.Object(
  {
    reason: Type.Optional(Type.String({ maxLength: 64, description: 'Only entries with this reason code' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

/** Quarantine routes. */
export function quarantineRoutes(quarantine: QuarantineService): FastifyPluginAsyncTypebox {
  return async (app) => {
    // The quarantine holds raw input that could not be labelled, so no access label can
    // protect it: only node administrators read and retry it.
    authorizeScope(app, 'quarantine.read');
    app.get(
      '/quarantine',
      { schema: { summary: 'Quarantined objects with their reasons', tags: ['quarantine'], querystring: ListQuery } },
      async (req) => {
        const after = req.query.cursor === undefined ? undefined : decodeCursor(req.query.cursor);
        if (req.query.cursor !== undefined && after === undefined)
          throw new InvalidInputError('cursor is not a value this API returned', { parameter: 'cursor' });
        const page = await quarantine.list(
          { limit: req.query.limit, ...(after === undefined ? {} : { after }) },
          req.query.reason ? { reason: req.query.reason } : undefined,
        );
        return { entries: page.items, next: page.next === null ? null : encodeCursor(page.next) };
      },
    );
    app.get(
      '/quarantine/:id',
      { schema: { summary: 'One quarantined entry with its raw text', tags: ['quarantine'], params: EntryParams } },
      async (req) => quarantine.show(req.params.id),
    );
    app.post(
      '/quarantine/:id/retry',
      { schema: { summary: 'Import a quarantined entry again', tags: ['quarantine'], params: EntryParams } },
      async (req) => quarantine.retry(writerOf(req), req.params.id),
    );
  };
}
