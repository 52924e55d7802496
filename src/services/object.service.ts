// Reading the knowledge store: lists, single objects and versions, neighbourhoods, lookups.
import { randomUUID } from 'node:crypto';
import { detectKind, lookupKeys, normalizeObservable } from '../domain/observables/normalize.ts';
import type { Observable, ObservableKind } from '../domain/observables/types.ts';
import { versionKey } from '../domain/stix/timestamp.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import type { ObjectFilter, Page, PageRequest, StoredObject, Edge, LookupHit } from '../domain/objects/types.ts';
import type { ObjectRepo } from '../store/repositories.ts';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import { authorize } from '../domain/access/permissions.ts';
import { readAs, type AccessGate, type Visible } from './access-gate.ts';
import type { AuditSink } from './audit.service.ts';
import { GraphWalk } from './graph-walk.ts';
import { searchText } from '../domain/ingest/search-text.ts';
import { searchWords } from '../store/shared/search-words.ts';
import type { StixObject } from '../domain/stix/types.ts';
import type { LookupCorrelation, WarninglistHit } from '../domain/correlation/api.ts';
import { valueKey, type WarninglistService } from './warninglist.service.ts';

/** The graph around an object. */
export interface Neighbourhood {
  root: Visible;
  objects: Visible[];
  edges: Edge[];
  /** Referenced ids that this store does not hold. */
  missing: string[];
  /** True when the node cap was reached and the graph was cut. */
  truncated: boolean;
}

/** What one looked-up value matched. */
export interface LookupResult {
  value: string;
  kind: ObservableKind | null;
  normalized: string | null;
  matches: { matched: Observable; object: Visible; correlation: LookupCorrelation }[];
  /** The warninglists the normalised value is on (issue 17, must 5). */
  warninglists: WarninglistHit[];
}

/** The text in which versions are served to this node's own readers: what the node originated
 *  in its signed form (services/federation/egress.service.ts servedForms). */
export type ServedForms = (items: Visible[]) => Promise<Visible[]>;

/** A narrowing applied after the access gate (decay's minimum score, issue 17, must 6), with
 *  what the audit log records of it. */
export interface Refinement {
  keep: (items: Visible[]) => Promise<Visible[]>;
  details: Record<string, unknown>;
}

/** Rows read from the store per chunk of a list request. */
const SCAN_CHUNK = 500;
/** Read-side service over the object repository; every answer passes the access gate. A
 *  version the principal may not read answers exactly as one that does not exist. */
export class ObjectService {
  private readonly objects: ObjectRepo;
  private readonly gate: AccessGate;
  private readonly audit: AuditSink;
  private readonly scanRows: number;
  private readonly served: ServedForms;
  private readonly warninglists: Pick<WarninglistService, 'match' | 'ready'> | undefined;
  private readonly correlationLimit: number;

  constructor(deps: {
    objects: ObjectRepo;
    gate: AccessGate;
    audit: AuditSink;
    scanRows?: number;
    served?: ServedForms;
    warninglists?: Pick<WarninglistService, 'match' | 'ready'>;
    correlationLimit?: number;
  }) {
    this.warninglists = deps.warninglists;
    this.correlationLimit = deps.correlationLimit ?? 20;
    this.scanRows = deps.scanRows ?? 20_000;
    this.served = deps.served ?? ((items) => Promise.resolve(items));
    this.objects = deps.objects;
    this.gate = deps.gate;
    this.audit = deps.audit;
  }

