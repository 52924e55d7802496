// The store contract for correlation (CorrelationRepo, issue 17, must 5), on every engine: an
// object's values from the observables index of its latest version, and a value's other latest
// carriers, newest first and paged by seq, each with its access label.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AccessLabel } from '../src/domain/access/types.ts';
import type { Observable } from '../src/domain/observables/types.ts';
import { buildPrepared } from './helpers/prepared.ts';
import { contractSuite } from './helpers/store-contract.ts';

const LABEL: AccessLabel = { ownerOrg: 'org-a', tlp: 'green', distribution: { kind: 'federation' } };
const IP: Observable = { kind: 'ipv4', value: '185.220.101.10' };
const DOMAIN: Observable = { kind: 'domain', value: 'cdn.badcorp.io' };

contractSuite('store contract: correlation', (ctx) => {
  const repo = () => ctx.store.correlation;

  it("gives an object's values from its latest version only, and nothing for an object not held", async () => {
    const v1 = buildPrepared({ observables: [IP] });
    const v2 = buildPrepared({ id: v1.id, modified: '2024-02-01T00:00:00.000Z', observables: [DOMAIN, IP] });
    await ctx.store.objects.insertBatch([v1], [LABEL]);
    await ctx.store.objects.insertBatch([v2], [LABEL]);
    const held = await repo().valuesOf(v1.id);
    assert.ok(held);
    assert.deepEqual(held.values, [DOMAIN, IP]);
    assert.equal(await repo().valuesOf('indicator--00000000-0000-4000-8000-000000000000'), undefined);
  });

  it("lists a value's other latest carriers newest first, with labels, paged by seq", async () => {
    const root = buildPrepared({ name: 'root', observables: [IP] });
    const others = Array.from({ length: 5 }, (_, i) => buildPrepared({ name: `other ${i}`, observables: [IP] }));
    const unrelated = buildPrepared({ name: 'unrelated', observables: [DOMAIN] });
    await ctx.store.objects.insertBatch([root, ...others, unrelated], [LABEL, LABEL, LABEL, null, LABEL, LABEL, LABEL]);
    const held = await repo().valuesOf(root.id);
    assert.ok(held);
    const first = await repo().carriers(IP, held.seq, undefined, 3);
    assert.deepEqual(
      first.map((c) => c.object.id),
      [others[4]?.id, others[3]?.id, others[2]?.id],
    );
    assert.deepEqual(first[0]?.label, LABEL);
    assert.equal(first[2]?.label, null, 'an unlabelled version comes with a null label');
    const rest = await repo().carriers(IP, held.seq, first.at(-1)?.object.seq, 10);
    assert.deepEqual(
      rest.map((c) => c.object.id),
      [others[1]?.id, others[0]?.id],
    );
    assert.deepEqual(await repo().carriers({ kind: 'ipv4', value: '192.0.2.99' }, held.seq, undefined, 10), []);
  });

  it('a superseded version no longer carries what it held', async () => {
    const root = buildPrepared({ observables: [IP] });
    const other = buildPrepared({ observables: [IP] });
    await ctx.store.objects.insertBatch([root, other], [LABEL, LABEL]);
    await ctx.store.objects.insertBatch(
      [buildPrepared({ id: other.id, modified: '2024-03-01T00:00:00.000Z', observables: [DOMAIN] })],
      [LABEL],
    );
    const held = await repo().valuesOf(root.id);
    assert.ok(held);
    assert.deepEqual(await repo().carriers(IP, held.seq, undefined, 10), []);
  });
});
