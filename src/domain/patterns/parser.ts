// Recursive-descent parser for STIX patterns (STIX 2.1 §9), following STIXPattern.g4:
//   pattern      := obsFollowed EOF
//   obsFollowed  := obsOr ('FOLLOWEDBY' obsOr)*          lowest precedence (§9.5.3)
//   obsOr        := obsAnd ('OR' obsAnd)*
//   obsAnd       := obsQualified ('AND' obsQualified)*
//   obsQualified := obsPrimary qualifier*                 qualifiers are not greedy (§9.5.2)
//   obsPrimary   := '[' cmpOr ']' | '(' obsFollowed ')'
//   cmpOr        := cmpAnd ('OR' cmpAnd)*                 AND binds tighter than OR (§9.5)
//   cmpAnd       := propTest ('AND' propTest)*
//   propTest     := '(' cmpOr ')' | 'NOT'? 'EXISTS' path | path 'NOT'? operator literal
// All binary operators are left-associative. Besides the grammar, the parser applies the checks
// the specification places on names and qualifiers; literal constants are checked by the lexer.
import { TokenCursor } from './cursor.ts';
import { PatternFailure, Tok } from './lexer.ts';
import { badName, isTypeName, KEY_RULE, type NameRule, PROPERTY_RULE, TYPE_RULE } from './names.ts';
import type {
  Comparison,
  ComparisonExpression,
  ObjectPath,
  ObservationExpression,
  ParseResult,
  PatternLiteral,
  Qualifier,
} from './types.ts';

/** Parses a STIX pattern; on failure reports the first error with its 1-based column. */
export function parsePattern(text: string): ParseResult {
  try {
    const parser = new Parser(text);
    return { ok: true, ast: parser.pattern(), columns: parser.columns };
  } catch (e) {
    if (e instanceof PatternFailure) return { ok: false, error: { message: e.message, column: e.column } };
    throw e;
  }
}

// Deeply nested parentheses would otherwise exhaust the call stack on hostile input.
const MAX_DEPTH = 256;

class Parser extends TokenCursor {
  private depth = 0;
  /** Where each scalar constant starts, for checks made on the tree afterwards (hash constants, §10.7). */
  readonly columns = new Map<PatternLiteral, number>();

  pattern(): ObservationExpression {
    const ast = this.obsFollowed();
    if (!this.at(Tok.EOF)) this.fail('AND, OR, FOLLOWEDBY, a qualifier or end of pattern');
    return ast;
  }

  // ---- observation expressions (§9.5) ----

  private obsFollowed(): ObservationExpression {
    let left = this.obsOr();
    while (this.atKeyword('FOLLOWEDBY')) {
      this.lx.next();
      left = { kind: 'followedby', left, right: this.obsOr() };
    }
    return left;
  }

  private obsOr(): ObservationExpression {
    let left = this.obsAnd();
    while (this.atKeyword('OR')) {
      this.lx.next();
      left = { kind: 'or', left, right: this.obsAnd() };
    }
    return left;
  }

  private obsAnd(): ObservationExpression {
    let left = this.obsQualified();
    while (this.atKeyword('AND')) {
      this.lx.next();
      left = { kind: 'and', left, right: this.obsQualified() };
    }
    return left;
  }

  private obsQualified(): ObservationExpression {
    let expression = this.obsPrimary();
    for (;;) {
      const column = this.lx.start + 1;
      const qualifier = this.qualifier();
      if (!qualifier) return expression;
      // "An Observation Expression MUST NOT have more than one Qualifier of a particular type" (§9.5.1).
      for (let e = expression; e.kind === 'qualified'; e = e.expression) {
        if (e.qualifier.kind === qualifier.kind) {
          const name = qualifier.kind === 'startstop' ? 'START/STOP' : qualifier.kind.toUpperCase();
          throw new PatternFailure(
            `second ${name} qualifier at column ${column}: an observation expression must not have more than one qualifier of a type (STIX 2.1 §9.5.1)`,
            column,
          );
        }
      }
      expression = { kind: 'qualified', expression, qualifier };
    }
  }

  private obsPrimary(): ObservationExpression {
    const lx = this.lx;
    if (this.at(Tok.LBRACK)) {
      lx.next();
      const expression = this.cmpOr();
      this.expect(Tok.RBRACK, "']'");
      return { kind: 'observation', expression };
    }
    if (this.at(Tok.LPAREN)) {
      this.enter();
      lx.next();
      const inner = this.obsFollowed();
      this.expect(Tok.RPAREN, "')'");
      this.depth--;
      return inner;
    }
    return this.fail("'[' or '('");
  }

