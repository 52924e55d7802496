// The quarantine: what could not be stored, with why, kept until fixed and retried
// (DESIGN.md principle 3: nothing is lost).
import { NotFoundError } from '../errors.ts';
import type { ImportSummary } from '../domain/imports/types.ts';
import type { Page, PageRequest } from '../domain/objects/types.ts';
import type { QuarantineEntry } from '../domain/quarantine/types.ts';
import type { QuarantineRepo } from '../store/repositories.ts';
import type { ImportOwner, IngestService } from './ingest.service.ts';
import type { Principal } from '../domain/identity/principal.ts';
import { authorize } from '../domain/access/permissions.ts';

/** Result of retrying one quarantined entry. */
export interface RetryResult {
  id: number;
  /** `stored` when it now went in (or was already held), `quarantined` when it failed again. */
  outcome: 'stored' | 'quarantined';
  summary: ImportSummary;
}

/** Retries an entry a peer sent through federation ingress (its provenance verified again);
 *  undefined for an entry that did not come from a peer. */
export type PeerRetry = (entry: QuarantineEntry) => Promise<ImportSummary | undefined>;

export class QuarantineService {
  private readonly repo: QuarantineRepo;
  private readonly ingest: IngestService;

  private readonly owner: (p: Principal) => Promise<ImportOwner>;
  private readonly peerRetry: PeerRetry | undefined;

  constructor(deps: {
    quarantine: QuarantineRepo;
    ingest: IngestService;
    owner: (p: Principal) => Promise<ImportOwner>;
    peerRetry?: PeerRetry;
  }) {
    this.repo = deps.quarantine;
    this.ingest = deps.ingest;
    this.owner = deps.owner;
    this.peerRetry = deps.peerRetry;
  }

  /** One page of quarantined entries. */
  list(page: PageRequest, filter?: { reason?: string; source?: string }): Promise<Page<QuarantineEntry>> {
    return this.repo.list(page, filter);
  }

  /** One entry with its raw text and reason. */
  async show(id: number): Promise<QuarantineEntry> {
    const entry = await this.repo.get(id);
    if (!entry) throw new NotFoundError(`quarantine entry ${id}`);
    return entry;
  }

  /**
   * Runs an entry through ingestion again (after a fix elsewhere, e.g. the conflicting version
   * was revoked, or a newer Concord accepts it). The old entry is removed; a new failure is
   * quarantined again with its current reason, so nothing is lost either way.
   */
  async retry(principal: Principal, id: number): Promise<RetryResult> {
    authorize(principal, 'quarantine.retry');
    const entry = await this.show(id);
    // What a peer sent goes through the same signature checks as when it arrived (issue 5,
    // item 4): retrying must not import it unverified, nor as the retrying user's own.
    const summary =
      (await this.peerRetry?.(entry)) ??
      (await this.ingest.importStream([Buffer.from(entry.raw)], { source: entry.source, owner: await this.owner(principal) }));
    const stored = summary.quarantined === 0 && summary.error === undefined;
    // A new failure was quarantined afresh; text too broken to read again keeps the old entry.
    if (stored || summary.quarantined > 0) await this.repo.remove(id);
    return { id, outcome: stored ? 'stored' : 'quarantined', summary };
  }
}
