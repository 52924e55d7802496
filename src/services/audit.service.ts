// The audit log (issue 3, item 6): logins, token use, reads of classified objects, exports,
// shares and administrative changes, appended to a hash chain that `concord audit verify`
// checks end to end.
import { verifyChain, type AuditEntry, type AuditHead, type VerifyResult } from '../domain/audit/chain.ts';
import { auditWindow, type AuditListRequest } from '../domain/audit/types.ts';
import type { AuditRepo } from '../store/repositories.ts';
import type { Page } from '../domain/objects/types.ts';

/** One event to record; `action` is a stable dotted code (`auth.login`, `export`, …). */
export interface AuditEvent {
  action: string;
  /** `user:<name>`, `user:<name>/token:<id>`, `system:<name>`; null when unknown. */
  actor: string | null;
  target?: string | null;
  details?: Readonly<Record<string, unknown>>;
}

/**
 * Where services send what they must audit. Failures are thrown to the caller: an action that
 * must be audited but could not be should not be reported as done.
 */
export interface AuditSink {
  record(e: AuditEvent): Promise<void>;
}

/** Entries read per page when catching up with appends made while verifying. */
const CATCH_UP_PAGE = 1000;

/** Records, verifies and lists the audit log. */
export class AuditService implements AuditSink {
  private readonly repo: AuditRepo;

  constructor(deps: { audit: AuditRepo }) {
    this.repo = deps.audit;
  }

  /** Appends one entry: one short transaction, no reading of the log. */
  async record(e: AuditEvent): Promise<void> {
    await this.repo.append({ action: e.action, actor: e.actor, target: e.target ?? null, details: e.details ?? {} });
  }

  /** Checks the whole chain and its head; names the first bad entry. */
  async verify(): Promise<VerifyResult> {
    let head: AuditHead | null = null;
    return verifyChain(
      this.entriesToHead((h) => (head = h)),
      () => head,
    );
  }

  /** One page of entries, newest first; pass `next` as `after` for the following page. Dates
   *  of the when-filter are ISO 8601 (InvalidInputError naming `since` or `until` otherwise). */
  list(request: AuditListRequest): Promise<Page<AuditEntry>> {
    const { since, until, ...rest } = request;
    return this.repo.list({ ...rest, ...auditWindow(since, until) });
  }

  /** The actions that occur in the log (the choices of the audit filter). */
  actions(): Promise<string[]> {
    return this.repo.actions();
  }

  /**
   * Every entry up to the head, the head being read after the entries. Appends go on while the
   * log is read: one that lands after the scan's last batch is ahead of what was read when the
   * head is read, so entries up to the head are read once more. The head moves in the same
   * transaction as the insert, so an entry up to the head that is then missing was removed.
   */
  private async *entriesToHead(found: (head: AuditHead | null) => void): AsyncIterable<AuditEntry> {
    let last = 0;
    for await (const e of this.repo.scan()) {
      last = Math.max(last, e.seq);
      yield e;
    }
    const head = await this.repo.head();
    found(head);
    if (head === null || head.seq <= last) return;
    // Newest first from the head down to `last`, then yielded oldest first.
    const newer: AuditEntry[] = [];
    let after = head.seq + 1;
    for (;;) {
      const page = await this.repo.list({ after, limit: CATCH_UP_PAGE });
      newer.push(...page.items.filter((x) => x.seq > last));
      const end = page.items.at(-1);
      if (page.next === null || end === undefined || end.seq <= last + 1) break;
      after = end.seq;
    }
    yield* newer.reverse();
  }
}
