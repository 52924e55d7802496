// The audit log's reads (issue 3, item 6). Entries and their chain are domain/audit/chain.ts.
import { InvalidInputError } from '../../errors.ts';

/** Filters and keyset page of the audit list, newest first; `after` is a seq from `next`.
 *  Filters (issue 15, must 9): who (`actor`), what (`action`), when (`since` inclusive, `until`
 *  exclusive, full ISO instants: see auditWindow), which object or entity (`target`), and `q`,
 *  words looked for in the entry's details, target and actor. */
export interface AuditListRequest {
  after?: number;
  limit: number;
  action?: string;
  actor?: string;
  since?: string;
  until?: string;
  target?: string;
  q?: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function instant(text: string, field: string): Date {
  const t = text.trim();
  const d = new Date(DATE_ONLY.test(t) ? `${t}T00:00:00Z` : t);
  if ((!DATE_ONLY.test(t) && !ISO.test(t)) || Number.isNaN(d.getTime())) {
    throw new InvalidInputError(`${field} must be an ISO 8601 date (2026-12-07) or date-time with a zone`, { field });
  }
  return d;
}

/**
 * The when-filter as the instants entries are compared with (entries' `at` is
 * `Date.toISOString()`, so these compare as text). A date alone in `until` means the whole of
 * that day (UTC): "until 2026-12-07" includes the 7th.
 */
export function auditWindow(since: string | undefined, until: string | undefined): { since?: string; until?: string } {
  const out: { since?: string; until?: string } = {};
  if (since !== undefined && since !== '') out.since = instant(since, 'since').toISOString();
  if (until !== undefined && until !== '') {
    const end = instant(until, 'until');
    if (DATE_ONLY.test(until.trim())) end.setUTCDate(end.getUTCDate() + 1);
    else end.setUTCMilliseconds(end.getUTCMilliseconds() + 1);
    out.until = end.toISOString();
  }
  if (out.since !== undefined && out.until !== undefined && out.since >= out.until) {
    throw new InvalidInputError('since must be before until', { field: 'since' });
  }
  return out;
}
