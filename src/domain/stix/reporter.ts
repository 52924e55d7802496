// Collects validation issues with their JSON path. The path is kept as a stack of segments and
// only turned into text when an issue is reported, so that a valid object costs no string work.

import type { StixIssue, ValidationResult } from './types.ts';

/** Rule codes, stable so that an import summary can count them. */
export type RuleCode =
  | 'type-mismatch'
  | 'required-property'
  | 'required-one-of'
  | 'forbidden-property'
  | 'reserved-property'
  | 'property-conflict'
  | 'property-dependency'
  | 'identifier-format'
  | 'identifier-type-mismatch'
  | 'timestamp-format'
  | 'timestamp-precision'
  | 'modified-before-created'
  | 'timestamp-order'
  | 'spec-version'
  | 'enum'
  | 'closed-vocabulary'
  | 'open-vocabulary'
  | 'ref-target-type'
  | 'hash-algorithm'
  | 'hash-value'
  | 'hex-format'
  | 'binary-format'
  | 'value-format'
  | 'value-range'
  | 'empty-list'
  | 'empty-dictionary'
  | 'dictionary-key'
  | 'custom-property-name'
  | 'custom-property-prefix'
  | 'custom-object-type'
  | 'custom-object-prefix'
  | 'custom-object'
  | 'custom-extension-prefix'
  | 'extension'
  | 'granular-marking'
  | 'marking-selector'
  | 'circular-marking'
  | 'tlp-marking'
  | 'external-id-format'
  | 'pattern-syntax'
  | 'deprecated'
  | 'internal-error';

type Segment = string | number;

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Renders one path segment: `.name`, `[3]` or `['SHA-256']` for keys that are not identifiers. */
function segmentText(seg: Segment): string {
  if (typeof seg === 'number') return `[${seg}]`;
  return PLAIN_KEY.test(seg) ? `.${seg}` : `['${seg.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}']`;
}

/** Issue collector with a JSON path stack. One instance is reused for every validation call. */
export class Reporter {
  issues: StixIssue[] = [];
  private readonly stack: Segment[] = [];
  private errors = 0;

  /** Starts a new validation: fresh issue list, empty path. */
  begin(): void {
    this.issues = [];
    this.stack.length = 0;
    this.errors = 0;
  }

  /** Ends the validation and hands over the result. */
  finish(): ValidationResult {
    const issues = this.issues;
    const ok = this.errors === 0;
    this.issues = [];
    this.stack.length = 0;
    return { ok, issues };
  }

  /** Descends into a property or list index. */
  push(seg: Segment): void {
    this.stack.push(seg);
  }

  /** Leaves the segment entered last. */
  pop(): void {
    this.stack.pop();
  }

  /** The current path, optionally extended by `key`, e.g. `$.kill_chain_phases[0].phase_name`. */
  path(key?: Segment): string {
    let out = '$';
    for (const seg of this.stack) out += segmentText(seg);
    if (key !== undefined) out += segmentText(key);
    return out;
  }

  /** Records an error at the current path (or at `key` below it). */
  error(rule: RuleCode, section: string, message: string, key?: Segment): void {
    this.errors++;
    this.issues.push({ path: this.path(key), rule, message, section, severity: 'error' });
  }

  /** Records a warning at the current path (or at `key` below it). */
  warn(rule: RuleCode, section: string, message: string, key?: Segment): void {
    this.issues.push({ path: this.path(key), rule, message, section, severity: 'warning' });
  }
}

/** Quotes a value for a message, shortened so that huge inputs do not make huge issues. */
export function q(s: string): string {
  return `'${s.length > 80 ? `${s.slice(0, 77)}...` : s}'`;
}

/** A value describing what was found, for messages: `a number`, `null`, `a list`. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  switch (typeof v) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof v;
  }
}

/** A JSON object as parsed from input. */
export type JsonRecord = Record<string, unknown>;

/** True for a JSON object (not null, not a list). */
export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