  /** WITHIN n SECONDS | REPEATS n TIMES | START t'…' STOP t'…' (§9.5.1); undefined when none follows. */
  private qualifier(): Qualifier | undefined {
    const lx = this.lx;
    if (!this.at(Tok.KEYWORD)) return undefined;
    if (lx.text === 'WITHIN') {
      lx.next();
      if ((!this.at(Tok.INT) && !this.at(Tok.FLOAT)) || lx.num <= 0) {
        this.fail('a positive number of seconds', 'STIX 2.1 §9.5.1');
      }
      const seconds = lx.num;
      lx.next();
      this.expectKeyword('SECONDS');
      return { kind: 'within', seconds };
    }
    if (lx.text === 'REPEATS') {
      lx.next();
      if (!this.at(Tok.INT) || lx.num <= 0) this.fail('a positive integer number of times', 'STIX 2.1 §9.5.1');
      const times = lx.num;
      lx.next();
      this.expectKeyword('TIMES');
      return { kind: 'repeats', times };
    }
    if (lx.text === 'START') {
      lx.next();
      const start = this.timestamp();
      this.expectKeyword('STOP');
      return { kind: 'startstop', start, stop: this.timestamp() };
    }
    return undefined;
  }

  private timestamp(): string {
    if (!this.at(Tok.TIMESTAMP)) this.fail("a timestamp t'YYYY-MM-DDTHH:MM:SSZ'");
    const value = this.lx.text;
    this.lx.next();
    return value;
  }

  // ---- comparison expressions (§9.6) ----

  private cmpOr(): ComparisonExpression {
    let left = this.cmpAnd();
    while (this.atKeyword('OR')) {
      this.lx.next();
      left = { kind: 'or', left, right: this.cmpAnd() };
    }
    return left;
  }

  private cmpAnd(): ComparisonExpression {
    let left = this.propTest();
    while (this.atKeyword('AND')) {
      this.lx.next();
      left = { kind: 'and', left, right: this.propTest() };
    }
    return left;
  }

  private propTest(): ComparisonExpression {
    const lx = this.lx;
    if (this.at(Tok.LPAREN)) {
      this.enter();
      lx.next();
      const inner = this.cmpOr();
      this.expect(Tok.RPAREN, "')'");
      this.depth--;
      return inner;
    }
    if (this.atKeyword('NOT') || this.atKeyword('EXISTS')) {
      const negated = lx.text === 'NOT';
      if (negated) lx.next();
      this.expectKeyword('EXISTS');
      return { kind: 'exists', path: this.objectPath(), negated };
    }
    const path = this.objectPath();
    const negated = this.atKeyword('NOT');
    if (negated) lx.next();
    return this.comparison(path, negated);
  }

  private comparison(path: ObjectPath, negated: boolean): Comparison {
    const lx = this.lx;
    if (this.at(Tok.OP)) {
      const operator = lx.op;
      lx.next();
      // Equality takes any primitive constant; ordering excludes booleans (propTestOrder).
      const value = this.literal(operator === '=' || operator === '!=');
      return { kind: 'comparison', path, operator, negated, value };
    }
    if (this.atKeyword('IN')) {
      lx.next();
      return { kind: 'comparison', path, operator: 'IN', negated, value: this.set() };
    }
    const operator = this.at(Tok.KEYWORD) ? stringOperator(lx.text) : undefined;
    if (operator) {
      lx.next();
      if (!this.at(Tok.STRING)) this.fail(`a string after ${operator}`);
      const value: PatternLiteral = { kind: 'string', value: lx.text };
      this.columns.set(value, lx.start + 1);
      lx.next();
      return { kind: 'comparison', path, operator, negated, value };
    }
    return this.fail('a comparison operator (=, !=, <, <=, >, >=, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET)');
  }

