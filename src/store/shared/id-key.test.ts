import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { idKey } from './id-key.ts';

describe('idKey', () => {
  it('is a non-negative safe integer, the same for the same id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (id) => {
        const k = idKey(id);
        assert.ok(Number.isSafeInteger(k) && k >= 0, `${k}`);
        assert.equal(idKey(id), k);
      }),
    );
  });

  it('spreads STIX ids: 200,000 random ids, and ids one character apart, all differ', () => {
    const keys = new Set<number>();
    for (let i = 0; i < 200_000; i++) keys.add(idKey(`indicator--${randomUUID()}`));
    assert.equal(keys.size, 200_000);
    const base = 'malware--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01';
    assert.notEqual(idKey(base), idKey(base.replace('malware', 'tool')));
    assert.notEqual(idKey(base), idKey(`${base.slice(0, -1)}2`));
  });
});
