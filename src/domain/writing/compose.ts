// Composing what the write API stores (issue 15, must 4): a new object with what STIX asks of a
// producer filled in (id, spec_version, created, modified, created_by_ref: STIX 2.1 §3.2), a new
// version overlaid on the latest one, a revocation (§3.6), and the writer's markings applied.
// Pure: the clock and the id source are passed in, so the rules are tested without I/O.
import { ConflictError, InvalidInputError } from '../../errors.ts';
import { applyConcordDistribution } from '../access/label.ts';
import { type Distribution, parseDistribution } from '../access/types.ts';
import { TLP1_MARKING_IDS, TLP2_MARKING_IDS, isTlp, tlpOfMarkingId } from '../markings/tlp.ts';
import { SCO_TYPES } from '../stix/categories.ts';
import { deterministicScoId } from '../stix/ids.ts';
import { compareTimestamps, isStixTimestamp } from '../stix/timestamp.ts';
import type { JsonObject, JsonValue, StixObject } from '../stix/types.ts';
import type { MarkingInput } from './types.ts';

/** What composition needs from outside: the time, a UUID source and who writes. */
export interface ComposeContext {
  /** Now, a STIX timestamp with millisecond precision. */
  now: string;
  uuid: () => string;
  /** The writer's organisation identity (`identity--…`): the objects' created_by_ref. */
  creator: string;
}

/** Properties a new version may not change (STIX 2.1 §3.6: a new version keeps its id, type,
 *  creator and creation time; Concord writes 2.1 only). */
export const IMMUTABLE: readonly string[] = ['id', 'type', 'spec_version', 'created', 'created_by_ref'];

const TYPE_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether `v` is a plain JSON object. */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A copy of `object` with the writer's markings: a TLP replaces every TLP marking (1.0 or 2.0) in
 * object_marking_refs by the TLP 2.0 definition, other markings kept; a distribution goes to
 * Concord's object extension, which the labeller reads. Absent fields leave the object as it is.
 */
export function withMarkings<T extends StixObject>(object: T, input: MarkingInput): T {
  let out: T = object;
  if (input.tlp !== undefined) {
    if (!isTlp(input.tlp)) throw new InvalidInputError(`tlp must be one of ${Object.keys(TLP2_MARKING_IDS).join(', ')}`, { field: 'tlp' });
    const refs = Array.isArray(object['object_marking_refs']) ? object['object_marking_refs'] : [];
    const kept = refs.filter((r) => typeof r !== 'string' || (tlpOfMarkingId(r) === undefined && !TLP1_MARKING_IDS.has(r)));
    out = { ...out, object_marking_refs: [TLP2_MARKING_IDS[input.tlp], ...kept] };
  }
  if (input.distribution !== undefined) {
    let parsed: Distribution;
    try {
      parsed = parseDistribution(input.distribution);
    } catch (e) {
      if (e instanceof InvalidInputError) throw new InvalidInputError(e.message, { field: 'distribution' });
      throw e;
    }
    out = applyConcordDistribution(out, parsed);
  }
  return out;
}

/**
 * A new object from what the writer gave: id minted as `<type>--<uuid>` when absent, spec_version
 * 2.1, created and modified now, created_by_ref the writer's organisation (STIX 2.1 §3.2), then
 * the markings. A created_by_ref naming someone else is refused: objects here are owned by the
 * organisation that writes them.
 */
