import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatPattern } from './format.ts';
import { parsePattern } from './parser.ts';
import type { Comparison, ComparisonExpression, ObjectPath, ObservationExpression, PatternLiteral, Qualifier } from './types.ts';
import { sharedPath } from '../../../test/helpers/shared.ts';

const EXAMPLES = sharedPath('standards/stix-patterns/v21_spec_examples.txt');

function reparse(ast: ObservationExpression): ObservationExpression {
  const text = formatPattern(ast);
  const r = parsePattern(text);
  if (!r.ok) assert.fail(`formatted text does not parse: ${text}\n${r.error.message}`);
  return r.ast;
}

function canonical(text: string): string {
  const r = parsePattern(text);
  if (!r.ok) assert.fail(`${text}: ${r.error.message}`);
  return formatPattern(r.ast);
}

// ---- generators of syntax trees the parser accepts ----

const timestamp = fc
  .tuple(
    fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }),
    fc.constantFrom('', '.5', '.000', '.123456789'),
  )
  .map(([d, frac]) => `${d.toISOString().slice(0, 19)}${frac}Z`);

const int = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }).map((v) => v + 0);
const float = fc.double({ noNaN: true, noDefaultInfinity: true });
const bytes = fc.uint8Array({ minLength: 1, maxLength: 24 });

const stringLit = fc.string({ unit: 'binary', maxLength: 20 }).map((value): PatternLiteral => ({ kind: 'string', value }));
const numberLit = fc.oneof(
  int.map((value): PatternLiteral => ({ kind: 'int', value })),
  float.map((value): PatternLiteral => ({ kind: 'float', value })),
);
const orderable: fc.Arbitrary<PatternLiteral> = fc.oneof(
  stringLit,
  numberLit,
  timestamp.map((value): PatternLiteral => ({ kind: 'timestamp', value })),
  bytes.map((b): PatternLiteral => ({ kind: 'binary', value: Buffer.from(b).toString('base64') })),
  fc.tuple(bytes, fc.boolean()).map(([b, upper]): PatternLiteral => {
    const hex = Buffer.from(b).toString('hex');
    return { kind: 'hex', value: upper ? hex.toUpperCase() : hex };
  }),
);
const primitive = fc.oneof(
  orderable,
  fc.boolean().map((value): PatternLiteral => ({ kind: 'bool', value })),
);
// Sets are of one data type (§9.6.1), ints and floats counting as one.
const set = fc
  .oneof(fc.array(stringLit, { maxLength: 4 }), fc.array(numberLit, { maxLength: 4 }))
  .map((values): PatternLiteral => ({ kind: 'set', values }));

const objectType = fc.oneof(
  fc.constantFrom('file', 'ipv4-addr', 'network-traffic', 'x509-certificate', 'x-usb-device'),
  fc.stringMatching(/^[a-z][a-z0-9]{2,8}(-[a-z0-9]{1,4}){0,2}$/),
);
const path: fc.Arbitrary<ObjectPath> = fc
  .tuple(
    objectType,
    fc.stringMatching(/^[a-z][a-z0-9_]{2,10}$/),
    fc.array(
      fc.oneof(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/),
        fc.constantFrom('AND', 'true', 'NOT', 'SHA-256', '0'),
        fc.nat(1000),
        fc.constant('*'),
      ),
      { maxLength: 4 },
    ),
  )
  .map(([type, first, rest]) => ({ objectType: type, steps: [first, ...rest] }));

const comparison: fc.Arbitrary<ComparisonExpression> = fc
  .oneof(
    fc.tuple(path, fc.boolean(), fc.constantFrom('=', '!=' as const), primitive),
    fc.tuple(path, fc.boolean(), fc.constantFrom('<', '<=', '>', '>=' as const), orderable),
    fc.tuple(path, fc.boolean(), fc.constant('IN' as const), set),
    fc.tuple(path, fc.boolean(), fc.constantFrom('LIKE', 'MATCHES', 'ISSUBSET', 'ISSUPERSET' as const), stringLit),
  )
  .map(([p, negated, operator, value]): Comparison => ({ kind: 'comparison', path: p, operator, negated, value }));
const exists = fc.tuple(path, fc.boolean()).map(([p, negated]): ComparisonExpression => ({ kind: 'exists', path: p, negated }));

const qualifiers: fc.Arbitrary<Qualifier[]> = fc
  .shuffledSubarray(
    [
      fc
        .oneof(fc.integer({ min: 1, max: 1e9 }), fc.double({ min: Number.MIN_VALUE, max: 1e300, noNaN: true }))
        .map((seconds): Qualifier => ({ kind: 'within', seconds })),
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }).map((times): Qualifier => ({ kind: 'repeats', times })),
      fc.tuple(timestamp, timestamp).map(([start, stop]): Qualifier => ({ kind: 'startstop', start, stop })),
    ],
    { minLength: 1 },
  )
  .chain((arbs) => fc.tuple(...arbs));

