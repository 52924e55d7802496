// The Explorer's search (issue 15, must 5): sorted and relevance-ordered pages, the total and
// facets of a search, and its CSV export. Every row passes the access gate before it is
// listed, counted or exported: a total or a facet never counts an object the reader may not see.
import { authorize } from '../domain/access/permissions.ts';
import { groupOwner } from '../domain/access/sighting-egress.ts';
import { csvLine, csvRow, CSV_COLUMNS, relevance } from '../domain/explorer/rules.ts';
import type { FacetCount, Facets, SearchSummary } from '../domain/explorer/types.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { Org } from '../domain/identity/types.ts';
import type { ObjectFilter, SortOrder, SortPosition } from '../domain/objects/types.ts';
import type { AccessRepo, ObjectRepo } from '../store/repositories.ts';
import { readAs, readerOf, type AccessGate, type Visible } from './access-gate.ts';
import { countable, LabelCache } from '../domain/dashboard/tally.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { AuditSink } from './audit.service.ts';
import { matchesForReader, type Refinement } from './object.service.ts';

/** Where the next page starts, in each order. */
export type ListCursor = ({ kind: 'sorted' } & SortOrder & SortPosition) | { kind: 'relevance'; score: number; name: string; seq: number };

/** A page of a sorted or ranked search. `ranked.complete` is false when more matches exist than
 *  RANK_ROWS: the ranking then covers the first RANK_ROWS matches in store order. */
export interface SearchPage {
  items: Visible[];
  next: ListCursor | null;
  ranked?: { complete: boolean };
}

/** Visible matches ranked in memory per relevance page; beyond, `ranked.complete` is false. */
const RANK_ROWS = 5000;
const CHUNK = 1000;
/** Matching versions a total and its facets count exactly; more read "at least" (about 1–4 s per
 *  100,000 on the 2-vCPU bench machine under load, bench/RESULTS.md). */
const SUMMARY_ROWS = 100_000;
/** Filters whose groups are kept, and for how long at most. */
const GROUP_CACHE = 64;
const GROUP_CACHE_MS = 30_000;
const FACET_TOP = 12;

export interface SearchDeps {
  objects: ObjectRepo;
  gate: AccessGate;
  audit: AuditSink;
  orgs: { listOrgs(): Promise<Org[]> };
  schemes: SchemeRegistry;
  /** Labels of versions, for the CSV of the node's own command line (which reads without a reader). */
  access?: Pick<AccessRepo, 'labels'>;
  /** Rows examined per request at most (CONCORD_LIST_SCAN_ROWS). */
  scanRows?: number;
  /** Matching versions counted for a total at most (default SUMMARY_ROWS). */
  summaryRows?: number;
  /** The store's latest seq: cached groups are reused while it stays the same. */
  changes?: { maxSeq(): Promise<number> };
}

export class SearchService {
  private readonly deps: SearchDeps;
  private readonly scanRows: number;
  private readonly summaryRows: number;
  private readonly cache = new Map<string, { seq: number; at: number; groups: Awaited<ReturnType<ObjectRepo['searchGroups']>> }>();

  constructor(deps: SearchDeps) {
    this.deps = deps;
    this.scanRows = deps.scanRows ?? 20_000;
    this.summaryRows = deps.summaryRows ?? SUMMARY_ROWS;
  }

  /** One page in a sort order: store rows read in that order in chunks, each chunk through the
   *  gate, at most `scanRows` rows per request (a short page with a cursor beyond). */
  async sorted(
    principal: Principal,
    filter: ObjectFilter,
    order: SortOrder,
    after: SortPosition | undefined,
    limit: number,
  ): Promise<SearchPage> {
    authorize(principal, 'object.read');
    const items: Visible[] = [];
    const keys = new Map<number, string>();
    let at = after;
    let examined = 0;
    const cursor = (p: SortPosition): ListCursor => ({ kind: 'sorted', ...order, ...p });
    for (;;) {
      const raw = await this.deps.objects.listSorted(filter, order, at, Math.max(limit, Math.min(CHUNK, this.scanRows)));
      examined += raw.items.length;
      for (const r of raw.items) keys.set(r.object.seq, r.key);
      const visible = await this.deps.gate.filter(
        readAs(principal),
        raw.items.map((r) => r.object),
      );
      for (const v of visible) {
        if (!matchesForReader(v, filter)) continue;
        if (items.length === limit) {
          const last = items.at(-1);
          return { items, next: last ? cursor({ key: keys.get(last.seq) ?? '', seq: last.seq }) : null };
        }
        items.push(v);
      }
      if (raw.next === null) return { items, next: null };
      if (items.length === limit || examined >= this.scanRows) return { items, next: cursor(raw.next) };
      at = raw.next;
    }
  }

