// The audit log's reads (issue 3, item 6). Entries and their chain are domain/audit/chain.ts.

/** Filters and keyset page of the audit list, newest first; `after` is a seq from `next`. */
export interface AuditListRequest {
  after?: number;
  limit: number;
  action?: string;
  actor?: string;
}
