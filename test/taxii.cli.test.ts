// `concord collection add|list|show|update|remove` as an operator runs it (issue 4), against
// one SQLite data directory, in order.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConcord, type CliResult } from './helpers/cli.ts';

interface CollectionJson {
  id: string;
  kind: string;
  alias: string | null;
  query: { types?: string[] };
  read: string[];
  write: string[];
}

describe('concord collection', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-collection-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const concord = (args: string[]): CliResult => runConcord(join(dir, 'data'), args);
  function json<T>(args: string[]): T {
    const r = concord([...args, '--json']);
    assert.equal(r.code, 0, `concord ${args.join(' ')}: ${r.err}`);
    return JSON.parse(r.out) as T;
  }

  test('adds a query and a target collection, lists, updates and removes them', () => {
    const org = json<{ id: string }>(['org', 'add', '--name', 'CERT-Test']);
    const q = json<CollectionJson>(['collection', 'add', '--title', 'Indicators', '--type', 'indicator', '--read', '*', '--alias', 'iocs']);
    assert.deepEqual([q.kind, q.alias, q.query.types, q.read], ['query', 'iocs', ['indicator'], ['*']]);
    const t = json<CollectionJson>([
      'collection',
      'add',
      '--title',
      'Inbox',
      '--kind',
      'target',
      '--read',
      'org:CERT-Test',
      '--write',
      'org:CERT-Test',
    ]);
    assert.deepEqual([t.kind, t.read, t.write], ['target', [`org:${org.id}`], [`org:${org.id}`]]);
    assert.equal(json<CollectionJson[]>(['collection', 'list']).length, 2);
    const u = json<CollectionJson>(['collection', 'update', 'iocs', '--read', 'community:nato']);
    assert.deepEqual(u.read, ['community:nato']);
    const refused = concord(['collection', 'update', 'iocs', '--write', '*']);
    assert.equal(refused.code, 2);
    assert.match(refused.err, /query collection cannot be written/);
    assert.equal(concord(['collection', 'remove', 'iocs']).code, 0);
    assert.equal(json<CollectionJson[]>(['collection', 'list']).length, 1);
    assert.equal(concord(['collection', 'add', '--title', 'X', '--kind', 'nope']).code, 2);
  });
});