  /**
   * One page in relevance order (issue 15, must 5): the visible matches (at most RANK_ROWS) are
   * scored by domain/explorer/rules.ts relevance() and ordered by score, name, seq; the cursor
   * is the last row's (score, name, seq), so pages never overlap however the matches are read.
   */
  async ranked(
    principal: Principal,
    filter: ObjectFilter & { text: string },
    after: ListCursor | undefined,
    limit: number,
  ): Promise<SearchPage> {
    authorize(principal, 'object.read');
    const { visible, complete } = await this.visibleMatches(principal, filter, RANK_ROWS);
    const scored = visible.map((v) => {
      const o = JSON.parse(v.json) as Record<string, unknown>;
      const name = String(o['name'] ?? o['value'] ?? '').toLowerCase();
      return { v, score: relevance(o, filter.text), name };
    });
    scored.sort((a, b) => b.score - a.score || cmp(a.name, b.name) || a.v.seq - b.v.seq);
    const rest =
      after?.kind === 'relevance'
        ? scored.filter(
            (s) =>
              s.score < after.score ||
              (s.score === after.score && (cmp(s.name, after.name) > 0 || (s.name === after.name && s.v.seq > after.seq))),
          )
        : scored;
    const page = rest.slice(0, limit);
    const last = page.at(-1);
    const next: ListCursor | null =
      rest.length > limit && last ? { kind: 'relevance', score: last.score, name: last.name, seq: last.v.seq } : null;
    return { items: page.map((s) => s.v), next, ranked: { complete } };
  }

  /**
   * The total and facets of a search under the access policy (issue 15, must 5). The store
   * counts matching versions per type and access label (with a relationship's ends' labels) and
   * the policy decides once per group, as for the dashboard: exact, and without reading every
   * row. A text search may match content that granular markings withhold from this reader, so
   * versions carrying granular markings are read and checked one by one instead (at most
   * `scanRows` of them). At most `summaryRows` matching versions are grouped (the first in store
   * order): beyond either bound the total is `exact: false`, "at least" (cost: bench/RESULTS.md).
   */
  async summary(principal: Principal, filter: ObjectFilter, listed: readonly Visible[] = []): Promise<SearchSummary> {
    authorize(principal, 'object.read');
    const { groups, byLabel, capped } = await this.groups(filter);
    const reader = readerOf(principal);
    const labels = new LabelCache();
    const type = new Map<string, number>(),
      tlp = new Map<string, number>(),
      owner = new Map<string, number>(),
      label = new Map<string, number>();
    let count = 0;
    // A group is counted under the owner the reader may be told without reading its versions
    // (another organisation's sightings: undisclosed, issue 17 must 2), and an owner filter
    // keeps only what the reader may know to be that owner's.
    const owned = (g: (typeof groups)[number]): string | undefined => {
      const o = groupOwner(reader, g.type, labels.get(g.label));
      return filter.owners === undefined || filter.owners.includes(o) ? o : undefined;
    };
    for (const g of groups) {
      if (!countable(reader, g, labels, this.deps.schemes)) continue;
      const o = owned(g);
      if (o === undefined) continue;
      const l = labels.get(g.label);
      count += g.count;
      bump(type, g.type, g.count);
      bump(tlp, l.tlp, g.count);
      bump(owner, o, g.count);
    }
    for (const g of byLabel)
      if (g.value !== undefined && countable(reader, g, labels, this.deps.schemes) && owned(g) !== undefined) bump(label, g.value, g.count);
    let exact = !capped;
    if (filter.text !== undefined) {
      const read = await this.visibleMatches(principal, { ...filter, granularOnly: true }, Number.POSITIVE_INFINITY);
      exact = exact && read.complete;
      for (const v of read.visible) {
        count++;
        bump(type, v.type, 1);
        if (v.label) {
          bump(tlp, v.label.tlp, 1);
          bump(owner, v.label.ownerOrg, 1);
        }
        const ls = (JSON.parse(v.json) as { labels?: unknown }).labels;
        if (Array.isArray(ls)) for (const x of new Set(ls)) if (typeof x === 'string') bump(label, x, 1);
      }
    }
    const names = new Map((await this.deps.orgs.listOrgs()).map((o) => [o.id, o.name]));
    const facets: Facets = {
      type: top(type),
      tlp: top(tlp),
      owner: top(owner).map((f) => ({ ...f, name: names.get(f.value) ?? f.value })),
      label: top(label),
    };
    return { total: { count, exact }, facets, owners: this.ownerNames(names, listed) };
  }

