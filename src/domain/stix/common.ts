// Common properties (STIX 2.1 §3.2) and the shared nested types: external-reference (§2.5),
// kill-chain-phase (§2.11) and granular-marking (§7.2.3).

import { checkOneOf } from './check-value.ts';
import { type JsonRecord, type Reporter, q } from './reporter.ts';
import { compareTimestamps, timestampFractionDigits } from './timestamp.ts';
import {
  BOOLEAN,
  HASHES,
  LIST_OF_STRING,
  STRING,
  formatted,
  intRange,
  listOf,
  props,
  refTo,
  struct,
  type Category,
  type Spec,
  type StructDef,
} from './schema.ts';

/** Section cited for common-property rules. */
export const S3_2 = 'STIX 2.1 §3.2';

// RFC 5646 language tag: langtag, private use, or one of the irregular grandfathered tags (the
// regular grandfathered tags such as zh-min-nan already match langtag).
const LANG_RE =
  /^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z\d]{2,8})+)*(?:-[Xx](?:-[A-Za-z\d]{1,8})+)?|[Xx](?:-[A-Za-z\d]{1,8})+|en-GB-oed|i-(?:ami|bnn|default|enochian|hak|klingon|lux|mingo|navajo|pwn|tao|tay|tsu)|sgn-(?:BE-FR|BE-NL|CH-DE))$/;

/** True when `s` is an RFC 5646 language tag. */
export function isLanguageTag(s: string): boolean {
  return LANG_RE.test(s);
}

/** A string holding an RFC 5646 language code (`lang`, §3.2; `languages`, §6.14). */
export const LANGUAGE: Spec = formatted('an RFC 5646 language code', isLanguageTag);

// §2.11: "SHOULD be all lowercase and SHOULD use hyphens instead of spaces or underscores".
const KILL_CHAIN_STYLE = /^[a-z0-9-]+$/;

/** Kill chain phase (STIX 2.1 §2.11). */
export const KILL_CHAIN_PHASE: StructDef = {
  name: 'kill-chain-phase',
  section: 'STIX 2.1 §2.11',
  props: props({ kill_chain_name: STRING, phase_name: STRING }),
  required: ['kill_chain_name', 'phase_name'],
  check: (o: JsonRecord, r: Reporter): void => {
    for (const key of ['kill_chain_name', 'phase_name']) {
      const v = o[key];
      if (typeof v === 'string' && !KILL_CHAIN_STYLE.test(v)) {
        r.warn('value-format', 'STIX 2.1 §2.11', `${q(v)} should be lowercase with hyphens as word separators`, key);
      }
    }
  },
};

/** External reference (STIX 2.1 §2.5): source_name plus one of description, url, external_id. */
export const EXTERNAL_REFERENCE: StructDef = {
  name: 'external-reference',
  section: 'STIX 2.1 §2.5',
  props: props({ source_name: STRING, description: STRING, url: STRING, hashes: HASHES, external_id: STRING }),
  required: ['source_name'],
  oneOf: ['description', 'url', 'external_id'],
};

const S7_2_3 = 'STIX 2.1 §7.2.3';

/** Granular marking (STIX 2.1 §7.2.3); selectors are resolved against the object separately. */
export const GRANULAR_MARKING: StructDef = {
  name: 'granular-marking',
  section: S7_2_3,
  props: props({
    lang: LANGUAGE,
    marking_ref: refTo('a marking-definition', ['marking-definition']),
    selectors: LIST_OF_STRING,
  }),
  required: ['selectors'],
  check: (o: JsonRecord, r: Reporter): void => {
    // "one and only one of these properties MUST be present on each instance"
    if (o['lang'] !== undefined && o['marking_ref'] !== undefined) {
      r.error('granular-marking', S7_2_3, 'a granular marking has either lang or marking_ref, not both');
    } else {
      checkOneOf(o, ['lang', 'marking_ref'], r, S7_2_3);
    }
  },
};

