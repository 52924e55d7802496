import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parsePattern } from './parser.ts';
import type { ComparisonExpression, ObservationExpression, PatternLiteral } from './types.ts';
import { sharedPath } from '../../../test/helpers/shared.ts';

const EXAMPLES = sharedPath('standards/stix-patterns/v21_spec_examples.txt');

function ast(text: string): ObservationExpression {
  const r = parsePattern(text);
  if (!r.ok) assert.fail(`${text}: ${r.error.message}`);
  return r.ast;
}

/** The comparison expression inside a pattern of one observation. */
function inner(text: string): ComparisonExpression {
  const a = ast(text);
  assert.equal(a.kind, 'observation');
  return a.expression;
}

/** The literal of a pattern holding a single comparison. */
function literalOf(text: string): PatternLiteral {
  const c = inner(text);
  assert.equal(c.kind, 'comparison');
  return c.value;
}

/** A short summary of an observation tree's shape: `and(or(f,f),f)`. */
function shape(e: ObservationExpression): string {
  switch (e.kind) {
    case 'observation':
      return cmpShape(e.expression);
    case 'qualified':
      return `${e.qualifier.kind}(${shape(e.expression)})`;
    default:
      return `${e.kind}(${shape(e.left)},${shape(e.right)})`;
  }
}

function cmpShape(e: ComparisonExpression): string {
  switch (e.kind) {
    case 'comparison':
      return e.path.steps.join('.');
    case 'exists':
      return `exists ${e.path.steps.join('.')}`;
    default:
      return `${e.kind}(${cmpShape(e.left)},${cmpShape(e.right)})`;
  }
}

const noShared = existsSync(EXAMPLES) ? {} : { skip: `${EXAMPLES} is absent (shared standards not mounted)` };

