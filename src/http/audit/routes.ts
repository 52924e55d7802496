// /api/v1/audit: the audit log and its verification, for node administrators only (it names
// users, addresses and what they read; objects only to an administrator who may read them).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuditService } from '../../services/audit.service.ts';
import type { AuditView } from '../../services/audit-view.ts';
import type { WitnessReport } from '../../domain/federation/audit-witness.ts';
import { authorizeScope, principalOf } from '../auth/plugin.ts';

const ListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Entries older than this seq (the `next` of the previous page)' })),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    actor: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
);

/** Audit routes; `witnesses` checks the chain against what peers kept of its heads, `view` lists
 *  entries as the caller may read them. */
export function auditRoutes(audit: AuditService, witnesses: () => Promise<WitnessReport[]>, view: AuditView): FastifyPluginAsyncTypebox {
  return async (app) => {
    authorizeScope(app, 'audit.read');
    app.get('/audit', { schema: { summary: 'Audit entries, newest first', tags: ['audit'], querystring: ListQuery } }, async (req) => {
      const { limit, before, action, actor } = req.query;
      const page = await view.list(principalOf(req), {
        limit,
        ...(before !== undefined ? { after: before } : {}),
        ...(action ? { action } : {}),
        ...(actor ? { actor } : {}),
      });
      return { entries: page.items, next: page.next };
    });
    app.get(
      '/audit/verify',
      {
        schema: {
          summary: 'Check the hash chain, and against the audit heads peers witnessed; names the first altered, removed or reordered entry',
          tags: ['audit'],
        },
      },
      async () => {
        const [chain, witnessed] = await Promise.all([audit.verify(), witnesses()]);
        return { ...chain, witnesses: witnessed };
      },
    );
  };
}
