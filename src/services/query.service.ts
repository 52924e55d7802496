// Reading the knowledge store: lists, single objects and versions, neighbourhoods, lookups.
import { randomUUID } from 'node:crypto';
import { detectKind, lookupKeys, normalizeObservable } from '../domain/observables/normalize.ts';
import type { Observable, ObservableKind } from '../domain/observables/types.ts';
import { versionKey } from '../domain/stix/timestamp.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import type { Edge, ObjectFilter, ObjectRepo, Page, PageRequest, StoredObject } from '../store/types.ts';

/** The graph around an object. */
export interface Neighbourhood {
  root: StoredObject;
  objects: StoredObject[];
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
  matches: { matched: Observable; object: StoredObject }[];
}

const MAX_NODES = 500;
/** Expanding through these would pull in everything an author or a marking touches. */
const NO_EXPAND_PROPERTIES = new Set(['created_by_ref', 'object_marking_refs', 'granular_markings.marking_ref']);
const RELATIONSHIP_TYPES = new Set(['relationship', 'sighting']);

/** Read-side service over the object repository. */
export class QueryService {
  private readonly objects: ObjectRepo;

  constructor(deps: { objects: ObjectRepo }) {
    this.objects = deps.objects;
  }

  /** Latest versions matching the filter, one page. */
  list(filter: ObjectFilter, page: PageRequest): Promise<Page<StoredObject>> {
    return this.objects.list(filter, page);
  }

  /** One object, latest or the version whose `modified` is given. */
  async get(id: string, version?: string): Promise<StoredObject> {
    let key: string | undefined;
    if (version !== undefined) {
      key = versionKey(version);
      if (key === undefined) throw new InvalidInputError(`version must be a STIX timestamp, got "${version}"`, { parameter: 'version' });
    }
    const found = await this.objects.get(id, key);
    if (!found) throw new NotFoundError(version ? `${id} version ${version}` : id);
    return found;
  }

  /** Every version of an object, oldest first. */
  async versions(id: string): Promise<StoredObject[]> {
    const all = await this.objects.versions(id);
    if (all.length === 0) throw new NotFoundError(id);
    return all;
  }

  /** The object, its relationships and the objects they and its references reach, to `depth` hops. */
  async neighbourhood(id: string, depth: 1 | 2): Promise<Neighbourhood> {
    const root = await this.get(id);
    const nodes = new Set([id]);
    const edges = new Map<string, Edge>();
    let frontier = [id];
    let truncated = false;
    for (let level = 0; level < depth && frontier.length > 0 && !truncated; level++) {
      const next: string[] = [];
      const found = await this.objects.edges(frontier);
      // A relationship is one hop: take its other ends along with it.
      const rels = [...new Set(found.map((e) => e.source).filter((s) => isRelationshipId(s) && !nodes.has(s)))];
      const through = rels.length > 0 ? await this.objects.edges(rels) : [];
      for (const e of [...found, ...through]) {
        edges.set(`${e.source}|${e.property}|${e.target}`, e);
        for (const end of [e.source, e.target]) {
          if (nodes.has(end)) continue;
          if (nodes.size >= MAX_NODES) {
            truncated = true;
            continue;
          }
          nodes.add(end);
          // A new target is always reached from the frontier (or one of its relationships): every
          // edge returned touches the ids asked for, and those are already nodes.
          const expand = !(end === e.target && NO_EXPAND_PROPERTIES.has(e.property)) && !isRelationshipId(end);
          if (expand) next.push(end);
        }
      }
      frontier = next;
    }
    const objects = await this.objects.getMany([...nodes]);
    const held = new Set(objects.map((o) => o.id));
    const keptEdges = [...edges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target));
    return { root, objects, edges: keptEdges, missing: [...nodes].filter((n) => !held.has(n)), truncated };
  }

  /** Looks up free-text values (IP, CIDR, domain, URL, email, hash, ...), optionally of a given kind. */
  async lookup(values: string[], kind?: ObservableKind): Promise<LookupResult[]> {
    const parsed = values.map((value) => {
      const k = kind ?? detectKind(value);
      const obs = k ? normalizeObservable(k, value) : undefined;
      return { value, kind: k ?? null, obs };
    });
    const prefixes = new Map<string, Set<number>>();
    for (const ipKind of ['ipv4', 'ipv6'] as const) {
      if (parsed.some((p) => p.obs?.kind === ipKind)) prefixes.set(ipKind, await this.objects.networkPrefixes(ipKind));
    }
    const keys = parsed.map((p) => (p.obs ? lookupKeys(p.obs, prefixes.get(p.obs.kind)) : []));
    const probes = keys.flat();
    const hits = probes.length > 0 ? await this.objects.lookup(probes) : [];
    const byKey = new Map<string, { matched: Observable; object: StoredObject }[]>();
    for (const h of hits) {
      const key = `${h.observable.kind}|${h.observable.value}`;
      const list = byKey.get(key) ?? [];
      list.push({ matched: h.observable, object: h.object });
      byKey.set(key, list);
    }
    return parsed.map((p, i) => {
      const matches = (keys[i] ?? []).flatMap((k) => byKey.get(`${k.kind}|${k.value}`) ?? []);
      return { value: p.value, kind: p.kind, normalized: p.obs?.value ?? null, matches: dedupe(matches) };
    });
  }

  /** Streams latest versions as a STIX 2.1 bundle, in text chunks. */
  async *exportBundle(filter: ObjectFilter, onObject?: (n: number) => void): AsyncGenerator<string> {
    yield `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[`;
    let n = 0;
    let buf: string[] = [];
    for await (const o of this.objects.scan(filter)) {
      buf.push(n === 0 ? o.json : `,${o.json}`);
      n++;
      if (buf.length >= 1000) {
        yield buf.join('');
        buf = [];
        onObject?.(n);
      }
    }
    buf.push(']}\n');
    yield buf.join('');
    onObject?.(n);
  }
}

function isRelationshipId(id: string): boolean {
  return RELATIONSHIP_TYPES.has(id.slice(0, id.indexOf('--')));
}

function dedupe<T extends { object: StoredObject }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((m) => (seen.has(m.object.id) ? false : (seen.add(m.object.id), true)));
}
