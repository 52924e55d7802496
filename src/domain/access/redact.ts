// Granular markings (STIX 2.1 §7.2.3): a marking that applies to some properties or list entries
// of an object, chosen by selectors (§7.2.3.1: `description`, `external_references.[1].url`).
// A reader who may read the object but does not satisfy such a marking gets the object without
// the selected content. The caller has already checked the object's own label with canRead.

import type { SchemeRegistry } from '../markings/classification.ts';
import type { MarkingInfo, MarkingRegistry } from '../markings/registry.ts';
import { tlpRank } from '../markings/tlp.ts';
import { selectorResolves } from '../stix/markings.ts';
import type { JsonObject, JsonValue, StixObject } from '../stix/types.ts';
import { hasClearance, isReleasableTo, takesPart } from './policy.ts';
import type { AccessLabel, Reader } from './types.ts';

/** An object as one reader may see it, and the selectors of the content withheld from it. */
export interface Redaction {
  readonly object: StixObject;
  readonly withheld: string[];
}

/**
 * True when the reader satisfies one granular marking of an object labelled `objectLabel`. A TLP
 * stricter than the object's binds everyone outside the owner organisation; unknown markings fail
 * closed; statements and other markings restrict nothing.
 */
export function satisfiesMarking(
  reader: Reader,
  info: MarkingInfo | undefined,
  schemes: SchemeRegistry,
  objectLabel: AccessLabel,
): boolean {
  if (info === undefined) return false;
  switch (info.kind) {
    case 'tlp':
      return tlpRank(info.tlp) <= tlpRank(objectLabel.tlp) || reader.orgIds.includes(objectLabel.ownerOrg);
    case 'classification':
      return hasClearance(reader, info, schemes);
    case 'releasability':
      return isReleasableTo(reader, info.to);
    case 'exercise':
      return takesPart(reader, info.exercise);
    default:
      return true;
  }
}

type Component = string | number;
const INDEX_RE = /^\[(\d+)\]$/;

function parseSelector(selector: string): Component[] {
  return selector.split('.').map((c) => {
    const m = INDEX_RE.exec(c);
    return m === null ? c : Number(m[1]);
  });
}

function formatSelector(components: readonly Component[]): string {
  return components.map((c) => (typeof c === 'number' ? `[${c}]` : c)).join('.');
}

function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What the walk records: paths removed or emptied, and old → new index maps of rebuilt lists. */
interface Walk {
  readonly removed: ReadonlySet<string>;
  /** Every proper prefix of a removed path: only these subtrees are rebuilt. */
  readonly touched: ReadonlySet<string>;
  readonly gone: Set<string>;
  readonly indexMaps: Map<string, number[]>;
}

const GONE = Symbol('gone');

function child(path: string, c: Component): string {
  const s = typeof c === 'number' ? `[${c}]` : c;
  return path === '' ? s : `${path}.${s}`;
}

/** Rebuilds `value` at `path` without removed content; a list or dictionary emptied by it goes too. */
function rebuild(value: JsonValue, path: string, w: Walk): JsonValue | typeof GONE {
  if (w.removed.has(path)) {
    w.gone.add(path);
    return GONE;
  }
  if (!w.touched.has(path) || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    const map = value.map((item, i) => {
      const v = rebuild(item, child(path, i), w);
      if (v === GONE) return -1;
      out.push(v);
      return out.length - 1;
    });
    w.indexMaps.set(path, map);
    return emptied(out.length === 0, path, w) ?? out;
  }
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    const v = rebuild(value[key] ?? null, child(path, key), w);
    if (v !== GONE) out[key] = v;
  }
  return emptied(Object.keys(out).length === 0, path, w) ?? out;
}

// STIX forbids empty lists and dictionaries (§2.7, §2.12): one emptied by redaction is removed.
function emptied(isEmpty: boolean, path: string, w: Walk): typeof GONE | undefined {
  if (!isEmpty) return undefined;
  w.gone.add(path);
  return GONE;
}

/** The selector as it reads after redaction, or undefined when what it selected is gone. */
function remap(selector: string, w: Walk): string | undefined {
  const out: Component[] = [];
  let path = '';
  for (const c of parseSelector(selector)) {
    let next: Component = c;
    if (typeof c === 'number') {
      const map = w.indexMaps.get(path);
      next = map === undefined ? c : (map[c] ?? -1);
      if (next < 0) return undefined;
    }
    path = child(path, c);
    if (w.gone.has(path)) return undefined;
    out.push(next);
  }
  return formatSelector(out);
}

interface GranularMarking {
  readonly marking: JsonObject;
  readonly selectors: string[];
  readonly satisfied: boolean;
}

function granularMarkings(object: StixObject, satisfied: (ref: string) => boolean): GranularMarking[] {
  const list = object['granular_markings'];
  if (!Array.isArray(list)) return [];
  return list.filter(isJsonObject).map((marking) => {
    const ref = marking['marking_ref'];
    const raw = marking['selectors'];
    const selectors = Array.isArray(raw) ? raw.filter((s): s is string => typeof s === 'string') : [];
    // A language marking (`lang`, §7.2.3) restricts no one.
    return { marking, selectors, satisfied: typeof ref !== 'string' || satisfied(ref) };
  });
}

// The reader may read the object (its label was checked), so it may know which object this is:
// `type` and `id` are never withheld, whatever a granular marking selects.
const IDENTITY_PROPERTIES: ReadonlySet<string> = new Set(['type', 'id']);

function proper(selectors: Iterable<string>): Set<string> {
  const prefixes = new Set<string>(['']);
  for (const s of selectors) {
    let path = '';
    for (const c of parseSelector(s).slice(0, -1)) {
      path = child(path, c);
      prefixes.add(path);
    }
  }
  return prefixes;
}

/**
 * The object without the content selected by granular markings the reader does not satisfy,
 * list entries removed from their lists, remaining selectors renumbered to match, and the
 * selectors withheld. The input is never changed; unchanged parts may be shared with it.
 */
export function redact(
  object: StixObject,
  reader: Reader,
  registry: MarkingRegistry,
  schemes: SchemeRegistry,
  objectLabel: AccessLabel,
): Redaction {
  const markings = granularMarkings(object, (ref) => satisfiesMarking(reader, registry.get(ref), schemes, objectLabel));
  const selected = markings.flatMap((m) => (m.satisfied ? [] : m.selectors.filter((s) => selectorResolves(object, s))));
  const removed = new Set(selected.filter((s) => !IDENTITY_PROPERTIES.has(s)));
  if (markings.every((m) => m.satisfied)) return { object, withheld: [] };
  const w: Walk = { removed, touched: proper(removed), gone: new Set(), indexMaps: new Map() };
  const out: JsonObject = {};
  for (const key of Object.keys(object)) {
    if (key === 'granular_markings') continue;
    const v = rebuild(object[key] ?? null, key, w);
    if (v !== GONE) out[key] = v;
  }
  const kept: JsonObject[] = [];
  const markingsGone = [...removed].some((s) => s === 'granular_markings' || s.startsWith('granular_markings.'));
  for (const m of markingsGone ? [] : markings) {
    if (!m.satisfied) continue; // an unsatisfied marking selects only what was removed
    const selectors = m.selectors.flatMap((s) => remap(s, w) ?? []);
    if (selectors.length > 0) kept.push({ ...m.marking, selectors });
  }
  if (kept.length > 0) out['granular_markings'] = kept;
  return { object: { ...out, type: object.type, id: object.id }, withheld: [...removed].sort() };
}