const trees = fc.letrec<{ cmp: ComparisonExpression; obs: ObservationExpression; bare: ObservationExpression }>((tie) => ({
  cmp: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    exists,
    fc.tuple(fc.constantFrom('and', 'or' as const), tie('cmp'), tie('cmp')).map(([kind, left, right]) => ({ kind, left, right })),
  ),
  // An expression without a qualifier on top, so that a generated chain never repeats a kind (§9.5.1).
  bare: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('cmp').map((expression): ObservationExpression => ({ kind: 'observation', expression })),
    fc
      .tuple(fc.constantFrom('and', 'or', 'followedby' as const), tie('obs'), tie('obs'))
      .map(([kind, left, right]): ObservationExpression => ({ kind, left, right })),
  ),
  obs: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('bare'),
    fc
      .tuple(tie('bare'), qualifiers)
      .map(([base, qs]) =>
        qs.reduce<ObservationExpression>((expression, qualifier) => ({ kind: 'qualified', expression, qualifier }), base),
      ),
  ),
}));

test('property: parsePattern(formatPattern(ast)) deep-equals ast for generated trees', () => {
  fc.assert(
    fc.property(trees.obs, (ast) => {
      assert.deepStrictEqual(reparse(ast), ast);
    }),
    { numRuns: 2000 },
  );
});

test('formatting is canonical: spellings, spacing and redundant parentheses go away', () => {
  assert.equal(canonical("[ ipv4-addr:value=='198.51.100.1' ]"), "[ipv4-addr:value = '198.51.100.1']");
  assert.equal(canonical("[file:name<>'a']"), "[file:name != 'a']");
  assert.equal(canonical("(([file:name = 'a']))"), "[file:name = 'a']");
  assert.equal(canonical("[(file:name = 'a' AND file:size = 1) OR file:size = 2]"), "[file:name = 'a' AND file:size = 1 OR file:size = 2]");
  assert.equal(
    canonical("[file:name = 'a' AND (file:size = 1 OR file:size = 2)]"),
    "[file:name = 'a' AND (file:size = 1 OR file:size = 2)]",
  );
  assert.equal(
    canonical("([file:name = 'a'] AND [file:name = 'b']) WITHIN 300 SECONDS"),
    "([file:name = 'a'] AND [file:name = 'b']) WITHIN 300 SECONDS",
  );
  assert.equal(
    canonical("[file:name = 'a'] AND ([file:name = 'b'] AND [file:name = 'c'])"),
    "[file:name = 'a'] AND ([file:name = 'b'] AND [file:name = 'c'])",
  );
  assert.equal(canonical("[file:hashes.'MD5' = 'x']"), "[file:hashes.MD5 = 'x']");
  assert.equal(canonical("[file:hashes.'SHA-256' = 'it\\'s']"), "[file:hashes.'SHA-256' = 'it\\'s']");
  assert.equal(
    canonical('[file:size = +5 AND file:size = 5.0 AND file:size = 1.5]'),
    '[file:size = 5 AND file:size = 5.0 AND file:size = 1.5]',
  );
  assert.equal(canonical('[NOT EXISTS file:name]'), '[NOT EXISTS file:name]');
  assert.equal(canonical("[file:name NOT IN ('a','b')]"), "[file:name NOT IN ('a', 'b')]");
});

test('floats too large or small for plain String() are written without an exponent', () => {
  for (const value of [1e21, 1.5e300, 5e-324, -2.5e-7, 123456789012345680000]) {
    const ast: ObservationExpression = {
      kind: 'observation',
      expression: {
        kind: 'comparison',
        path: { objectType: 'file', steps: ['size'] },
        operator: '=',
        negated: false,
        value: { kind: 'float', value },
      },
    };
    assert.doesNotMatch(formatPattern(ast), /\d[eE][+-]?\d/);
    assert.deepStrictEqual(reparse(ast), ast);
  }
});

test('every specification example round-trips through the formatter', existsSync(EXAMPLES) ? {} : { skip: `${EXAMPLES} is absent` }, () => {
  for (const line of readFileSync(EXAMPLES, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')) {
    const r = parsePattern(line);
    assert.ok(r.ok, line);
    assert.deepStrictEqual(reparse(r.ast), r.ast, line);
    assert.equal(canonical(formatPattern(r.ast)), formatPattern(r.ast), 'formatting is idempotent');
  }
});

test('long operator chains, as in bulk IP indicators, format without exhausting the stack', () => {
  const parts = Array.from({ length: 20_000 }, (_, i) => `ipv4-addr:value = '10.0.${(i >> 8) & 255}.${i & 255}'`);
  const comparisons = `[${parts.join(' OR ')}]`;
  assert.equal(canonical(comparisons), comparisons);
  const observations = Array.from({ length: 20_000 }, (_, i) => `[file:size = ${i}]`).join(' AND ');
  assert.equal(canonical(observations), observations);
});
