// Query parameters of GET /api/v1/audit (issue 15, must 9): who, what, when, target, words, and
// the keyset cursor. Unknown parameters are refused, so a misspelt filter is an error rather than
// a list that silently is not filtered.
import { Type, type Static } from '@fastify/type-provider-typebox';
import type { AuditListRequest } from '../../domain/audit/types.ts';

export const AuditListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Entries older than this seq (the `next` of the previous page)' })),
    action: Type.Optional(Type.String({ maxLength: 100, description: 'One action, as GET /audit/actions lists them' })),
    actor: Type.Optional(
      Type.String({ maxLength: 300, description: "`user:<name>` (with that user's tokens), `system:<name>`, or an actor exactly" }),
    ),
    since: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date or date-time: entries at or after it' })),
    until: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 date (the whole day) or date-time: entries up to it' })),
    target: Type.Optional(Type.String({ maxLength: 300, description: 'The object, user, feed, peer… an entry is about, by id' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words that must all occur in the details or target, any case' })),
  },
  { additionalProperties: false },
);

/** The repository's request from the query; empty strings (a cleared form field) filter nothing. */
export function auditRequestOf(q: Static<typeof AuditListQuery>): AuditListRequest {
  const set = (v: string | undefined): string | undefined => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const r: AuditListRequest = { limit: q.limit };
  if (q.before !== undefined) r.after = q.before;
  for (const key of ['action', 'actor', 'since', 'until', 'target', 'q'] as const) {
    const v = set(q[key]);
    if (v !== undefined) r[key] = v;
  }
  return r;
}
