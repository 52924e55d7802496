// A feed record as the store keeps it, for tests that write one directly (CONVENTIONS.md,
// Tests: factories create what a record needs).
import type { Feed } from '../../src/domain/feeds/types.ts';

/** A never-pulled feed of collection `c` on `https://peer/`, without credentials; `over` replaces any field. */
export function buildFeed(over: Partial<Feed> = {}): Feed {
  const url = over.url ?? 'https://peer/api/collections/c/';
  const id = over.id ?? 'f1';
  return {
    id,
    name: `feed ${id}`,
    url,
    objectsUrl: `${url}objects/`,
    collectionId: url.split('/').at(-2) ?? 'c',
    auth: { kind: 'none' },
    intervalSeconds: 900,
    tlp: null,
    distribution: null,
    cursor: null,
    next: null,
    runLast: null,
    lastPullAt: null,
    lastResult: null,
    createdAt: '2024-01-01T00:00:00.000Z',
    ...over,
  };
}
