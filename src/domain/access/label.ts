// Derives the access label of a STIX object from its object-level markings (STIX 2.1 §7.2.2) and
// Concord's object extension (DESIGN.md, Markings, distribution and access). Granular markings
// (§7.2.3) do not change the label; redact.ts applies them.

import { InvalidInputError, MarkingInvalidError } from '../../errors.ts';
import { type SchemeRegistry, levelRank } from '../markings/classification.ts';
import { CONCORD_OBJECT_EXTENSION_ID, CONCORD_PUBLISHED_IDS } from '../markings/concord-markings.ts';
import type { MarkingInfo, MarkingRegistry } from '../markings/registry.ts';
import { type Tlp, mostRestrictiveTlp } from '../markings/tlp.ts';
import type { JsonObject, JsonValue, StixObject } from '../stix/types.ts';
import { checkLabel, distributionAllowed } from './policy.ts';
import { type AccessLabel, type Distribution, formatDistribution, parseDistribution } from './types.ts';

/** What labelFor needs besides the object. */
export interface LabelContext {
  /** The organisation that owns the object on this federation. */
  readonly ownerOrg: string;
  /** Used when the object has no TLP marking or no Concord distribution. */
  readonly defaults: { readonly tlp: Tlp; readonly distribution: Distribution };
  readonly registry: MarkingRegistry;
  readonly schemes: SchemeRegistry;
}

function fail(object: StixObject, message: string): never {
  throw new MarkingInvalidError(`${object.id}: ${message}`, { objectId: object.id });
}

/** The meanings of the object's object_marking_refs; unknown definitions fail closed. */
function markingInfos(object: StixObject, registry: MarkingRegistry): MarkingInfo[] {
  const refs = object['object_marking_refs'];
  if (!Array.isArray(refs)) return [];
  const infos: MarkingInfo[] = [];
  const unknown: string[] = [];
  for (const ref of refs) {
    const info = typeof ref === 'string' ? registry.get(ref) : undefined;
    if (info === undefined) unknown.push(String(ref));
    else infos.push(info);
  }
  // A definition not yet received could be a classification: guessing "no restriction" would leak.
  if (unknown.length > 0) fail(object, `marking definitions not known here: ${unknown.join(', ')}`);
  return infos;
}

/** One classification: several in one scheme → the highest; two schemes cannot be labelled. */
function classificationOf(object: StixObject, infos: MarkingInfo[], schemes: SchemeRegistry): AccessLabel['classification'] {
  let result: { scheme: string; level: string } | undefined;
  for (const info of infos) {
    if (info.kind !== 'classification' || (result?.scheme === info.scheme && result.level === info.level)) continue;
    if (result === undefined) {
      result = { scheme: info.scheme, level: info.level };
      continue;
    }
    if (result.scheme !== info.scheme) fail(object, `classified in two schemes (${result.scheme}, ${info.scheme})`);
    const scheme = schemes.get(info.scheme);
    const a = scheme === undefined ? -1 : levelRank(scheme, result.level);
    const b = scheme === undefined ? -1 : levelRank(scheme, info.level);
    if (a < 0 || b < 0) fail(object, `cannot order classification levels '${result.level}' and '${info.level}' of scheme '${info.scheme}'`);
    if (b > a) result = { scheme: info.scheme, level: info.level };
  }
  return result;
}

/** Several REL TO markings all apply, so the object is releasable to their intersection. */
function releasabilityOf(infos: MarkingInfo[]): string[] | undefined {
  let result: string[] | undefined;
  for (const info of infos) {
    if (info.kind !== 'releasability') continue;
    result = result === undefined ? [...info.to] : result.filter((x) => info.to.includes(x));
  }
  return result?.sort();
}

function exerciseOf(object: StixObject, infos: MarkingInfo[]): string | undefined {
  const exercises = new Set(infos.flatMap((i) => (i.kind === 'exercise' ? [i.exercise] : [])));
  if (exercises.size > 1) fail(object, `marked for several exercises (${[...exercises].join(', ')})`);
  return exercises.values().next().value;
}

function isJsonObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The distribution in Concord's object extension, if any. */
export function concordDistribution(object: StixObject): Distribution | undefined {
  const extensions = object['extensions'];
  const ext = isJsonObject(extensions) ? extensions[CONCORD_OBJECT_EXTENSION_ID] : undefined;
  if (!isJsonObject(ext) || ext['distribution'] === undefined) return undefined;
  const text = ext['distribution'];
  if (typeof text !== 'string') fail(object, 'the Concord distribution must be a string');
  try {
    return parseDistribution(text);
  } catch (e) {
    if (e instanceof InvalidInputError) fail(object, e.message);
    throw e;
  }
}

/**
 * The access label of `object`: TLP from its TLP markings (the most restrictive; none → default),
 * classification, releasability and exercise from Concord markings, distribution from Concord's
 * object extension. An explicit distribution the TLP forbids throws DistributionInconsistentError;
 * a default one is narrowed to `organization` instead, so that a feed's RED objects stay in house.
 * Marking definitions and Concord's published objects are readable by everyone (federation, CLEAR).
 */
export function labelFor(object: StixObject, ctx: LabelContext): AccessLabel {
  if (object.type === 'marking-definition' || CONCORD_PUBLISHED_IDS.has(object.id)) {
    return { ownerOrg: ctx.ownerOrg, tlp: 'clear', distribution: { kind: 'federation' } };
  }
  const infos = markingInfos(object, ctx.registry);
  const tlp = mostRestrictiveTlp(infos.flatMap((i) => (i.kind === 'tlp' ? [i.tlp] : []))) ?? ctx.defaults.tlp;
  let distribution = concordDistribution(object);
  if (distribution === undefined) {
    distribution = distributionAllowed(tlp, ctx.defaults.distribution) ? ctx.defaults.distribution : { kind: 'organization' };
  }
  const label: { -readonly [K in keyof AccessLabel]: AccessLabel[K] } = { ownerOrg: ctx.ownerOrg, tlp, distribution };
  const classification = classificationOf(object, infos, ctx.schemes);
  if (classification !== undefined) label.classification = classification;
  const releasableTo = releasabilityOf(infos);
  if (releasableTo !== undefined) label.releasableTo = releasableTo;
  const exercise = exerciseOf(object, infos);
  if (exercise !== undefined) label.exercise = exercise;
  return checkLabel(label);
}

/** A copy of `object` whose Concord object extension carries `distribution` (other content kept). */
export function applyConcordDistribution<T extends StixObject>(object: T, distribution: Distribution): T {
  const extensions = isJsonObject(object['extensions']) ? object['extensions'] : {};
  const current = extensions[CONCORD_OBJECT_EXTENSION_ID];
  const ext: JsonObject = {
    ...(isJsonObject(current) ? current : {}),
    extension_type: 'property-extension',
    distribution: formatDistribution(distribution),
  };
  return { ...object, extensions: { ...extensions, [CONCORD_OBJECT_EXTENSION_ID]: ext } };
}
