// Which warninglists a value is on (issue 17, must 5), as MISP's Warninglist::checkValue decides
// it, indexed so that a lookup pays a few hash probes however many entries are loaded:
// - `string` entries: one hash map, exact value;
// - `hostname` entries: one hash map, probed with the host and each parent domain
//   (`a.b.example.com`, `b.example.com`, `example.com`, `com`), as MISP walks them;
// - `cidr` entries: a hash map per canonical network text, probed with the address and its
//   covering networks at only the prefix lengths the lists hold (observables/ip.ts, the same
//   exact-probe scheme as the lookup index), so a network inside a listed range matches too;
// - `substring` and `regex` entries are few in the MISP repository: scanned.
// Values are compared lower-cased (MISP lower-cases hostnames; hashes and IPs are lower-case
// already), so that a list written in capitals still matches.
import { lookupKeys } from '../observables/normalize.ts';
import { formatNet, maskNet, parseNet } from '../observables/ip.ts';
import type { Observable, ObservableKind } from '../observables/types.ts';
import type { WarninglistHit } from './api.ts';
import { warninglistRegex, type Warninglist, type WarninglistType } from './warninglists.ts';

/** A list as loaded: what `lists()` shows, and how many entries could not be indexed. */
export interface LoadedList {
  id: string;
  name: string;
  type: WarninglistType;
  version: number | string;
  description: string;
  matchingAttributes: readonly string[];
  /** Entries indexed. */
  entries: number;
  /** Entries that are not a value of the list's type (a CIDR entry that does not parse). */
  skipped: number;
}

interface Held {
  hit: WarninglistHit;
  kinds: ReadonlySet<ObservableKind> | 'all';
}

/** Entries added between two yields of `add` (a list of a million domains is built in steps). */
const STEP = 20_000;

/** Hostname entries as MISP writes them: `.example.com` and `*.example.com` mean the domain. */
function hostEntry(entry: string): string {
  let s = entry.trim().toLowerCase();
  if (s.startsWith('*.')) s = s.slice(2);
  else if (s.startsWith('.')) s = s.slice(1);
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

/** The host of a value that has one (a domain, a URL's host, an e-mail address's domain). */
function hostOf(obs: Observable): string | undefined {
  switch (obs.kind) {
    case 'domain':
      return obs.value;
    case 'url':
      return URL.parse(obs.value)?.hostname.toLowerCase() || undefined;
    case 'email':
      return obs.value.slice(obs.value.lastIndexOf('@') + 1);
    default:
      return undefined;
  }
}

function push(map: Map<string, number[]>, key: string, at: number): void {
  const lists = map.get(key);
  if (lists === undefined) map.set(key, [at]);
  else if (lists.at(-1) !== at) lists.push(at);
}

/** Many warninglists indexed together; built list by list, then only read. */
export class WarninglistMatcher {
  private readonly held: Held[] = [];
  private readonly meta: LoadedList[] = [];
  private readonly exact = new Map<string, number[]>();
  private readonly hosts = new Map<string, number[]>();
  private readonly nets = new Map<string, number[]>();
  private readonly prefixes = { ipv4: new Set<number>(), ipv6: new Set<number>() };
  private readonly scanned: { at: number; substrings?: string[]; regexes?: RegExp[] }[] = [];

  /** The lists held, in the order they were added. */
  lists(): readonly LoadedList[] {
    return this.meta;
  }

  /** Adds a list in steps: each yield is a point where a caller may let other work run. */
  *add(list: Warninglist): Generator<void, LoadedList> {
    const at = this.held.length;
    this.held.push({ hit: { id: list.id, name: list.name }, kinds: list.kinds });
    let entries = 0;
    let skipped = 0;
    if (list.type === 'substring') this.scanned.push({ at, substrings: list.list.map((e) => e.toLowerCase()) });
    if (list.type === 'regex') this.scanned.push({ at, regexes: list.list.flatMap((e) => warninglistRegex(e) ?? []) });
    if (list.type === 'substring' || list.type === 'regex') entries = list.list.length;
    else {
      for (let i = 0; i < list.list.length; i++) {
        if (i > 0 && i % STEP === 0) yield;
        const ok = this.index(list.type, list.list[i] ?? '', at);
        if (ok) entries++;
        else skipped++;
      }
    }
    const loaded: LoadedList = {
      id: list.id,
      name: list.name,
      type: list.type,
      version: list.version,
      description: list.description,
      matchingAttributes: list.matchingAttributes,
      entries,
      skipped,
    };
    this.meta.push(loaded);
    return loaded;
  }

  private index(type: WarninglistType, entry: string, at: number): boolean {
    if (type === 'string') {
      const s = entry.trim().toLowerCase();
      if (s !== '') push(this.exact, s, at);
      return s !== '';
    }
    if (type === 'hostname') {
      const s = hostEntry(entry);
      if (s !== '') push(this.hosts, s, at);
      return s !== '';
    }
    // cidr: an address or a network, either version; stored in canonical form (host bits off).
    const s = entry.trim();
    const v = s.includes(':') ? 6 : 4;
    const net = parseNet(v, s);
    if (!net) return false;
    const kind = v === 4 ? 'ipv4' : 'ipv6';
    this.prefixes[kind].add(net.prefix);
    push(this.nets, `${kind}\u0000${formatNet(maskNet(net))}`, at);
    return true;
  }

  /** The lists `obs` is on, each once, in the order the lists were added. */
  match(obs: Observable): WarninglistHit[] {
    if (this.held.length === 0) return [];
    const found = new Set<number>();
    const value = obs.value.toLowerCase();
    for (const at of this.exact.get(value) ?? []) found.add(at);
    const host = hostOf(obs);
    if (host === undefined) for (const at of this.hosts.get(value) ?? []) found.add(at);
    // The host itself and each parent domain (MISP's hostname check walks them the same way).
    for (let rest = host; rest !== undefined; ) {
      for (const at of this.hosts.get(rest) ?? []) found.add(at);
      const dot = rest.indexOf('.');
      rest = dot < 0 ? undefined : rest.slice(dot + 1);
    }
    if (obs.kind === 'ipv4' || obs.kind === 'ipv6') {
      const prefixes = this.prefixes[obs.kind];
      if (prefixes.size > 0) {
        for (const key of lookupKeys(obs, prefixes)) for (const at of this.nets.get(`${key.kind}\u0000${key.value}`) ?? []) found.add(at);
      }
    }
    for (const s of this.scanned) {
      if (found.has(s.at) || !this.applies(s.at, obs.kind)) continue;
      if (s.substrings?.some((e) => e !== '' && value.includes(e)) || s.regexes?.some((re) => re.test(obs.value))) found.add(s.at);
    }
    return [...found]
      .filter((at) => this.applies(at, obs.kind))
      .sort((a, b) => a - b)
      .map((at) => (this.held[at] as Held).hit);
  }

  private applies(at: number, kind: ObservableKind): boolean {
    const kinds = this.held[at]?.kinds;
    return kinds === 'all' || (kinds?.has(kind) ?? false);
  }
}

/** Runs a generator to its end at once (tests, and callers that need not yield). */
export function drain<T>(g: Generator<void, T>): T {
  for (;;) {
    const r = g.next();
    if (r.done) return r.value;
  }
}
