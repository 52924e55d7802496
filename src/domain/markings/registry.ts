// What each marking-definition means to the access policy. TLP markings are recognised by their
// standard ids (STIX 2.1 §7.2.1.4; TLP 2.0 extension), Concord markings by the content of the
// Concord marking extension, statements by definition_type (§7.2.1.3); anything else is 'other'.

import { MarkingInvalidError } from '../../errors.ts';
import type { JsonValue } from '../stix/types.ts';
import { CONCORD_MARKING_EXTENSION_ID, checkExerciseId, normalizeReleasability } from './concord-markings.ts';
import { TLP1_MARKING_IDS, TLP2_MARKING_IDS, TLP_LEVELS, type Tlp, tlpOfMarkingId } from './tlp.ts';

/** The meaning of one marking-definition. */
export type MarkingInfo =
  | { readonly kind: 'tlp'; readonly tlp: Tlp }
  | { readonly kind: 'classification'; readonly scheme: string; readonly level: string }
  | { readonly kind: 'releasability'; readonly to: readonly string[] }
  | { readonly kind: 'exercise'; readonly exercise: string }
  | { readonly kind: 'statement' | 'other' };

type Json = { readonly [key: string]: JsonValue | undefined };

function isJsonObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function requireString(content: Json, name: string, id: string): string {
  const value = content[name];
  if (typeof value !== 'string' || value === '') {
    throw new MarkingInvalidError(`marking-definition ${id}: the Concord marking extension needs a non-empty string '${name}'`, { id });
  }
  return value;
}

function concordInfo(content: Json, id: string): MarkingInfo {
  const type = content['marking_type'];
  if (type === 'classification')
    return { kind: 'classification', scheme: requireString(content, 'scheme', id), level: requireString(content, 'level', id) };
  try {
    if (type === 'exercise') return { kind: 'exercise', exercise: checkExerciseId(requireString(content, 'exercise_id', id)) };
    if (type === 'releasability') {
      const to = content['releasable_to'];
      if (!Array.isArray(to) || !to.every((x) => typeof x === 'string')) {
        throw new MarkingInvalidError(`marking-definition ${id}: releasable_to must be a list of strings`, { id });
      }
      return { kind: 'releasability', to: Object.freeze(normalizeReleasability(to)) };
    }
  } catch (e) {
    if (e instanceof MarkingInvalidError) throw e;
    throw new MarkingInvalidError(`marking-definition ${id}: ${e instanceof Error ? e.message : String(e)}`, { id });
  }
  // Fail closed: a Concord marking this node cannot interpret must not be read as "no restriction".
  throw new MarkingInvalidError(`marking-definition ${id}: unknown Concord marking_type ${JSON.stringify(type)}`, { id });
}

/** The meaning of a marking-definition object; throws MarkingInvalidError for unusable Concord content. */
export function markingInfo(def: Json): MarkingInfo {
  const id = def['id'];
  if (def['type'] !== 'marking-definition' || typeof id !== 'string') {
    throw new MarkingInvalidError(`not a marking-definition: ${JSON.stringify(def['type'])} ${JSON.stringify(id)}`);
  }
  const tlp = tlpOfMarkingId(id);
  if (tlp !== undefined) return { kind: 'tlp', tlp };
  const extensions = def['extensions'];
  const content = isJsonObject(extensions) ? extensions[CONCORD_MARKING_EXTENSION_ID] : undefined;
  if (isJsonObject(content)) return concordInfo(content, id);
  return def['definition_type'] === 'statement' ? { kind: 'statement' } : { kind: 'other' };
}

function sameInfo(a: MarkingInfo, b: MarkingInfo): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Immutable map from marking-definition id to its meaning; the TLP 2.0 and 1.0 markings are preloaded. */
export class MarkingRegistry {
  readonly #entries: ReadonlyMap<string, MarkingInfo>;

  private constructor(entries: ReadonlyMap<string, MarkingInfo>) {
    this.#entries = entries;
  }

  /** The registry of the standard TLP markings only. */
  static builtIn(): MarkingRegistry {
    const entries = new Map<string, MarkingInfo>();
    for (const tlp of TLP_LEVELS) entries.set(TLP2_MARKING_IDS[tlp], { kind: 'tlp', tlp });
    for (const [id, tlp] of TLP1_MARKING_IDS) entries.set(id, { kind: 'tlp', tlp });
    return new MarkingRegistry(entries);
  }

  /** The meaning of a marking-definition id, or undefined when the definition is not known. */
  get(id: string): MarkingInfo | undefined {
    return this.#entries.get(id);
  }

  /** Number of known marking definitions. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * A registry that also knows `defs`. Marking definitions cannot be versioned (STIX 2.1 §7.2.1),
   * so an id keeps one meaning: a definition that contradicts a known one throws MarkingInvalidError.
   */
  with(defs: Iterable<Json>): MarkingRegistry {
    const entries = new Map(this.#entries);
    for (const def of defs) {
      const info = markingInfo(def);
      const id = String(def['id']);
      const known = entries.get(id);
      if (known !== undefined && !sameInfo(known, info)) {
        throw new MarkingInvalidError(`marking-definition ${id} is already known with a different meaning`, { id });
      }
      entries.set(id, info);
    }
    return new MarkingRegistry(entries);
  }
}
