// Listing for a reader who may see little of a large store (issue 6, Explorer: "stays fast on
// hundreds of thousands of results"): each request examines a bounded number of rows and answers
// with a short page and a cursor, and following the cursors yields exactly what the reader may read.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI } from '../src/domain/identity/principal.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, type Obj } from './helpers/stix.ts';

const SCAN_ROWS = 100;

describe('object lists examine a bounded number of rows per request', () => {
  let node: TestNode;
  let reader: Person;
  const hidden = Array.from({ length: 450 }, (_, i) => buildIndicator({ name: `hidden ${i}` }));
  const shared = Array.from({ length: 3 }, (_, i) => buildIndicator({ name: `shared ${i}` }));

  async function load(objects: Obj[], tlp: 'red' | 'clear'): Promise<void> {
    const owner = await node.services.importOwner(
      CLI,
      tlp === 'red' ? { tlp, distribution: 'organization' } : { tlp, distribution: 'federation' },
    );
    const s = await node.services.ingest.importStream([JSON.stringify(objects)], { source: 'test', owner });
    assert.equal(s.quarantined, 0, JSON.stringify(s));
  }

  before(async () => {
    node = await startNode({ CONCORD_LIST_SCAN_ROWS: String(SCAN_ROWS) });
    reader = await buildPerson(node.services, { roles: ['analyst'] });
    // The shared objects sit after most hidden ones, so that reaching them takes several requests.
    await load(hidden.slice(0, 400), 'red');
    await load(shared, 'clear');
    await load(hidden.slice(400), 'red');
  });
  after(() => node.dispose());

  test('short pages with a cursor, then exactly the readable objects, each once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let requests = 0;
    let shortPages = 0;
    do {
      const url: string = `/api/v1/objects?type=indicator&limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await node.app.inject({ method: 'GET', url, headers: reader.auth });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { objects: Obj[]; next: string | null };
      seen.push(...body.objects.map((o) => o.id));
      if (body.next !== null && body.objects.length < 50) shortPages++;
      cursor = body.next;
      requests++;
      assert.ok(requests < 50, 'the cursor must advance');
    } while (cursor !== null);
    assert.deepEqual(seen.sort(), shared.map((o) => o.id).sort());
    assert.ok(
      shortPages >= 3,
      `expected several short pages over ${hidden.length} hidden rows with a budget of ${SCAN_ROWS}, got ${shortPages}`,
    );
  });

  test('the owner still gets full pages', async () => {
    const res = await node.api({ method: 'GET', url: '/api/v1/objects?type=indicator&limit=50' });
    assert.equal((res.json() as { objects: Obj[] }).objects.length, 50);
  });
});