export function composeNew(given: { type: string } & Record<string, unknown>, markings: MarkingInput, ctx: ComposeContext): StixObject {
  const type = given.type;
  if (typeof type !== 'string' || !TYPE_RE.test(type) || type.length < 3 || type.length > 250)
    throw new InvalidInputError('object.type must be a STIX type name (lower-case letters, digits and hyphens)', { field: 'object.type' });
  if (given['id'] !== undefined && (typeof given['id'] !== 'string' || !given['id'].startsWith(`${type}--`)))
    throw new InvalidInputError(`object.id must be an identifier of the form ${type}--<UUID>`, { field: 'object.id' });
  if (given['spec_version'] !== undefined && given['spec_version'] !== '2.1')
    throw new InvalidInputError('object.spec_version must be "2.1": Concord writes STIX 2.1', { field: 'object.spec_version' });
  if (given['created_by_ref'] !== undefined && given['created_by_ref'] !== ctx.creator)
    throw new InvalidInputError(`object.created_by_ref must be the writing organisation (${ctx.creator}) or absent`, {
      field: 'object.created_by_ref',
    });
  const { type: _t, id: _i, spec_version: _s, created: _c, modified: _m, created_by_ref: _b, ...rest } = given;
  if (SCO_TYPES.has(type)) {
    // STIX 2.1 §6: observables have no created, modified or created_by_ref, and their id is
    // derived from their ID contributing properties (§2.9), so one address is one object.
    const sco = { type, spec_version: '2.1', ...(rest as JsonObject) };
    const id = typeof given['id'] === 'string' ? given['id'] : (deterministicScoId(sco) ?? `${type}--${ctx.uuid()}`);
    return withMarkings({ ...sco, id }, markings);
  }
  const id = typeof given['id'] === 'string' ? given['id'] : `${type}--${ctx.uuid()}`;
  const object: StixObject = {
    type,
    spec_version: '2.1',
    id,
    created: ctx.now,
    modified: ctx.now,
    created_by_ref: ctx.creator,
    ...(rest as JsonObject),
  };
  return withMarkings(object, markings);
}

/** Observables have no versions (STIX 2.1 §6: no `modified`), so none can be published. */
function noVersions(o: StixObject): void {
  if (o['modified'] === undefined)
    throw new InvalidInputError(`${o.type} objects have no versions (STIX 2.1 §6); create a new one instead`, { field: 'modified' });
}

/** A `modified` strictly after `previous` (STIX 2.1 §3.6): now, or `previous` plus a millisecond
 *  when the clock has not moved past it (two writes in one millisecond, a clock behind a peer's). */
export function nextModified(previous: string, now: string): string {
  if (!isStixTimestamp(previous) || compareTimestamps(now, previous) > 0) return now;
  return new Date(Math.floor(Date.parse(previous)) + 1).toISOString();
}

/**
 * The next version of `latest` with `changes` overlaid (`null` removes a property). Changing an
 * IMMUTABLE property is refused naming it; `modified` is always the server's (nextModified).
 */
export function composeRevision(latest: StixObject, changes: Record<string, unknown>, markings: MarkingInput, now: string): StixObject {
  noVersions(latest);
  const out: Record<string, JsonValue> = { ...latest };
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'modified') continue;
    if (IMMUTABLE.includes(key)) {
      if (value === latest[key]) continue;
      throw new InvalidInputError(`${key} cannot change in a new version (STIX 2.1 §3.6); create a new object instead`, {
        field: `changes.${key}`,
      });
    }
    if (value === null) delete out[key];
    else out[key] = value as JsonValue;
  }
  out['modified'] = nextModified(String(latest['modified'] ?? ''), now);
  return withMarkings(out as StixObject, markings);
}

/** The revoked version of `latest` (STIX 2.1 §3.6: revocation is final, so a revoked object is
 *  not revoked again). */
export function composeRevocation(latest: StixObject, now: string): StixObject {
  noVersions(latest);
  if (latest['revoked'] === true) throw new ConflictError(`${latest.id} is already revoked`, { field: 'revoked' });
  return { ...latest, revoked: true, modified: nextModified(String(latest['modified'] ?? ''), now) };
}

/** The version of `latest` whose labels gain `add` and lose `remove` (Explorer bulk labels, must 5). */
export function composeLabels(latest: StixObject, add: readonly string[], remove: readonly string[], now: string): StixObject {
  noVersions(latest);
  const held = Array.isArray(latest['labels']) ? latest['labels'].filter((l): l is string => typeof l === 'string') : [];
  const labels = [...new Set([...held.filter((l) => !remove.includes(l)), ...add])];
  const { labels: _old, ...rest } = latest;
  // STIX 2.1 §3.2: labels, when present, is a non-empty list.
  return { ...rest, ...(labels.length > 0 ? { labels } : {}), modified: nextModified(String(latest['modified'] ?? ''), now) } as StixObject;
}
