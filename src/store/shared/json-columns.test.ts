// The JSON columns' readers: a row edited by hand never puts an entry of the wrong shape into a
// domain object, and well-formed lists come back whole.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { clearances, stringArray, strings, windows } from './json-columns.ts';

it('keeps only the strings of a list, and nothing of a non-list', () => {
  assert.deepEqual(stringArray('["a","b"]'), ['a', 'b']);
  assert.deepEqual(stringArray('["a",1,null,"b"]'), ['a', 'b']);
  assert.deepEqual(strings({ a: 'b' }), []);
  assert.deepEqual(stringArray('"a"'), []);
});

it('keeps only the well-formed clearances and windows', () => {
  const ok = { scheme: 'eu', level: 'SECRET UE/EU SECRET' };
  assert.deepEqual(clearances([ok]), [ok]);
  assert.deepEqual(clearances([ok, { scheme: 'eu' }, { scheme: 'eu', level: 3 }, 'eu', null]), [ok]);
  const w = { from: '2026-12-07T00:00:00.000Z', until: '2026-12-08T00:00:00.000Z' };
  assert.deepEqual(windows([{ from: w.from }, w, [w]]), [w]);
  assert.deepEqual(windows(null), []);
});
