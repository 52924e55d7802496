// The table of codes holds the rule "every code and quarantine reason in one place" (issue 14,
// item 5): each code has an error status and a description, every ConcordError subclass uses a
// code of it, and no source file writes a code the table does not know.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as taxiiErrors from './domain/taxii/errors.ts';
import * as errors from './errors.ts';
import { ConcordError, ERRORS, isErrorCode, isQuarantineReason, type ErrorCode, type QuarantineReason } from './errors.ts';
import * as taxiiClient from './services/taxii-client.ts';

const SRC = fileURLToPath(new URL('.', import.meta.url));

/** The TypeScript sources of src, tests excluded, with their text. */
function sources(): { file: string; text: string }[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((file) => ({ file, text: readFileSync(join(SRC, file), 'utf8') }));
}

/** Upper-snake strings that are not Concord codes: settings, Node's and Fastify's own codes. */
const FOREIGN = /^(?:CONCORD_|ERR_|FST_ERR_)/;
const NODE_CODES = new Set(['ENOENT', 'ESRCH']);

/**
 * Quoted strings that look like codes: any with an underscore (`'PEER_UNSIGNED'`), and any word
 * given as a code or a reason (`code: 'INTERNAL'`, `super('CONFLICT', …)`).
 */
const CODE_LIKE = [
  /['"]([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)['"]/g,
  /\b(?:code|reason)\b[^'"\n]{0,20}['"]([A-Z][A-Z0-9_]{2,})['"]/g,
  /(?:super|new ConcordError)\(\s*['"]([A-Z][A-Z0-9_]{2,})['"]/g,
];

/** The code-like strings of `text` that are not in the table. */
function unknownCodes(text: string): string[] {
  const found = new Set<string>();
  for (const re of CODE_LIKE) for (const m of text.matchAll(re)) found.add(m[1] as string);
  return [...found].filter((c) => !FOREIGN.test(c) && !NODE_CODES.has(c) && !isErrorCode(c));
}

test('every code of the table has an error status and a description', () => {
  const codes = Object.keys(ERRORS);
  assert.ok(codes.length > 20, `the table holds ${codes.length} codes`);
  for (const [code, info] of Object.entries(ERRORS)) {
    assert.match(code, /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/, `${code} is upper snake case`);
    assert.ok(info.status >= 400 && info.status <= 599, `${code} has status ${info.status}`);
    assert.ok(info.what.length > 10, `${code} says what it means`);
    assert.ok(['error', 'quarantine', 'both'].includes(info.kind), `${code} has kind ${info.kind}`);
  }
});

test('every ConcordError subclass uses a code of the table, with its status', () => {
  const declared = new Set(sources().flatMap(({ text }) => [...text.matchAll(/class (\w+) extends ConcordError\b/g)].map((m) => m[1])));
  const built = new Set<string>();
  for (const [name, value] of Object.entries({ ...errors, ...taxiiErrors, ...taxiiClient })) {
    if (typeof value !== 'function' || !(value.prototype instanceof ConcordError)) continue;
    // Every constructor takes a text first; the second argument is details, a number or text.
    const e: unknown = Reflect.construct(value, ['x', 1]);
    assert.ok(e instanceof ConcordError, name);
    assert.ok(isErrorCode(e.code), `${name} has code ${e.code}, which is not in the table`);
    assert.equal(e.status, ERRORS[e.code].status, `${name} answers with its code's status`);
    built.add(name);
  }
  assert.deepEqual(
    [...declared].filter((n) => n !== undefined && !built.has(n)),
    [],
    'every subclass in src is checked here',
  );
  assert.ok(built.has('InvalidInputError') && built.has('FeedHttpError') && built.has('NotAcceptableError'));
});

test('the quarantine reasons are the codes of kind quarantine or both', () => {
  const reasons: QuarantineReason[] = ['STIX_INVALID', 'JSON_MALFORMED', 'VERSION_CONFLICT', 'NOT_OWNER', 'PEER_SIGNATURE_INVALID'];
  for (const r of reasons) assert.ok(isQuarantineReason(r), r);
  for (const code of Object.keys(ERRORS) as ErrorCode[])
    assert.equal(isQuarantineReason(code), ERRORS[code].kind !== 'error', `${code} (${ERRORS[code].kind})`);
  assert.equal(isQuarantineReason('NOT_FOUND'), false, 'an error code only');
  assert.equal(isQuarantineReason('PEER_UNSINGED'), false, 'a misspelt reason');
  // @ts-expect-error: an error-only code is not a quarantine reason, so writing it does not compile.
  const notAReason: QuarantineReason = 'NOT_FOUND';
  assert.equal(notAReason, 'NOT_FOUND');
});

test('the source scan finds a code that is not in the table', () => {
  assert.deepEqual(unknownCodes("refuse(item, 'PEER_TYPO_REFUSED', message);"), ['PEER_TYPO_REFUSED']);
  assert.deepEqual(unknownCodes("error: { code: 'INTERNL', message }"), ['INTERNL']);
  assert.deepEqual(unknownCodes("super('CONFLICTED', message);"), ['CONFLICTED']);
  assert.deepEqual(unknownCodes("reason: 'NOT_OWNER'; int('CONCORD_PORT', x); e.code === 'ENOENT'"), []);
});

test('no source file writes a code that is not in the table', () => {
  const files = sources();
  assert.ok(files.length > 100, `${files.length} source files read`);
  const unknown = files.flatMap(({ file, text }) => unknownCodes(text).map((c) => `${file}: ${c}`));
  assert.deepEqual(unknown, [], 'add the code to ERRORS in src/errors.ts, or fix its spelling');
});
