// TaxiiService on a real store (issue 14: service-level tests): which collections a user is
// shown, paging that counts only what the caller may read, add-objects with its status
// resource, and object versions, without HTTP.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CLI, type UserPrincipal } from '../src/domain/identity/principal.ts';
import { LATEST, parseTaxiiQuery } from '../src/domain/taxii/params.ts';
import type { Collection } from '../src/domain/collections/types.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildPerson } from './helpers/people.ts';
import { buildIndicator, buildMalware, nextVersion } from './helpers/stix.ts';

const ALL_MATCH = ['id', 'type', 'version', 'spec_version'] as const;
const nameOf = (json: string): string => String((JSON.parse(json) as { name?: unknown }).name);

describe('TaxiiService', () => {
  let node: TestNode;
  let alice: UserPrincipal;
  let bob: UserPrincipal;
  let shared: Collection;
  let indicators: Collection;

  before(async () => {
    node = await startNode();
    const a = await buildPerson(node.services);
    const b = await buildPerson(node.services);
    alice = await node.services.auth.fromToken(a.token);
    bob = await node.services.auth.fromToken(b.token);
    shared = await node.services.collections.add(CLI, { title: 'Shared', kind: 'target', read: ['*'], write: [`org:${a.org.id}`] });
    indicators = await node.services.collections.add(CLI, { title: 'Indicators', types: ['indicator'], read: [`org:${a.org.id}`] });
    await node.services.collections.add(CLI, { title: 'Nobody', read: [] });
  });
  after(() => node?.dispose());

  const addAndWait = async (who: UserPrincipal, objects: unknown[]) => {
    const pending = await node.services.taxii.add(who, shared.id, { objects });
    await node.services.taxii.idle();
    return { pending, done: await node.services.taxii.status(who, pending.id) };
  };

  it('lists the collections a user may read or write, with the rights granted', async () => {
    const seen = async (p: UserPrincipal) =>
      (await node.services.taxii.collections(p)).map((v) => [v.collection.title, v.rights.canRead, v.rights.canWrite]);
    assert.deepEqual(await seen(alice), [
      ['Indicators', true, false],
      ['Shared', true, true],
    ]);
    assert.deepEqual(await seen(bob), [['Shared', true, false]]);
    await assert.rejects(node.services.taxii.collection(bob, indicators.id), { code: 'NOT_FOUND' });
    await assert.rejects(node.services.taxii.add(bob, shared.id, { objects: [] }), { code: 'ACCESS_DENIED' });
  });

  it('adds objects with a status resource: pending at once, then each success and failure with its reason', async () => {
    const good = buildIndicator({ name: 'added' });
    const bad = buildIndicator({ pattern: undefined });
    const { pending, done } = await addAndWait(alice, [good, bad]);
    assert.deepEqual([pending.status, pending.totalCount, pending.pendingCount], ['pending', 2, 2]);
    assert.deepEqual([done.status, done.successCount, done.failureCount, done.pendingCount], ['complete', 1, 1, 0]);
    assert.deepEqual(
      done.successes.map((s) => s.id),
      [good.id],
    );
    assert.match(done.failures[0]?.message ?? '', /^STIX_INVALID/);
    await assert.rejects(node.services.taxii.status(bob, pending.id), { code: 'NOT_FOUND' }, "another organisation's status is not found");
    await assert.rejects(node.services.taxii.add(alice, shared.id, { objects: 'not a list' }), { code: 'UNPROCESSABLE' });
  });

  it('pages with more and next over what the caller may read only', async () => {
    const more = [buildIndicator({ name: 'p1' }), buildMalware({ name: 'p2' }), buildIndicator({ name: 'p3' })];
    await addAndWait(alice, more);
    const names: string[] = [];
    let filter = parseTaxiiQuery({ limit: '2' }, ALL_MATCH);
    for (let pages = 1; ; pages++) {
      const page = await node.services.taxii.read(alice, shared.id, filter);
      names.push(...page.entries.map((e) => nameOf(e.object.json)));
      if (!page.more) break;
      assert.ok(page.next && pages < 5);
      filter = parseTaxiiQuery({ limit: '2', next: page.next }, ALL_MATCH);
    }
    assert.deepEqual(names, ['added', 'p1', 'p2', 'p3']);
    // Alice's organisation's default is TLP:AMBER for the organisation: Bob reads none of it, and
    // the page does not tell him anything was withheld.
    assert.deepEqual(await node.services.taxii.read(bob, shared.id, parseTaxiiQuery({ limit: '2' }, ALL_MATCH)), {
      entries: [],
      more: false,
    });
    const malware = await node.services.taxii.read(alice, shared.id, parseTaxiiQuery({ 'match[type]': 'malware' }, ALL_MATCH));
    assert.deepEqual(
      malware.entries.map((e) => nameOf(e.object.json)),
      ['p2'],
    );
  });

  it('gives every version of an object, and the latest one by default', async () => {
    const v1 = buildIndicator({ name: 'v1' });
    const v2 = nextVersion(v1, { name: 'v2' });
    await addAndWait(alice, [v1, v2]);
    const versions = await node.services.taxii.versions(alice, shared.id, v1.id, { select: LATEST });
    assert.deepEqual(
      versions.entries.map((e) => nameOf(e.object.json)),
      ['v1', 'v2'],
    );
    const latest = await node.services.taxii.object(alice, shared.id, v1.id, { select: LATEST });
    assert.deepEqual(
      latest.entries.map((e) => nameOf(e.object.json)),
      ['v2'],
    );
    await assert.rejects(node.services.taxii.object(bob, shared.id, v1.id, { select: LATEST }), { code: 'NOT_FOUND' });
    await assert.rejects(node.services.taxii.read(alice, 'no-such-collection', { select: LATEST }), { code: 'NOT_FOUND' });
  });
});
