// The store contract for feed names and the audit log's filters (issue 15, must 9), on every
// engine: names unique (CONFLICT), renamed, found; audit entries filtered by actor, action, time,
// target and words, keyset paged without gaps or repeats under a filter.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ConflictError } from '../src/errors.ts';
import { buildFeed } from './helpers/feeds.ts';
import { contractSuite } from './helpers/store-contract.ts';

contractSuite('store contract: feed names and audit filters', (ctx) => {
  it('keeps feed names unique, finds a feed by name and renames it', async () => {
    const feeds = ctx.store.feeds;
    await feeds.create(buildFeed({ id: 'f1', name: 'CIRCL OSINT' }));
    await feeds.create(buildFeed({ id: 'f2', name: 'abuse.ch' }));
    await assert.rejects(feeds.create(buildFeed({ id: 'f3', name: 'CIRCL OSINT' })), ConflictError);
    assert.equal((await feeds.findByName('CIRCL OSINT'))?.id, 'f1');
    assert.equal(await feeds.findByName('nothing'), undefined);
    await assert.rejects(feeds.rename('f2', 'CIRCL OSINT'), ConflictError);
    assert.equal(await feeds.rename('f2', 'abuse.ch URLhaus'), true);
    assert.equal(await feeds.rename('nope', 'x'), false);
    assert.deepEqual(
      (await feeds.list()).map((f) => f.name),
      ['CIRCL OSINT', 'abuse.ch URLhaus'],
    );
  });

  it('filters the audit log by actor, action, time, target and words, and pages under a filter', async () => {
    const audit = ctx.store.audit;
    for (let i = 0; i < 30; i++) {
      await audit.append({
        action: i % 3 === 0 ? 'import' : 'auth.login',
        actor: i % 2 === 0 ? 'user:alice' : i % 5 === 0 ? 'user:alice/token:t1' : 'system:feed-scheduler',
        target: i % 3 === 0 ? `job-${i}` : null,
        details: { file: i === 9 ? 'Sandworm_100%.json' : `bundle-${i}.json` },
      });
    }
    const all = await audit.list({ limit: 100 });
    assert.equal(all.items.length, 30);
    const seqs = (p: { items: { seq: number }[] }) => p.items.map((e) => e.seq);

    const imports = await audit.list({ limit: 100, action: 'import' });
    assert.equal(imports.items.length, 10);
    assert.ok(imports.items.every((e) => e.action === 'import'));

    // An actor finds that user's token use too, and nobody else's.
    const alice = await audit.list({ limit: 100, actor: 'user:alice' });
    assert.ok(alice.items.every((e) => e.actor === 'user:alice' || e.actor === 'user:alice/token:t1'));
    assert.ok(alice.items.some((e) => e.actor === 'user:alice/token:t1'));
    assert.equal((await audit.list({ limit: 100, actor: 'user:ali' })).items.length, 0);

    assert.deepEqual(seqs(await audit.list({ limit: 100, target: 'job-9' })), [10]);
    // Words: any case, LIKE's wildcards taken literally.
    assert.deepEqual(seqs(await audit.list({ limit: 100, q: 'SANDWORM_100%' })), [10]);
    assert.equal((await audit.list({ limit: 100, q: 'bundle 1_' })).items.length, 0);
    assert.deepEqual(seqs(await audit.list({ limit: 100, q: 'job-2' })), [28, 25, 22]);

    const times = all.items.map((e) => e.at).sort();
    const mid = times[15] as string;
    const since = await audit.list({ limit: 100, since: mid });
    assert.ok(since.items.length >= 15 && since.items.every((e) => e.at >= mid));
    const until = await audit.list({ limit: 100, until: mid });
    assert.ok(until.items.every((e) => e.at < mid));
    assert.equal(since.items.length + until.items.length, 30);

    // Pages of 3 under a filter: every match once, in order.
    const paged: number[] = [];
    let after: number | undefined;
    for (;;) {
      const page = await audit.list({ limit: 3, action: 'auth.login', ...(after !== undefined ? { after } : {}) });
      paged.push(...seqs(page));
      if (page.next === null) break;
      after = page.next;
    }
    assert.deepEqual(paged, seqs(await audit.list({ limit: 100, action: 'auth.login' })));
    assert.equal(paged.length, 20);

    assert.deepEqual(await audit.actions(), ['auth.login', 'import']);
  });
});