/**
 * Common properties with a plain type (STIX 2.1 §3.2). `type`, `id`, `spec_version`, `created`,
 * `modified` and `extensions` are checked by the object validator itself.
 */
export const COMMON_PROPERTIES: ReadonlyMap<string, Spec> = props({
  created_by_ref: refTo('an identity', ['identity']),
  revoked: BOOLEAN,
  labels: LIST_OF_STRING,
  confidence: intRange(0, 100),
  lang: LANGUAGE,
  external_references: listOf(struct(EXTERNAL_REFERENCE)),
  object_marking_refs: listOf(refTo('a marking-definition', ['marking-definition'])),
  granular_markings: listOf(struct(GRANULAR_MARKING)),
  defanged: BOOLEAN,
});

/** Names of every common property (§3.2). */
export const COMMON_NAMES: ReadonlySet<string> = new Set([
  'type',
  'spec_version',
  'id',
  'created',
  'modified',
  'extensions',
  ...COMMON_PROPERTIES.keys(),
]);

/** Which common properties a category requires and which it must not carry. */
export interface CategoryRules {
  readonly required: readonly string[];
  readonly forbidden: ReadonlySet<string>;
}

const VERSIONED_REQUIRED = ['type', 'spec_version', 'id', 'created', 'modified'];

// The §3.2 common-property table ("N/A" entries are forbidden), confirmed by each type's
// "Not Applicable Common Properties" row (§4, §5, §6, §7.1, §7.2.1, §7.3.1).
export const CATEGORY_RULES: Readonly<Record<Category, CategoryRules>> = {
  sdo: { required: VERSIONED_REQUIRED, forbidden: new Set(['defanged']) },
  sro: { required: VERSIONED_REQUIRED, forbidden: new Set(['defanged']) },
  sco: {
    required: ['type', 'id'],
    forbidden: new Set(['created_by_ref', 'created', 'modified', 'revoked', 'labels', 'confidence', 'lang', 'external_references']),
  },
  'language-content': { required: VERSIONED_REQUIRED, forbidden: new Set(['lang', 'defanged']) },
  'marking-definition': {
    required: ['type', 'spec_version', 'id', 'created'],
    forbidden: new Set(['modified', 'revoked', 'labels', 'confidence', 'lang', 'defanged']),
  },
  'extension-definition': {
    required: [...VERSIONED_REQUIRED, 'created_by_ref'],
    forbidden: new Set(['confidence', 'lang', 'defanged', 'extensions']),
  },
};

/**
 * Reports `second` when it is earlier than `first` (or not strictly later, when `strict`), e.g.
 * last_seen ≥ first_seen (§4.2) or valid_until > valid_from (§4.7). Invalid timestamps are
 * reported elsewhere and skipped here.
 */
export function checkTimeOrder(o: JsonRecord, first: string, second: string, strict: boolean, section: string, r: Reporter): void {
  const a = o[first];
  const b = o[second];
  if (typeof a !== 'string' || typeof b !== 'string') return;
  if (timestampFractionDigits(a) < 0 || timestampFractionDigits(b) < 0) return;
  const c = compareTimestamps(b, a);
  if (c < 0 || (strict && c === 0)) {
    r.error('timestamp-order', section, `${second} must be ${strict ? 'later than' : 'later than or equal to'} ${first}`, second);
  }
}

/** Reports `b` when both `a` and `b` are present ("MUST NOT be present if … is provided"). */
export function checkExclusive(o: JsonRecord, a: string, b: string, section: string, r: Reporter): void {
  if (o[a] !== undefined && o[b] !== undefined) {
    r.error('property-conflict', section, `${b} must not be present together with ${a}`, b);
  }
}

/** Reports `prop` when it is present without `needs` (e.g. decryption_key needs encryption_algorithm). */
export function checkDependency(o: JsonRecord, prop: string, needs: string, section: string, r: Reporter): void {
  if (o[prop] !== undefined && o[needs] === undefined) {
    r.error('property-dependency', section, `${prop} must not be present without ${needs}`, prop);
  }
}