  private literal(allowBool: boolean): PatternLiteral {
    const lx = this.lx;
    let value: PatternLiteral;
    switch (lx.kind) {
      case Tok.STRING:
        value = { kind: 'string', value: lx.text };
        break;
      case Tok.INT:
        value = { kind: 'int', value: lx.num };
        break;
      case Tok.FLOAT:
        value = { kind: 'float', value: lx.num };
        break;
      case Tok.TIMESTAMP:
        value = { kind: 'timestamp', value: lx.text };
        break;
      case Tok.BINARY:
        value = { kind: 'binary', value: lx.text };
        break;
      case Tok.HEX:
        value = { kind: 'hex', value: lx.text };
        break;
      default:
        if (allowBool && this.at(Tok.KEYWORD) && (lx.text === 'true' || lx.text === 'false')) {
          value = { kind: 'bool', value: lx.text === 'true' };
          break;
        }
        return this.fail(allowBool ? 'a constant' : 'an orderable constant (string, number, timestamp, binary or hex)');
    }
    this.columns.set(value, lx.start + 1);
    lx.next();
    return value;
  }

  /** `(a, b, …)`; "set values MUST be constants of homogeneous data type" (§9.6.1, IN). */
  private set(): PatternLiteral {
    this.expect(Tok.LPAREN, "'(' to open a set");
    const values: PatternLiteral[] = [];
    if (this.at(Tok.RPAREN)) {
      this.lx.next();
      return { kind: 'set', values };
    }
    for (;;) {
      const column = this.lx.start + 1;
      const value = this.literal(true);
      const first = values[0];
      if (first && numeric(first.kind) !== numeric(value.kind)) {
        throw new PatternFailure(
          `set element at column ${column} is of type ${value.kind} but the set holds ${first.kind} values: set values must be of one data type (STIX 2.1 §9.6.1)`,
          column,
        );
      }
      values.push(value);
      if (!this.at(Tok.COMMA)) break;
      this.lx.next();
    }
    this.expect(Tok.RPAREN, "',' or ')'");
    return { kind: 'set', values };
  }

  // ---- object paths (§9.7) ----

  private objectPath(): ObjectPath {
    const lx = this.lx;
    if (!this.at(Tok.IDENT)) this.fail('an object path such as file:name');
    const objectType = lx.text;
    if (!isTypeName(objectType)) badName(TYPE_RULE, objectType, lx.start + 1);
    lx.next();
    this.expect(Tok.COLON, "':' after the object type");
    const steps: (string | number)[] = [this.keyStep('a property name', PROPERTY_RULE)];
    for (;;) {
      if (this.at(Tok.DOT)) {
        lx.next();
        steps.push(this.keyStep("a property name or dictionary key after '.'", KEY_RULE));
      } else if (this.at(Tok.LBRACK)) {
        lx.next();
        steps.push(this.listIndex());
        this.expect(Tok.RBRACK, "']' after the list index");
      } else {
        return { objectType, steps };
      }
    }
  }

  /** An unquoted or quoted property step; names with `-` or `.` must be quoted (§9.7). */
  private keyStep(what: string, rule: NameRule): string {
    const lx = this.lx;
    const column = lx.start + 1;
    if (this.at(Tok.IDENT) && lx.hyphen) {
      throw new PatternFailure(
        `property name ${lx.text} at column ${column} contains '-' and must be quoted as '${lx.text}' (STIX 2.1 §9.7)`,
        column,
      );
    }
    if (!this.at(Tok.IDENT) && !this.at(Tok.STRING)) this.fail(what);
    const name = lx.text;
    if (!rule.test(name)) badName(rule, name, column);
    lx.next();
    return name;
  }

  /** `[n]` with 0 ≤ n, or `[*]` for any item (§9.7.2). */
  private listIndex(): number | '*' {
    const lx = this.lx;
    if (this.at(Tok.ASTERISK)) {
      lx.next();
      return '*';
    }
    if (!this.at(Tok.INT) || lx.num < 0) this.fail("a list index (a non-negative integer or '*')", 'STIX 2.1 §9.7.2');
    const index = lx.num;
    lx.next();
    return index;
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) {
      throw new PatternFailure(`parentheses nested deeper than ${MAX_DEPTH} levels at column ${this.lx.start + 1}`, this.lx.start + 1);
    }
  }
}

/** The operators whose right side is a single string (propTestLike, Regex, IsSubset, IsSuperset). */
function stringOperator(word: string): 'LIKE' | 'MATCHES' | 'ISSUBSET' | 'ISSUPERSET' | undefined {
  return word === 'LIKE' || word === 'MATCHES' || word === 'ISSUBSET' || word === 'ISSUPERSET' ? word : undefined;
}

function numeric(kind: PatternLiteral['kind']): string {
  return kind === 'int' ? 'float' : kind;
}