  /**
   * Latest versions matching the filter that the principal may read, one page. The store is read
   * in chunks of at least SCAN_CHUNK rows and at most `scanRows` rows (CONCORD_LIST_SCAN_ROWS) are examined per request:
   * a reader who may see little of a large store gets a short (even empty) page with a cursor
   * to continue from, in bounded time, instead of one request scanning the whole store.
   */
  async list(principal: Principal, filter: ObjectFilter, page: PageRequest): Promise<Page<Visible>> {
    authorize(principal, 'object.read');
    const items: Visible[] = [];
    let after = page.after;
    let examined = 0;
    // The cursor is the seq of the last item returned when the page fills mid-chunk, else the
    // last seq examined (so a continuation never re-reads or skips a row).
    for (;;) {
      const raw = await this.objects.list(filter, {
        limit: Math.max(page.limit, Math.min(SCAN_CHUNK, this.scanRows)),
        ...(after === undefined ? {} : { after }),
      });
      examined += raw.items.length;
      const visible = await this.gate.filter(readAs(principal), raw.items);
      for (const v of visible) {
        if (!matchesForReader(v, filter)) continue;
        if (items.length === page.limit) return { items, next: items.at(-1)?.seq ?? null };
        items.push(v);
      }
      if (raw.next === null) return { items, next: null };
      if (items.length === page.limit || examined >= this.scanRows) return { items, next: raw.next };
      after = raw.next;
    }
  }

  /** One object, latest or the version whose `modified` is given. */
  async get(principal: Principal, id: string, version?: string): Promise<Visible> {
    authorize(principal, 'object.read');
    let key: string | undefined;
    if (version !== undefined) {
      key = versionKey(version);
      if (key === undefined) throw new InvalidInputError(`version must be a STIX timestamp, got "${version}"`, { parameter: 'version' });
    }
    const found = await this.objects.get(id, key);
    const [visible] = found ? await this.served(await this.gate.filter(readAs(principal), [found])) : [];
    if (!visible) throw new NotFoundError(version ? `${id} version ${version}` : id);
    return visible;
  }

  /** Every version of an object the principal may read, oldest first. */
  async versions(principal: Principal, id: string): Promise<Visible[]> {
    authorize(principal, 'object.read');
    const all = await this.gate.filter(readAs(principal), await this.objects.versions(id));
    if (all.length === 0) throw new NotFoundError(id);
    return all;
  }

  /** The object, its relationships and the objects they and its references reach, to `depth`
   *  hops, through visible objects only: nothing unseen is walked through or hinted at. */
  async neighbourhood(principal: Principal, id: string, depth: 1 | 2): Promise<Neighbourhood> {
    authorize(principal, 'object.read');
    const root = await this.get(principal, id);
    const walk = new GraphWalk(this.objects, (ids) => this.gate.visibleIds(readAs(principal), ids), id);
    for (let level = 0; level < depth && !walk.truncated; level++) {
      if (!(await walk.step())) break;
    }
    const objects = await this.gate.filter(readAs(principal), await this.objects.getMany([...walk.nodes]));
    const shown = new Set(objects.map((o) => o.id));
    const edges = walk.edges.filter((e) => shown.has(e.source) && shown.has(e.target));
    const missing = [...new Set(walk.references.filter((e) => shown.has(e.source) && !shown.has(e.target)).map((e) => e.target))];
    return { root, objects, edges, missing, truncated: walk.truncated };
  }

