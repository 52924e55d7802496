// The integer key under which SQLite indexes object ids (migrations/0024_id_key.ts).
//
// Why not the id itself: STIX ids are ~50-character strings with a random UUID, so a b-tree of
// them takes every new object at a random place, and at a million objects that index no longer
// fits the page cache: each insert then reads and dirties a page of its own, which the commit
// and the checkpoint each write again. An 8-byte key makes the index ~4× smaller, so far more
// of it stays cached and fewer pages are dirtied per batch (bench/RESULTS.md, session 6).
//
// The key is a hash, so two ids may share one: every query matches the key and then the id
// itself (sql-dialect.ts), and the key only narrows which rows are read.

/** A 53-bit hash of `id` (a safe integer, exact in JSON and in SQLite's 64-bit integers). */
export function idKey(id: string): number {
  // Two 32-bit multiplicative lanes over the UTF-16 code units, each finished with an avalanche
  // step; 21 bits of one and 32 of the other.
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  a ^= a >>> 15;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b ^= b >>> 16;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  return (b >>> 11) * 0x100000000 + (a >>> 0);
}

/** The name under which the SQLite connection offers idKey to SQL (joins on a column of ids). */
export const ID_KEY_FUNCTION = 'concord_id_key';
