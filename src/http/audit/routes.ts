// /api/v1/audit: the audit log and its verification, for node administrators only (it names
// users, addresses and what they read; objects only to an administrator who may read them).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuditService } from '../../services/audit.service.ts';
import type { AuditView } from '../../services/audit-view.ts';
import type { WitnessReport } from '../../domain/federation/audit-witness.ts';
import { authorizeScope, principalOf } from '../auth/plugin.ts';

import { AuditListQuery, auditRequestOf } from './schema.ts';

/** Audit routes; `witnesses` checks the chain against what peers kept of its heads, `view` lists
 *  entries as the caller may read them. */
export function auditRoutes(audit: AuditService, witnesses: () => Promise<WitnessReport[]>, view: AuditView): FastifyPluginAsyncTypebox {
  return async (app) => {
    authorizeScope(app, 'audit.read');
    app.get(
      '/audit',
      {
        schema: {
          summary: 'Audit entries, newest first, filtered by who, what, when, target and words in the details; keyset paged',
          tags: ['audit'],
          querystring: AuditListQuery,
        },
      },
      async (req) => {
        const page = await view.list(principalOf(req), auditRequestOf(req.query));
        return { entries: page.items, next: page.next };
      },
    );
    app.get('/audit/actions', { schema: { summary: 'The actions that occur in the audit log, sorted', tags: ['audit'] } }, async () => ({
      actions: await audit.actions(),
    }));
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
