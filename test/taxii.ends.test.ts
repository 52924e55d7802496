// A relationship is visible only when it and both its ends are (DESIGN.md), where an end means
// its latest version. A TAXII page takes the labels of ends that are in the page itself from the
// page (services/access-gate.ts), and asks the store for the others: whether the ends are in the
// same page or not, and whether an older version of an end is in the page, the answer must be
// the same.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLI } from '../src/domain/identity/principal.ts';
import type { Collection } from '../src/domain/collections/types.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { ENGINES } from './helpers/store-engines.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { buildIndicator, buildRelationship, nextVersion, type Obj } from './helpers/stix.ts';

const TAXII = 'application/taxii+json;version=2.1';

for (const engine of ENGINES)
  describe(`TAXII pages decide on relationships by their ends' latest versions (${engine.name})`, { skip: engine.skip }, () => {
    let node: TestNode;
    let reader: Person;
    let all: Collection;
    const open = buildIndicator({ name: 'open' });
    const open2 = buildIndicator({ name: 'open too' });
    const hidden = buildIndicator({ name: 'operator only' });
    // Readable first, then a new version the reader may not read.
    const changing = buildIndicator({ name: 'changing v1' });
    const changing2 = nextVersion(changing, { name: 'changing v2' });
    const seen = buildRelationship(open, 'related-to', open2);
    const toHidden = buildRelationship(open, 'related-to', hidden);
    const toChanging = buildRelationship(changing, 'related-to', open);

    async function load(objects: Obj[], shared: boolean): Promise<void> {
      const owner = await node.services.importOwner(CLI, shared ? { tlp: 'clear', distribution: 'federation' } : {});
      const s = await node.services.ingest.importStream([JSON.stringify(objects)], { source: 'test', owner });
      assert.equal(s.quarantined, 0, JSON.stringify(s));
    }

    /** The ids the reader gets, paging `limit` at a time. */
    async function read(query: string, limit: number): Promise<string[]> {
      const out: string[] = [];
      let next: string | undefined;
      for (;;) {
        const url = `/taxii2/api/collections/${all.id}/objects/?limit=${limit}${query}${next ? `&next=${next}` : ''}`;
        const res = await node.app.inject({ method: 'GET', url, headers: { ...reader.auth, accept: TAXII } });
        assert.equal(res.statusCode, 200, res.body);
        const body = res.json() as { objects?: Obj[]; more?: boolean; next?: string };
        out.push(...(body.objects ?? []).map((o) => o.id));
        if (body.more !== true) return out;
        next = body.next;
      }
    }

    before(async () => {
      node = await startNode({}, engine);
      reader = await buildPerson(node.services);
      await load([open, open2, changing], true);
      await load([hidden, changing2], false);
      await load([seen, toHidden, toChanging], true);
      all = await node.services.collections.add(CLI, { title: 'Everything', read: ['*'] });
    });
    after(() => node.dispose());

    test('ends in the same page and ends in earlier pages give the same answer', async () => {
      // Only this test's objects (the node also holds its identities and marking definitions).
      const mine = new Set([open.id, open2.id, hidden.id, changing.id, seen.id, toHidden.id, toChanging.id]);
      for (const limit of [1000, 1, 2])
        assert.deepEqual(
          (await read('', limit)).filter((id) => mine.has(id)),
          [open.id, open2.id, seen.id],
          `limit ${limit}`,
        );
    });

    test("an end's older version in the page does not stand for its latest", async () => {
      // With `first`, the page holds the end's readable first version and not its hidden latest.
      for (const version of ['all', 'first']) {
        const ids = await read(`&match[version]=${version}`, 1000);
        assert.ok(ids.includes(changing.id), 'the readable first version is served');
        assert.ok(!ids.includes(toChanging.id), `${version}: the relationship to an end whose latest version is hidden is not`);
        assert.ok(ids.includes(seen.id));
        assert.ok(!ids.includes(toHidden.id));
      }
    });
  });
