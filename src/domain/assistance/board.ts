// Where a request stands on the requests board (issue 18, must 7) and what an offered expert covers, pure.
// The column is derived from the request's own status, the offers' latest decisions and its
// deployments, as api.ts BOARD_COLUMNS says; callers pass what the reader may read.
import type { BoardColumn, RequestStatus } from './api.ts';
import type { DecisionRecord, DeploymentRecord, OfferRecord } from './types.ts';

/** What the column of one request is derived from. */
export interface BoardFacts {
  status: RequestStatus;
  offers: readonly Pick<OfferRecord, 'id' | 'status'>[];
  /** The latest decision on each offer (latestDecisions). */
  decisions: ReadonlyMap<string, Pick<DecisionRecord, 'decision'>>;
  deployments: readonly Pick<DeploymentRecord, 'status'>[];
}

/**
 * The board column: closed when the requester closed or withdrew it, or when its deployments have
 * all ended; deployed while one is planned or active; matched once an offer still standing was
 * accepted; open otherwise (api.ts BOARD_COLUMNS).
 */
export function boardColumn(f: BoardFacts): BoardColumn {
  if (f.status !== 'open') return 'closed';
  if (f.deployments.some((d) => d.status === 'planned' || d.status === 'active')) return 'deployed';
  if (f.deployments.length > 0) return 'closed';
  const accepted = f.offers.some((o) => o.status === 'offered' && f.decisions.get(o.id)?.decision === 'accepted');
  return accepted ? 'matched' : 'open';
}

/** The latest decision on each offer: a later decision replaces an earlier one (types.ts). */
export function latestDecisions<D extends Pick<DecisionRecord, 'offerId' | 'modified' | 'created'>>(
  decisions: readonly D[],
): Map<string, D> {
  const out = new Map<string, D>();
  for (const d of decisions) {
    const held = out.get(d.offerId);
    if (held === undefined || `${held.created}|${held.modified}` < `${d.created}|${d.modified}`) out.set(d.offerId, d);
  }
  return out;
}

/** The request skills an expert covers, in the request's order. */
export function coveredSkills(needed: readonly string[], held: readonly string[]): string[] {
  const mine = new Set(held);
  return needed.filter((s) => mine.has(s));
}