  /**
   * The store's groups of a filter, kept until the store holds a new version: they do not depend
   * on the reader (the policy decides per reader afterwards), so a reload, another user or a
   * facet clicked back costs one `max(seq)`. Every change to objects is a new version (a new
   * seq); a version's access label and derived rows (labels, words) are written just after it,
   * so an entry also expires after GROUP_CACHE_MS: a count caught in between is short, never
   * long (rows without a label are read by no one), and not for long. At most GROUP_CACHE filters.
   */
  private async groups(filter: ObjectFilter): Promise<Awaited<ReturnType<ObjectRepo['searchGroups']>>> {
    const seq = this.deps.changes ? await this.deps.changes.maxSeq() : undefined;
    const key = JSON.stringify(filter);
    const hit = this.cache.get(key);
    if (seq !== undefined && hit?.seq === seq && Date.now() - hit.at < GROUP_CACHE_MS) return hit.groups;
    const groups = await this.deps.objects.searchGroups(filter, this.summaryRows);
    if (seq !== undefined) {
      this.cache.delete(key);
      this.cache.set(key, { seq, groups, at: Date.now() });
      for (const old of this.cache.keys()) {
        if (this.cache.size <= GROUP_CACHE) break;
        this.cache.delete(old);
      }
    }
    return groups;
  }

  /** The name of the organisation owning each of `items`, by object id (the owner column). */
  async owners(items: readonly Visible[]): Promise<Record<string, string>> {
    return this.ownerNames(new Map((await this.deps.orgs.listOrgs()).map((o) => [o.id, o.name])), items);
  }

  /** The search as CSV (issue 15, must 5), streamed in chunks; cells are CSV-injection safe. */
  async *csv(principal: Principal, filter: ObjectFilter, refine?: Refinement): AsyncGenerator<string> {
    authorize(principal, 'object.read');
    const names = new Map((await this.deps.orgs.listOrgs()).map((o) => [o.id, o.name]));
    yield csvLine(CSV_COLUMNS);
    let n = 0;
    let pending: Visible[] = [];
    let after: number | undefined;
    for (;;) {
      const raw = await this.deps.objects.list(filter, { limit: CHUNK, ...(after === undefined ? {} : { after }) });
      pending = await this.deps.gate.filter(readAs(principal), raw.items);
      // The command line reads without a reader, so the gate decided on no label: read them.
      const labels = principal.kind === 'system' && this.deps.access ? await this.deps.access.labels(pending.map((v) => v.seq)) : undefined;
      if (labels) pending = pending.map((v) => ({ ...v, ...(labels.get(v.seq) ? { label: labels.get(v.seq) } : {}) }));
      if (refine) pending = await refine.keep(pending);
      const lines: string[] = [];
      for (const v of pending) {
        if (!matchesForReader(v, filter)) continue;
        const ownerId = v.label?.ownerOrg ?? '';
        lines.push(csvRow(JSON.parse(v.json) as Record<string, unknown>, names.get(ownerId) ?? ownerId, v.label?.tlp ?? ''));
        n++;
      }
      if (lines.length > 0) yield lines.join('');
      if (raw.next === null) break;
      after = raw.next;
    }
    await this.deps.audit.record({
      action: 'export',
      actor: readAs(principal).actor,
      target: null,
      details: { filter: { ...filter }, ...refine?.details, format: 'csv', objects: n },
    });
  }

  /** Visible matches in store order, reading at most `scanRows` rows; `complete` when all were read. */
  private async visibleMatches(
    principal: Principal,
    filter: ObjectFilter,
    maxVisible: number,
  ): Promise<{ visible: Visible[]; complete: boolean }> {
    const visible: Visible[] = [];
    let after: number | undefined;
    let examined = 0;
    for (;;) {
      const raw = await this.deps.objects.list(filter, {
        limit: Math.min(CHUNK, this.scanRows),
        ...(after === undefined ? {} : { after }),
      });
      examined += raw.items.length;
      for (const v of await this.deps.gate.filter(readAs(principal), raw.items)) {
        if (matchesForReader(v, filter)) visible.push(v);
      }
      if (raw.next === null) return { visible, complete: true };
      if (examined >= this.scanRows || visible.length >= maxVisible) return { visible, complete: false };
      after = raw.next;
    }
  }

  private ownerNames(names: ReadonlyMap<string, string>, items: readonly Visible[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const v of items) if (v.label) out[v.id] = names.get(v.label.ownerOrg) ?? v.label.ownerOrg;
    return out;
  }
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function bump(m: Map<string, number>, k: string, n: number): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

/** The FACET_TOP most frequent values, most frequent first, then by value. */
function top(m: Map<string, number>): FacetCount[] {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))
    .slice(0, FACET_TOP)
    .map(([value, count]) => ({ value, count }));
}
