// The quarantine: what could not be stored, with why, kept until fixed and retried
// (DESIGN.md principle 3: nothing is lost).
import { NotFoundError } from '../errors.ts';
import type { ImportSummary, Page, PageRequest, QuarantineEntry, QuarantineRepo } from '../store/types.ts';
import type { IngestService } from './ingest.service.ts';

/** Result of retrying one quarantined entry. */
export interface RetryResult {
  id: number;
  /** `stored` when it now went in (or was already held), `quarantined` when it failed again. */
  outcome: 'stored' | 'quarantined';
  summary: ImportSummary;
}

export class QuarantineService {
  private readonly repo: QuarantineRepo;
  private readonly ingest: IngestService;

  constructor(deps: { quarantine: QuarantineRepo; ingest: IngestService }) {
    this.repo = deps.quarantine;
    this.ingest = deps.ingest;
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
  async retry(id: number): Promise<RetryResult> {
    const entry = await this.show(id);
    const summary = await this.ingest.importStream([Buffer.from(entry.raw)], { source: entry.source });
    const stored = summary.quarantined === 0 && summary.error === undefined;
    // A new failure was quarantined afresh; text too broken to read again keeps the old entry.
    if (stored || summary.quarantined > 0) await this.repo.remove(id);
    return { id, outcome: stored ? 'stored' : 'quarantined', summary };
  }
}
