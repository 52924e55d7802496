// Canonical text for a pattern syntax tree: single spaces, upper-case keywords, `=`/`!=` rather
// than `==`/`<>`, parentheses only where precedence (STIX 2.1 §9.5.3) or left-associativity
// require them, and literals spelled so that they lex back to the same kind and value. For
// every tree the parser produces, parsePattern(formatPattern(ast)) deep-equals ast.
import { KEYWORDS } from './lexer.ts';
import { isDictionaryKey } from './names.ts';
import type { ComparisonExpression, ObjectPath, ObservationExpression, PatternLiteral, Qualifier } from './types.ts';

/** Formats a pattern syntax tree as canonical STIX pattern text. */
export function formatPattern(ast: ObservationExpression): string {
  return observation(ast);
}

// Binding strength, weakest first, as in STIXPattern.g4; qualifiers are postfix and bind tightest.
const OBS_RANK = { followedby: 0, or: 1, and: 2, qualified: 3, observation: 4 } as const;
const CMP_RANK = { or: 0, and: 1, comparison: 2, exists: 2 } as const;

function observation(e: ObservationExpression): string {
  switch (e.kind) {
    case 'observation':
      return `[${comparisonExpression(e.expression)}]`;
    case 'qualified': {
      const inner = observation(e.expression);
      return `${OBS_RANK[e.expression.kind] < OBS_RANK.qualified ? `(${inner})` : inner} ${qualifier(e.qualifier)}`;
    }
    default: {
      // A left-nested chain of one operator (`a OR b OR c …`, thousands long in bulk IP
      // indicators) is written in a loop rather than by recursion, which would exhaust the stack.
      // Left operands of the same operator need no parentheses (left-associative); right ones do.
      const rank = OBS_RANK[e.kind];
      const rights: ObservationExpression[] = [];
      let node: ObservationExpression = e;
      while (isObsBinary(node) && node.kind === e.kind) {
        rights.push(node.right);
        node = node.left;
      }
      let out = OBS_RANK[node.kind] < rank ? `(${observation(node)})` : observation(node);
      const op = ` ${e.kind.toUpperCase()} `;
      for (let i = rights.length - 1; i >= 0; i--) {
        const right = rights[i] ?? node;
        out += op + (OBS_RANK[right.kind] <= rank ? `(${observation(right)})` : observation(right));
      }
      return out;
    }
  }
}

type ObsBinary = Extract<ObservationExpression, { left: ObservationExpression }>;
type CmpBinary = Extract<ComparisonExpression, { left: ComparisonExpression }>;

function isObsBinary(e: ObservationExpression): e is ObsBinary {
  return e.kind === 'and' || e.kind === 'or' || e.kind === 'followedby';
}

function isCmpBinary(e: ComparisonExpression): e is CmpBinary {
  return e.kind === 'and' || e.kind === 'or';
}

function qualifier(q: Qualifier): string {
  switch (q.kind) {
    case 'within':
      return `WITHIN ${Number.isSafeInteger(q.seconds) ? String(q.seconds) : floatText(q.seconds)} SECONDS`;
    case 'repeats':
      return `REPEATS ${q.times} TIMES`;
    case 'startstop':
      return `START t'${q.start}' STOP t'${q.stop}'`;
  }
}

function comparisonExpression(e: ComparisonExpression): string {
  switch (e.kind) {
    case 'comparison': {
      const not = e.negated ? 'NOT ' : '';
      return `${objectPath(e.path)} ${not}${e.operator} ${literal(e.value)}`;
    }
    case 'exists':
      return `${e.negated ? 'NOT ' : ''}EXISTS ${objectPath(e.path)}`;
    default: {
      // As for observation operators: left-nested chains in a loop.
      const rank = CMP_RANK[e.kind];
      const rights: ComparisonExpression[] = [];
      let node: ComparisonExpression = e;
      while (isCmpBinary(node) && node.kind === e.kind) {
        rights.push(node.right);
        node = node.left;
      }
      let out = CMP_RANK[node.kind] < rank ? `(${comparisonExpression(node)})` : comparisonExpression(node);
      const op = ` ${e.kind.toUpperCase()} `;
      for (let i = rights.length - 1; i >= 0; i--) {
        const right = rights[i] ?? node;
        out += op + (CMP_RANK[right.kind] <= rank ? `(${comparisonExpression(right)})` : comparisonExpression(right));
      }
      return out;
    }
  }
}

/** Formats an object path: `type:prop.sub`, quoting steps that are not plain identifiers (§9.7). */
export function objectPath(path: ObjectPath): string {
  let out = `${path.objectType}:${key(String(path.steps[0] ?? ''))}`;
  for (let i = 1; i < path.steps.length; i++) {
    const step = path.steps[i];
    if (typeof step === 'number') out += `[${step}]`;
    else if (step === '*') out += '[*]';
    else out += `.${key(step ?? '')}`;
  }
  return out;
}

// IdentifierWithoutHyphen that is not a keyword; anything else is written as a StringLiteral.
function key(name: string): string {
  const c = name.charCodeAt(0);
  const identStart = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
  return identStart && isDictionaryKey(name) && !name.includes('-') && !KEYWORDS.has(name) ? name : quote(name);
}

function quote(s: string): string {
  return `'${s.replace(/[\\']/g, '\\$&')}'`;
}

function literal(v: PatternLiteral): string {
  switch (v.kind) {
    case 'string':
      return quote(v.value);
    case 'int':
      return String(v.value);
    case 'float':
      return floatText(v.value);
    case 'bool':
      return v.value ? 'true' : 'false';
    case 'timestamp':
      return `t'${v.value}'`;
    case 'binary':
      return `b'${v.value}'`;
    case 'hex':
      return `h'${v.value}'`;
    case 'set':
      return `(${v.values.map(literal).join(', ')})`;
  }
}

/**
 * A float as FloatPosLiteral/FloatNegLiteral: the grammar has no exponent form and needs a `.`,
 * so the shortest round-trip digits from `String()` are written out as a plain decimal.
 */
function floatText(x: number): string {
  if (Object.is(x, -0)) return '-0.0';
  const s = String(Math.abs(x));
  const sign = x < 0 ? '-' : '';
  const e = s.indexOf('e');
  if (e < 0) return sign + (s.includes('.') ? s : `${s}.0`);
  const mantissa = s.slice(0, e).replace('.', '');
  const dot = s.indexOf('.');
  // Position of the decimal point relative to the start of `mantissa`.
  const point = (dot < 0 || dot > e ? 1 : dot) + Number(s.slice(e + 1));
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${mantissa}`;
  if (point >= mantissa.length) return `${sign}${mantissa}${'0'.repeat(point - mantissa.length)}.0`;
  return `${sign}${mantissa.slice(0, point)}.${mantissa.slice(point)}`;
}