  /** Looks up free-text values (IP, CIDR, domain, URL, email, hash, ...), optionally of a given kind. */
  async lookup(principal: Principal, values: string[], kind?: ObservableKind): Promise<LookupResult[]> {
    authorize(principal, 'object.read');
    const parsed = values.map((value) => {
      const k = kind ?? detectKind(value);
      const obs = k ? normalizeObservable(k, value) : undefined;
      return { value, kind: k ?? null, obs };
    });
    const prefixes = new Map<string, ReadonlySet<number>>();
    for (const ipKind of ['ipv4', 'ipv6'] as const) {
      if (parsed.some((p) => p.obs?.kind === ipKind)) prefixes.set(ipKind, await this.objects.networkPrefixes(ipKind));
    }
    const keys = parsed.map((p) => (p.obs ? lookupKeys(p.obs, prefixes.get(p.obs.kind)) : []));
    const probes = keys.flat();
    const hits = probes.length > 0 ? await this.objects.lookup(probes) : [];
    // Each hit carries the label read in the same statement: one query for the whole lookup.
    const visible = new Map((await this.gate.filterLabelled(readAs(principal), dedupe(hits))).map((v) => [v.seq, v]));
    const byKey = new Map<string, { matched: Observable; object: Visible }[]>();
    for (const h of hits) {
      const object = visible.get(h.object.seq);
      // A redacted object may have matched on withheld content (its pattern, its value): such
      // a match would tell the reader what was withheld, so it is not returned.
      if (!object || object.withheld.length > 0) continue;
      const key = `${h.observable.kind}|${h.observable.value}`;
      const list = byKey.get(key) ?? [];
      list.push({ matched: h.observable, object });
      byKey.set(key, list);
    }
    await this.warninglists?.ready();
    const listed = this.warninglists?.match(parsed.flatMap((p) => (p.obs ? [p.obs] : []))) ?? new Map<string, WarninglistHit[]>();
    return parsed.map((p, i) => {
      // Every reader-visible carrier of a matched value is among the matches already: "also
      // seen in" for a match is counted from them, without a query (issue 17, must 5).
      const matches = (keys[i] ?? []).flatMap((k) => {
        const carriers = byKey.get(`${k.kind}|${k.value}`) ?? [];
        const others = Math.min(carriers.length - 1, this.correlationLimit + 1);
        return carriers.map((m) => ({ ...m, correlation: { objects: others, tooCommon: others > this.correlationLimit } }));
      });
      const warninglists = p.obs ? (listed.get(valueKey(p.obs)) ?? []) : [];
      return { value: p.value, kind: p.kind, normalized: p.obs?.value ?? null, matches: dedupeMatches(matches), warninglists };
    });
  }

  /** Streams the latest versions the principal may read as a STIX 2.1 bundle, in text chunks;
   *  the export is audited with its filter and count. */
  async *exportBundle(
    principal: Principal,
    filter: ObjectFilter,
    onObject?: (n: number) => void,
    refine?: Refinement,
  ): AsyncGenerator<string> {
    authorize(principal, 'object.read');
    yield `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`;
    let n = 0;
    let pending: StoredObject[] = [];
    const emit = async (): Promise<string> => {
      const parts: string[] = [];
      // Signed as it leaves for a peer, so that `concord verify` on the export passes (issue 14).
      const shown = (await this.gate.filter(readAs(principal), pending)).filter((v) => ownerMatches(v, filter));
      for (const o of await this.served(refine ? await refine.keep(shown) : shown)) parts.push(n++ === 0 ? o.json : `,${o.json}`);
      pending = [];
      onObject?.(n);
      return parts.join('');
    };
    for await (const o of this.objects.scan(filter)) {
      pending.push(o);
      if (pending.length >= 1000) yield await emit();
    }
    yield `${await emit()}]}\n`;
    await this.audit.record({
      action: 'export',
      actor: actorName(principal),
      target: null,
      details: { filter: { ...filter }, ...refine?.details, objects: n },
    });
  }
}

/** Whether the owner filter matches the owner the reader is told (the gate's label: a sighting
 *  hiding its organisation is owned by none for a partner, issue 17 must 2); the store matched
 *  the real owner. */
export function ownerMatches(v: Visible, filter: ObjectFilter): boolean {
  return filter.owners === undefined || v.label === undefined || filter.owners.includes(v.label.ownerOrg);
}

/** Whether a visible version matches what the store could not decide for this reader: text
 *  withheld by granular markings, an owner it is not told. */
export function matchesForReader(v: Visible, filter: ObjectFilter): boolean {
  return (filter.text === undefined || matchesAfterRedaction(v, filter.text)) && ownerMatches(v, filter);
}

/**
 * Whether a redacted object still matches the full-text query. The index holds the whole
 * object, so a match may come from content withheld from this reader; returning it would tell
 * the reader what the withheld content says.
 */
export function matchesAfterRedaction(v: Visible, text: string): boolean {
  if (v.withheld.length === 0) return true;
  const words = new Set(searchWords(searchText(JSON.parse(v.json) as StixObject)));
  return searchWords(text).every((w) => words.has(w));
}

function dedupeMatches<T extends { object: StoredObject }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((m) => {
    if (seen.has(m.object.id)) return false;
    seen.add(m.object.id);
    return true;
  });
}

function dedupe(hits: LookupHit[]): LookupHit[] {
  return [...new Map(hits.map((h) => [h.object.seq, h])).values()];
}