test('every example pattern of the STIX 2.1 specification parses', noShared, () => {
  const lines = readFileSync(EXAMPLES, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  assert.ok(lines.length >= 20, 'the examples file holds the specification examples');
  for (const line of lines) {
    const r = parsePattern(line);
    assert.ok(r.ok, `${line}\n${r.ok ? '' : `${r.error.message}`}`);
  }
});

test('a simple IPv4 pattern gives the expected tree', () => {
  assert.deepEqual(ast("[ipv4-addr:value = '198.51.100.1']"), {
    kind: 'observation',
    expression: {
      kind: 'comparison',
      path: { objectType: 'ipv4-addr', steps: ['value'] },
      operator: '=',
      negated: false,
      value: { kind: 'string', value: '198.51.100.1' },
    },
  });
});

test('observation operators: AND binds tighter than OR, OR tighter than FOLLOWEDBY (§9.5.3)', () => {
  assert.equal(shape(ast('[x-a:aaa = 1] OR [x-a:bbb = 1] AND [x-a:ccc = 1]')), 'or(aaa,and(bbb,ccc))');
  assert.equal(shape(ast('[x-a:aaa = 1] FOLLOWEDBY [x-a:bbb = 1] OR [x-a:ccc = 1]')), 'followedby(aaa,or(bbb,ccc))');
  assert.equal(shape(ast('[x-a:aaa = 1] AND [x-a:bbb = 1] AND [x-a:ccc = 1]')), 'and(and(aaa,bbb),ccc)');
  assert.equal(shape(ast('[x-a:aaa = 1] AND ([x-a:bbb = 1] AND [x-a:ccc = 1])')), 'and(aaa,and(bbb,ccc))');
  assert.equal(shape(ast('([x-a:aaa = 1] OR [x-a:bbb = 1]) AND [x-a:ccc = 1]')), 'and(or(aaa,bbb),ccc)');
});

test('qualifiers are not greedy and chain on one expression (§9.5.1, §9.5.2)', () => {
  assert.equal(shape(ast('[x-a:bbb = 1] FOLLOWEDBY [x-a:ccc = 1] REPEATS 5 TIMES')), 'followedby(bbb,repeats(ccc))');
  assert.equal(shape(ast('([x-a:bbb = 1] FOLLOWEDBY [x-a:ccc = 1]) REPEATS 5 TIMES')), 'repeats(followedby(bbb,ccc))');
  const q = ast("[x-a:aaa = 1] REPEATS 5 TIMES WITHIN 1800 SECONDS START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.5Z'");
  assert.equal(shape(q), 'startstop(within(repeats(aaa)))');
  assert.ok(q.kind === 'qualified');
  assert.deepEqual(q.qualifier, { kind: 'startstop', start: '2016-06-01T00:00:00Z', stop: '2016-07-01T00:00:00.5Z' });
  const w = ast('[x-a:aaa = 1] WITHIN 1.5 SECONDS');
  assert.ok(w.kind === 'qualified');
  assert.deepEqual(w.qualifier, { kind: 'within', seconds: 1.5 });
});

test('comparison operators: AND binds tighter than OR, parentheses group (§9.5)', () => {
  assert.equal(cmpShape(inner('[x-a:aaa = 1 OR x-a:bbb = 1 AND x-a:ccc = 1]')), 'or(aaa,and(bbb,ccc))');
  assert.equal(cmpShape(inner('[(x-a:aaa = 1 OR x-a:bbb = 1) AND x-a:ccc = 1]')), 'and(or(aaa,bbb),ccc)');
  assert.equal(cmpShape(inner('[x-a:aaa = 1 OR x-a:bbb = 1 OR x-a:ccc = 1]')), 'or(or(aaa,bbb),ccc)');
  assert.equal(cmpShape(inner('[NOT EXISTS x-a:aaa AND EXISTS x-a:bbb]')), 'and(exists aaa,exists bbb)');
});

test('every comparison operator, with NOT, and the alternative spellings == and <>', () => {
  const cases: [string, string, boolean][] = [
    ["[file:name = 'a']", '=', false],
    ["[file:name == 'a']", '=', false],
    ["[file:name != 'a']", '!=', false],
    ["[file:name <> 'a']", '!=', false],
    ['[file:size > 1]', '>', false],
    ['[file:size < 1]', '<', false],
    ['[file:size >= 1]', '>=', false],
    ['[file:size <= 1]', '<=', false],
    ["[file:name NOT IN ('a', 'b')]", 'IN', true],
    ["[file:name LIKE 'a%']", 'LIKE', false],
    ["[file:name NOT MATCHES '^a'] ", 'MATCHES', true],
    ["[ipv4-addr:value ISSUBSET '10.0.0.0/8']", 'ISSUBSET', false],
    ["[ipv4-addr:value NOT ISSUPERSET '10.0.0.0/8']", 'ISSUPERSET', true],
    ["[file:name NOT = 'a']", '=', true],
  ];
  for (const [text, operator, negated] of cases) {
    const c = inner(text);
    assert.ok(c.kind === 'comparison', text);
    assert.equal(c.operator, operator, text);
    assert.equal(c.negated, negated, text);
  }
});

test('literals decode to their values (§9.2)', () => {
  assert.deepEqual(literalOf("[file:name = 'it\\'s a \\\\ path']"), { kind: 'string', value: "it's a \\ path" });
  assert.deepEqual(literalOf("[file:name = '']"), { kind: 'string', value: '' });
  assert.deepEqual(literalOf('[file:size = +42]'), { kind: 'int', value: 42 });
  assert.deepEqual(literalOf('[file:size = -42]'), { kind: 'int', value: -42 });
  assert.deepEqual(literalOf('[file:size = -0]'), { kind: 'int', value: 0 });
  assert.deepEqual(literalOf('[file:size = 7.0]'), { kind: 'float', value: 7 });
  assert.deepEqual(literalOf('[file:size = -.5]'), { kind: 'float', value: -0.5 });
  assert.deepEqual(literalOf('[file:size = .25]'), { kind: 'float', value: 0.25 });
  assert.deepEqual(literalOf('[file:is_x = true]'), { kind: 'bool', value: true });
  assert.deepEqual(literalOf('[file:is_x != false]'), { kind: 'bool', value: false });
  assert.deepEqual(literalOf("[file:created > t'2014-01-13T07:03:17.123456Z']"), {
    kind: 'timestamp',
    value: '2014-01-13T07:03:17.123456Z',
  });
  assert.deepEqual(literalOf("[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']"), { kind: 'binary', value: 'dGhpcyBpcyBhIHRlc3Q=' });
  // "Line feeds in the base64 encoded data MUST be supported and ignored" (§9.2).
  assert.deepEqual(literalOf("[artifact:payload_bin = b'dGhp\ncyBp']"), { kind: 'binary', value: 'dGhpcyBp' });
  assert.deepEqual(literalOf("[file:magic_number_hex = h'FFd8']"), { kind: 'hex', value: 'FFd8' });
  assert.deepEqual(literalOf("[file:magic_number_hex = h'']"), { kind: 'hex', value: '' });
  assert.deepEqual(literalOf("[file:name IN ('a', 'b')]"), {
    kind: 'set',
    values: [
      { kind: 'string', value: 'a' },
      { kind: 'string', value: 'b' },
    ],
  });
  assert.deepEqual(literalOf('[file:size IN (1, 2.5)]'), {
    kind: 'set',
    values: [
      { kind: 'int', value: 1 },
      { kind: 'float', value: 2.5 },
    ],
  });
  assert.deepEqual(literalOf('[file:size IN ()]'), { kind: 'set', values: [] });
});

test('the column of each scalar constant is kept beside the tree', () => {
  const text = "[file:name IN ('a', 'b') AND file:size = 7]\nAND [file:name LIKE 'x%']";
  const r = parsePattern(text);
  assert.ok(r.ok);
  const at = (l: PatternLiteral): number | undefined => r.columns.get(l);
  const e = r.ast;
  assert.ok(e.kind === 'and' && e.left.kind === 'observation' && e.right.kind === 'observation');
  const left = e.left.expression;
  assert.ok(left.kind === 'and' && left.left.kind === 'comparison' && left.right.kind === 'comparison');
  const set = left.left.value;
  assert.ok(set.kind === 'set');
  assert.deepEqual(set.values.map(at), [text.indexOf("'a'") + 1, text.indexOf("'b'") + 1]);
  assert.equal(at(left.right.value), text.indexOf('7') + 1);
  const like = e.right.expression;
  assert.ok(like.kind === 'comparison');
  assert.equal(at(like.value), text.indexOf("'x%'") + 1);
});

test('object paths: quoted steps, list indexes, [*] and _ref steps (§9.7)', () => {
  const steps = (text: string): (string | number)[] => {
    const c = inner(text);
    assert.ok(c.kind === 'comparison');
    return c.path.steps;
  };
  assert.deepEqual(steps("[file:hashes.'SHA-256' = 'a']"), ['hashes', 'SHA-256']);
  assert.deepEqual(steps("[file:hashes.MD5 = 'a']"), ['hashes', 'MD5']);
  assert.deepEqual(steps("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]"), [
    'extensions',
    'windows-pebinary-ext',
    'sections',
    '*',
    'entropy',
  ]);
  assert.deepEqual(steps("[network-traffic:protocols[0] = 'tcp']"), ['protocols', 0]);
  assert.deepEqual(steps("[email-message:from_ref.value = 'a@example.com']"), ['from_ref', 'value']);
  assert.deepEqual(steps("[file:'name' = 'a']"), ['name']);
});

test('whitespace of any Unicode kind and comments are skipped (§9.4, STIXPattern.g4 WS)', () => {
  const plain = ast("[file:name = 'a'] AND [file:size = 1]");
  assert.deepEqual(ast("\u00a0[\tfile:name\u3000=\n'a' ]/* note */AND // rest of line\n[file:size = 1]\u2028"), plain);
});

test('invalid patterns report what was expected, what was found and the 1-based column', () => {
  const cases: [string, number, RegExp][] = [
    ["[ipv4-addr:value = '198.51.100.1'", 34, /^expected '\]' at column 34, found end of pattern$/],
    ['', 1, /expected '\[' or '\(' at column 1, found end of pattern/],
    ["ipv4-addr:value = '198.51.100.1'", 1, /expected '\[' or '\(' at column 1, found 'ipv4-addr'/],
    ["[file:name = 'x'] AND", 22, /expected '\[' or '\(' at column 22, found end of pattern/],
    ["[file:name = 'x'] [file:name = 'y']", 19, /expected AND, OR, FOLLOWEDBY, a qualifier or end of pattern at column 19, found '\['/],
    ["[file:name = 'x' AND]", 21, /expected an object path .* at column 21, found '\]'/],
    ["[file:name 'x']", 12, /expected a comparison operator .* at column 12, found constant 'x'/],
    ["[file:name = 'x' ]]", 19, /found '\]'/],
    ["[file:name = 'x'] # ", 19, /found '#'/],
    ["[file:name = 'x' OR (file:size = 1]", 35, /expected '\)' at column 35, found '\]'/],
    ["[file:name = 'x'] START t'2020-01-01T00:00:00Z'", 48, /expected STOP at column 48, found end of pattern/],
    ["[file:name = 'x'] WITHIN 5", 27, /expected SECONDS at column 27/],
    ["[file:name = 'x'] WITHIN 0 SECONDS", 26, /expected a positive number of seconds at column 26, found constant 0/],
    ["[file:name = 'x'] WITHIN -5 SECONDS", 26, /positive number of seconds/],
    ["[file:name = 'x'] REPEATS 0 TIMES", 27, /positive integer number of times/],
    ["[file:name = 'x'] REPEATS 1.5 TIMES", 27, /positive integer number of times/],
    ["[file:name = 'x'] WITHIN 5 SECONDS WITHIN 6 SECONDS", 36, /second WITHIN qualifier at column 36/],
    ["([file:name = 'x'] REPEATS 2 TIMES) REPEATS 3 TIMES", 37, /second REPEATS qualifier/],
    ["[file:hashes.SHA-256 = 'a']", 14, /SHA-256 at column 14 contains '-' and must be quoted/],
    ["[file:hashes.'SHA 256' = 'a']", 14, /invalid property name or dictionary key 'SHA 256' at column 14/],
    ["[File:name = 'a']", 2, /invalid object type 'File' at column 2/],
    ["[x--y:name = 'a']", 2, /invalid object type 'x--y'/],
    ["[file:Name = 'a']", 7, /invalid property name 'Name' at column 7/],
    ['[file:sections[-1].entropy = 1]', 16, /expected a list index .* at column 16, found constant -1/],
    ["[file:name = 'a\\x']", 16, /invalid escape at column 16/],
    ["[file:name = 'abc]", 14, /unterminated string starting at column 14/],
    ['[file:size = 007]', 14, /invalid number '007' at column 14/],
    ['[file:size = 9007199254740992]', 14, /out of range/],
    ["[file:created = t'2020-02-30T00:00:00Z']", 17, /invalid timestamp t'2020-02-30T00:00:00Z' at column 17/],
    ["[file:created = t'2020-01-01 00:00:00Z']", 17, /invalid timestamp/],
    ["[file:created = t'2020-01-01T00:00:00+01:00']", 17, /invalid timestamp/],
    ["[artifact:payload_bin = b'abc']", 25, /invalid binary b'abc' at column 25/],
    ["[artifact:payload_bin = b'ab=c']", 25, /invalid binary/],
    ["[file:magic_number_hex = h'abc']", 26, /invalid hex h'abc' at column 26/],
    ["[file:magic_number_hex = h'zz']", 26, /invalid hex/],
    ["[file:name IN ('a', 1)]", 21, /set element at column 21 is of type int but the set holds string values/],
    ['[file:size > true]', 14, /expected an orderable constant .* at column 14, found 'true'/],
    ['[file:name LIKE 5]', 17, /expected a string after LIKE at column 17/],
    ["[file:name = 'x'] /* open", 19, /unterminated comment starting at column 19/],
    ['[file:name NOT EXISTS]', 16, /expected a comparison operator/],
  ];
  for (const [text, column, message] of cases) {
    const r = parsePattern(text);
    assert.ok(!r.ok, `${text} must not parse`);
    assert.equal(r.error.column, column, `${text}: ${r.error.message}`);
    assert.match(r.error.message, message, text);
  }
});

test('hostile nesting is reported as an error, not a stack overflow', () => {
  const r = parsePattern(`${'('.repeat(100_000)}[file:name = 'x']${')'.repeat(100_000)}`);
  assert.ok(!r.ok);
  assert.match(r.error.message, /nested deeper than/);
});

test('micro-benchmark: parse time of a simple pattern (reported, not asserted)', (t) => {
  const text = "[ipv4-addr:value = '198.51.100.1']";
  for (let i = 0; i < 20_000; i++) parsePattern(text);
  const n = 200_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) parsePattern(text);
  const ns = Number(process.hrtime.bigint() - t0) / n;
  t.diagnostic(`parsePattern(${text}): ${(ns / 1000).toFixed(2)} µs per call`);
});
