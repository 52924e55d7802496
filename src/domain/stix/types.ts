// Core STIX 2.1 shapes shared by every layer. Objects stay plain JSON; brands keep
// identifiers of different kinds apart at compile time (CONVENTIONS.md, Domain).

/** A STIX identifier: `<type>--<UUID>` (STIX 2.1 §2.9). */
export type StixId = string & { readonly __brand: 'StixId' };

/** A STIX timestamp string as found in an object (RFC 3339, UTC, `Z`; STIX 2.1 §3.2). */
export type StixTimestamp = string & { readonly __brand: 'StixTimestamp' };

/** JSON values as parsed from input. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/** A STIX object of any type: a JSON object that has at least `type` and `id`. */
export interface StixObject extends JsonObject {
  type: string;
  id: string;
}

/** The three categories of STIX objects plus the meta objects (STIX 2.1 §2.3). */
export type StixCategory = 'sdo' | 'sco' | 'sro' | 'meta' | 'custom';

/** One problem found in an object, with enough to find and fix it. */
export interface StixIssue {
  /** JSON path inside the object, e.g. `$.kill_chain_phases[0].phase_name`. */
  path: string;
  /** Stable rule code, e.g. `required-property`, `timestamp-format`. */
  rule: string;
  /** Human-readable explanation. */
  message: string;
  /** Specification section the rule comes from, e.g. `STIX 2.1 §3.2`. */
  section: string;
  /** `error` rejects the object; `warning` is reported but accepted. */
  severity: 'error' | 'warning';
}

/** Outcome of validating one object. */
export interface ValidationResult {
  ok: boolean;
  issues: StixIssue[];
}
