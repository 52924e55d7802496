// The Explorer's API (issue 15, must 5) on both engines: totals and facets under the access
// policy, sort orders with keyset cursors, relevance for text, what is hidden by default, CSV
// export that a spreadsheet cannot execute, and saved searches that are each user's own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startNode, type TestNode } from './helpers/node.ts';
import { ENGINES } from './helpers/store-engines.ts';
import { buildPerson, type Person } from './helpers/people.ts';
import { sharedPath, skipUnlessShared } from './helpers/shared.ts';
import { buildIndicator, buildMalware, type Obj } from './helpers/stix.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { MITRE_IDENTITY_ID } from '../src/domain/explorer/rules.ts';

const ICS = sharedPath('data', 'attack', 'ics-attack-18.1.json');

interface ListBody {
  objects: Obj[];
  next: string | null;
  owners: Record<string, string>;
  total?: { count: number; exact: boolean };
  facets?: Record<'type' | 'tlp' | 'owner' | 'label', { value: string; name?: string; count: number }[]>;
  ranked?: { complete: boolean };
}

const at = (minute: number) => new Date(Date.UTC(2025, 0, 1, 0, minute)).toISOString();

for (const engine of ENGINES)
  describe(`Explorer API on ${engine.name}`, { skip: engine.skip }, () => {
    let node: TestNode;
    let alice: Person;
    let bob: Person;
    // Organisation A's amber objects (only A reads them) and public ones everyone reads.
    const amber = [
      buildMalware({ name: 'GridRat', labels: ['ics', 'grid'], created: at(1), modified: at(1), confidence: 80 }),
      buildIndicator({ name: 'Grid C2', labels: ['ics'], created: at(2), modified: at(9) }),
    ];
    const formula = buildIndicator({
      name: '=HYPERLINK("http://evil.example/x","click")',
      labels: ['+cmd', 'plain'],
      created: at(3),
      modified: at(3),
    });
    const deprecated = buildMalware({
      name: 'Oldware',
      x_mitre_deprecated: true,
      created_by_ref: MITRE_IDENTITY_ID,
      created: at(4),
      modified: at(4),
    });
    const revoked = buildMalware({ name: 'Revokedware', revoked: true, created: at(5), modified: at(5) });
    const pub = [
      buildMalware({ name: 'Alpha', labels: ['ics'], created: at(6), modified: at(8) }),
      buildMalware({ name: 'beta', created: at(7), modified: at(7) }),
      buildMalware({ name: 'Gamma', created: at(5), modified: at(6) }),
      formula,
      deprecated,
      revoked,
    ];

    async function importAs(who: Person, objects: unknown[], tlp: string, distribution: string) {
      const principal = await node.services.auth.fromToken(who.token);
      const owner = await node.services.importOwner(principal, { tlp, distribution });
      const summary = await node.services.ingest.importStream([JSON.stringify(objects)], { source: 'test', owner });
      assert.equal(summary.quarantined, 0, JSON.stringify(summary));
    }

    before(async () => {
      node = await startNode({}, engine);
      alice = await buildPerson(node.services, { orgName: 'Grid CERT' });
      bob = await buildPerson(node.services, { orgName: 'Other CSIRT' });
      await importAs(alice, amber, 'amber', 'organization');
      await importAs(bob, pub, 'clear', 'federation');
    });
    after(() => node.dispose());

    const list = async (who: Person, query: string): Promise<ListBody> => {
      const res = await node.app.inject({ method: 'GET', url: `/api/v1/objects?${query}`, headers: who.auth });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as ListBody;
    };
    const names = (b: ListBody) => b.objects.map((o) => String(o['name']));

    test('the total and facets count only what the reader may see', async () => {
      const a = await list(alice, 'type=malware,indicator');
      const b = await list(bob, 'type=malware,indicator');
      // Alice: her 2 amber objects and the 4 public ones shown by default; Bob: the public ones only.
      assert.deepEqual(a.total, { count: 6, exact: true });
      assert.deepEqual(b.total, { count: 4, exact: true });
      assert.deepEqual(
        b.facets?.type.map((f) => [f.value, f.count]),
        [
          ['malware', 3],
          ['indicator', 1],
        ],
      );
      assert.deepEqual(b.facets?.tlp, [{ value: 'clear', count: 4 }]);
      assert.deepEqual(
        a.facets?.owner.map((f) => [f.name, f.count]),
        [
          ['Other CSIRT', 4],
          ['Grid CERT', 2],
        ],
      );
      assert.deepEqual(a.facets?.label.find((f) => f.value === 'ics')?.count, 3);
      assert.equal(
        b.facets?.label.find((f) => f.value === 'grid'),
        undefined,
        "Bob's facets say nothing of Alice's labels",
      );
      assert.equal(a.owners[String(amber[0]?.id)], 'Grid CERT', 'the owner column has names');
      // A facet value filters: the owner facet's id narrows to that organisation.
      const own = await list(alice, `type=malware,indicator&owner=${alice.org.id}`);
      assert.deepEqual(names(own).sort(), ['Grid C2', 'GridRat']);
      assert.equal((await list(alice, 'type=malware,indicator&tlp=amber')).total?.count, 2);
      assert.equal((await list(alice, 'label=grid')).total?.count, 1);
    });

    test('a text search counts exactly from label groups, and reads granular-marked matches up to the bound', async () => {
      const small = await startNode({ CONCORD_LIST_SCAN_ROWS: '100' }, engine);
      try {
        // Granular markings may withhold what the text matched, so these are read one by one.
        const granular = { granular_markings: [{ marking_ref: TLP2_MARKING_IDS.green, selectors: ['description'] }] };
        await small.load(
          Array.from({ length: 250 }, (_, n) => buildMalware({ name: `m${n}`, description: 'substation beacon', ...granular })),
        );
        await small.load(Array.from({ length: 150 }, (_, n) => buildMalware({ name: `plain ${n}`, description: 'substation beacon' })));
        const get = async (url: string) => (await small.api({ method: 'GET', url })).json() as ListBody;
        assert.deepEqual(
          (await get('/api/v1/objects?type=malware&limit=2')).total,
          { count: 400, exact: true },
          'no text: exact from groups',
        );
        const texted = (await get('/api/v1/objects?q=beacon&limit=2')).total;
        assert.equal(texted?.exact, false);
        assert.ok((texted?.count ?? 0) >= 150 + 100 && (texted?.count ?? 0) < 400, JSON.stringify(texted));
      } finally {
        await small.dispose();
      }
    });

    test('the store groups at most the bound of matching versions, and says when it stopped', async () => {
      const sum = (g: { count: number }[]) => g.reduce((n, x) => n + x.count, 0);
      const all = await node.store.objects.searchGroups({ types: ['malware'] }, 1000);
      assert.equal(all.capped, false);
      assert.equal(sum(all.groups), 6);
      const two = await node.store.objects.searchGroups({ types: ['malware'] }, 2);
      assert.equal(two.capped, true);
      assert.equal(sum(two.groups), 2);
    });

    test('sorts by name, modified, created and type, with cursors that continue the order', async () => {
      const all = async (who: Person, query: string): Promise<string[]> => {
        const out: string[] = [];
        let cursor: string | null = null;
        do {
          const body: ListBody = await list(who, `${query}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
          out.push(...names(body));
          cursor = body.next;
        } while (cursor !== null);
        return out;
      };
      const expected = ['=HYPERLINK("http://evil.example/x","click")', 'Alpha', 'beta', 'Gamma', 'Grid C2', 'GridRat'];
      assert.deepEqual(await all(alice, 'type=malware,indicator&sort=name'), expected, 'names compare without case');
      assert.deepEqual(await all(alice, 'type=malware,indicator&sort=-name'), [...expected].reverse());
      assert.deepEqual((await all(alice, 'type=malware,indicator&sort=-modified')).slice(0, 3), ['Grid C2', 'Alpha', 'beta']);
      assert.deepEqual((await all(alice, 'type=malware,indicator&sort=created')).slice(0, 2), ['GridRat', 'Grid C2']);
      const byType = await all(alice, 'type=malware,indicator&sort=type');
      assert.deepEqual(byType.slice(0, 2).sort(), ['=HYPERLINK("http://evil.example/x","click")', 'Grid C2']);
      // A cursor of one order is refused in another.
      const first = await list(alice, 'type=malware&sort=name&limit=1');
      const res = await node.app.inject({
        method: 'GET',
        url: `/api/v1/objects?type=malware&sort=-modified&cursor=${encodeURIComponent(String(first.next))}`,
        headers: alice.auth,
      });
      assert.equal(res.statusCode, 400);
    });

    test('deprecated, revoked and system objects are hidden unless included', async () => {
      const shown = names(await list(alice, 'type=malware'));
      assert.ok(!shown.includes('Oldware') && !shown.includes('Revokedware'), shown.join());
      assert.ok(names(await list(alice, 'type=malware&include=deprecated')).includes('Oldware'));
      assert.ok(names(await list(alice, 'type=malware&include=revoked')).includes('Revokedware'));
      assert.equal((await list(alice, 'type=marking-definition')).objects.length, 0, 'system objects hidden');
      assert.ok((await list(alice, 'type=marking-definition&include=system')).objects.length > 0);
      const all = await list(alice, 'type=malware&include=all');
      assert.equal(all.total?.count, 6);
    });

    test('CSV export is under the policy and cannot start a formula', async () => {
      const csv = async (who: Person) => {
        const res = await node.app.inject({
          method: 'GET',
          url: '/api/v1/export?format=csv&type=indicator,malware&include=none',
          headers: who.auth,
        });
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers['content-type']), /^text\/csv/);
        return res.body;
      };
      const bobs = await csv(bob);
      const lines = bobs.trim().split('\r\n');
      assert.equal(lines[0], 'id,type,name,created,modified,owner,tlp,labels,confidence');
      assert.equal(lines.length, 5, 'the header and the 4 public objects');
      const row = lines.find((l) => l.startsWith(formula.id)) ?? '';
      assert.ok(row.includes(`"'=HYPERLINK(""http://evil.example/x"",""click"")"`), row);
      assert.ok(row.includes("'+cmd;plain"), row);
      assert.ok(row.includes(',Other CSIRT,clear,'), row);
      assert.ok(!bobs.includes('GridRat'), "Bob's export holds nothing he may not read");
      const alices = await csv(alice);
      assert.match(alices, /GridRat,[^,]*,[^,]*,Grid CERT,amber,ics;grid,80/);
      // The STIX export takes the same filters.
      const res = await node.app.inject({ method: 'GET', url: '/api/v1/export?type=malware&q=grid&include=none', headers: alice.auth });
      const exported = (res.json() as { objects: Obj[] }).objects.map((o) => o['name']);
      assert.deepEqual(exported, ['GridRat']);
    });

    test('saved searches are their owner’s alone', async () => {
      const save = await node.app.inject({
        method: 'POST',
        url: '/api/v1/saved-searches',
        headers: alice.auth,
        payload: { name: 'Grid malware', query: 'type=malware&q=grid' },
      });
      assert.equal(save.statusCode, 201, save.body);
      const saved = save.json() as { id: string };
      const mine = async (who: Person) =>
        (
          (await node.app.inject({ method: 'GET', url: '/api/v1/saved-searches', headers: who.auth })).json() as {
            searches: { id: string; query: string }[];
          }
        ).searches;
      assert.deepEqual(
        (await mine(alice)).map((s) => s.query),
        ['type=malware&q=grid'],
      );
      assert.deepEqual(await mine(bob), [], 'Bob sees none of them');
      const del = (who: Person) => node.app.inject({ method: 'DELETE', url: `/api/v1/saved-searches/${saved.id}`, headers: who.auth });
      assert.equal((await del(bob)).statusCode, 404, "Bob cannot delete Alice's search");
      assert.equal((await del(alice)).statusCode, 204);
      assert.deepEqual(await mine(alice), []);
    });

    test('"sandworm" lists the Sandworm Team first (ATT&CK for ICS)', { skip: skipUnlessShared(ICS) }, async () => {
      const bundle = JSON.parse(await readFile(ICS, 'utf8')) as { objects: Obj[] };
      await importAs(bob, bundle.objects, 'clear', 'federation');
      const found = await list(alice, 'q=sandworm&limit=5');
      assert.equal(found.objects[0]?.['name'], 'Sandworm Team', names(found).join(' | '));
      assert.equal(found.ranked?.complete, true);
      const notpetya = (await list(alice, 'q=sandworm&limit=100')).objects.findIndex((o) => o['name'] === 'NotPetya');
      assert.ok(notpetya > 0, 'NotPetya comes after');
      // The deprecated Industroyer is hidden: one row, the maintained one.
      const industroyer = await list(alice, 'q=industroyer&type=malware');
      assert.deepEqual(
        names(industroyer).filter((n) => n === 'Industroyer'),
        ['Industroyer'],
      );
      assert.equal(industroyer.objects[0]?.['x_mitre_deprecated'], false);
      // An external id is matched before a mere mention.
      assert.equal((await list(alice, 'q=T0865&limit=3')).objects[0]?.['type'], 'attack-pattern');
    });
  });
