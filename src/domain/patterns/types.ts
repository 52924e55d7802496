// Contract between the STIX patterning parser and its callers (validation, observable
// extraction). The grammar is STIXPattern.g4 (STIX 2.1 §9).

/** A pattern syntax error: what is wrong and the 1-based column where it was found. */
export interface PatternSyntaxError {
  message: string;
  column: number;
}

/** An object path such as `file:hashes.'SHA-256'` split into its type and property steps. */
export interface ObjectPath {
  objectType: string;
  /**
   * Property steps; a number is a list index, `'*'` is any index (`[*]`). A key step can never
   * be `'*'`: dictionary keys are limited to letters, digits, `-` and `_` (STIX 2.1 §2.3).
   */
  steps: (string | number)[];
}

/** Literal values of the patterning language (STIX 2.1 §9.4). */
export type PatternLiteral =
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'timestamp'; value: string }
  | { kind: 'binary'; value: string }
  | { kind: 'hex'; value: string }
  | { kind: 'set'; values: PatternLiteral[] };

/** One comparison expression (STIX 2.1 §9.5). */
export interface Comparison {
  kind: 'comparison';
  path: ObjectPath;
  operator: '=' | '!=' | '>' | '<' | '>=' | '<=' | 'IN' | 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET';
  negated: boolean;
  value: PatternLiteral;
}

/** `EXISTS path` or `NOT EXISTS path` (STIX 2.1 §9.6.1, set operators table). */
export interface Exists {
  kind: 'exists';
  path: ObjectPath;
  negated: boolean;
}

/** Boolean combination of comparisons inside one observation expression. */
export type ComparisonExpression = Comparison | Exists | { kind: 'and' | 'or'; left: ComparisonExpression; right: ComparisonExpression };

/** Observation expressions and their operators and qualifiers (STIX 2.1 §9.6, §9.7). */
export type ObservationExpression =
  | { kind: 'observation'; expression: ComparisonExpression }
  | { kind: 'and' | 'or' | 'followedby'; left: ObservationExpression; right: ObservationExpression }
  | { kind: 'qualified'; expression: ObservationExpression; qualifier: Qualifier };

/** `WITHIN n SECONDS`, `REPEATS n TIMES`, `START t STOP t`. */
export type Qualifier =
  | { kind: 'within'; seconds: number }
  | { kind: 'repeats'; times: number }
  | { kind: 'startstop'; start: string; stop: string };

/**
 * Result of parsing: the syntax tree, with the 1-based column of each scalar constant in it (set
 * elements included; not the sets themselves) kept beside the tree so that trees still compare
 * equal whatever their layout; or the first error with its column.
 */
export type ParseResult =
  | { ok: true; ast: ObservationExpression; columns: ReadonlyMap<PatternLiteral, number> }
  | { ok: false; error: PatternSyntaxError };
