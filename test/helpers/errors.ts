// Assertions on the typed errors services throw (src/errors.ts): the stable code a client keys
// on, and for bad input the field it names (CONVENTIONS.md, Errors).
import assert from 'node:assert/strict';
import { ConcordError } from '../../src/errors.ts';

/** Asserts that `p` rejects with a ConcordError of `code`, naming `field` when one is given. */
export async function refused(p: Promise<unknown>, code: string, field?: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof ConcordError, String(e));
    assert.equal(e.code, code, e.message);
    if (field !== undefined) assert.equal(e.details['field'], field, e.message);
    return true;
  });
}
