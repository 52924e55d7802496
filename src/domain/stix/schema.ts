// The small vocabulary in which the property tables of STIX 2.1 §2–§8 are written down
// (defs-*.ts) and interpreted (check-value.ts). Everything here is built once at module load.

import type { JsonRecord, Reporter } from './reporter.ts';
import type { Vocab } from './vocab.ts';

/** Allowed targets of an embedded relationship (`_ref`/`_refs`, STIX 2.1 §3.3). */
export interface RefTargets {
  /** Allowed spec-defined types; null allows any STIX Object (never a bundle). */
  readonly types: ReadonlySet<string> | null;
  /** Whether types the specification does not define (custom objects) are also allowed. */
  readonly custom: boolean;
  /** How the targets read in a message, e.g. `identity`, `an SDO or SCO`. */
  readonly label: string;
}

/** The type of one property value (STIX 2.1 §2 data types). */
export type Spec =
  | { readonly k: 'string'; readonly format?: StringFormat }
  | { readonly k: 'boolean' }
  | { readonly k: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly k: 'float'; readonly min?: number; readonly max?: number }
  | { readonly k: 'timestamp' }
  | { readonly k: 'ref'; readonly targets: RefTargets }
  | { readonly k: 'hex' }
  | { readonly k: 'binary' }
  | { readonly k: 'hashes' }
  | { readonly k: 'dict'; readonly values: Spec | null }
  | { readonly k: 'list'; readonly of: Spec }
  | { readonly k: 'vocab'; readonly vocab: Vocab }
  | { readonly k: 'struct'; readonly def: StructDef }
  | { readonly k: 'any' };

/** A format a string must have, checked by a regular expression or a predicate. */
export interface StringFormat {
  readonly test: (s: string) => boolean;
  readonly what: string;
}

/** A nested type with its own property table (kill-chain-phase, an SCO extension, …). */
export interface StructDef {
  readonly name: string;
  readonly section: string;
  readonly props: ReadonlyMap<string, Spec>;
  readonly required: readonly string[];
  /** At least one of these properties must be present (e.g. "at least one property", §6.7.3). */
  readonly oneOf?: readonly string[];
  /** Cross-property rules, run after each property was checked. */
  readonly check?: (o: JsonRecord, r: Reporter) => void;
}

/** Object categories (STIX 2.1 §1.2, §3.2 common property table). */
export type Category = 'sdo' | 'sco' | 'sro' | 'language-content' | 'marking-definition' | 'extension-definition';

/** A top-level object type: its category and property table. */
export interface ObjectDef extends StructDef {
  readonly category: Category;
  /** Predefined extensions (STIX 2.1 §3.10), keyed by their `-ext` name. */
  readonly extensions?: ReadonlyMap<string, StructDef>;
}

// The plain §2 data types, shared by every table.
export const STRING: Spec = { k: 'string' };
export const BOOLEAN: Spec = { k: 'boolean' };
export const INTEGER: Spec = { k: 'integer' };
export const NON_NEGATIVE: Spec = { k: 'integer', min: 0 };
export const FLOAT: Spec = { k: 'float' };
export const TIMESTAMP: Spec = { k: 'timestamp' };
export const HEX: Spec = { k: 'hex' };
export const BINARY: Spec = { k: 'binary' };
export const HASHES: Spec = { k: 'hashes' };
export const ANY: Spec = { k: 'any' };
export const LIST_OF_STRING: Spec = { k: 'list', of: STRING };

/** A string in a given format. */
export function formatted(what: string, test: (s: string) => boolean): Spec {
  return { k: 'string', format: { what, test } };
}

/** An integer in [min, max]. */
export function intRange(min: number, max: number): Spec {
  return { k: 'integer', min, max };
}

/** A list of values of one type. */
export function listOf(of: Spec): Spec {
  return { k: 'list', of };
}

/** A dictionary whose values have one type (null: whatever a property may hold). */
export function dictOf(values: Spec | null): Spec {
  return { k: 'dict', values };
}

/** An open vocabulary or enumeration value. */
export function vocab(v: Vocab): Spec {
  return { k: 'vocab', vocab: v };
}

/** A nested object type. */
export function struct(def: StructDef): Spec {
  return { k: 'struct', def };
}

/** An identifier restricted to spec-defined `types` (and custom ones when `custom`). */
export function refTo(label: string, types: Iterable<string> | null, custom = false): Spec {
  return { k: 'ref', targets: { label, types: types === null ? null : new Set(types), custom } };
}

/** Builds a property map from a plain table. */
export function props(table: Readonly<Record<string, Spec>>): ReadonlyMap<string, Spec> {
  return new Map(Object.entries(table));
}
