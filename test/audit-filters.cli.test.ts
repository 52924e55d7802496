// `concord audit list` with its filters and `concord import` recorded in the audit log (issue 15,
// must 9), as an operator runs them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndicator, bundle } from './helpers/stix.ts';
import { runConcord, type CliResult } from './helpers/cli.ts';

interface Entry {
  seq: number;
  at: string;
  actor: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

describe('concord audit list filters', () => {
  let dir: string;
  let data: string;
  const concord = (args: string[]): CliResult => runConcord(data, args);
  const entries = (args: string[]): Entry[] => {
    const r = concord(['audit', 'list', ...args, '--json']);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as Entry[];
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-audit-filters-'));
    data = join(dir, 'data');
    const file = join(dir, 'CERT bundle.json');
    await writeFile(file, JSON.stringify(bundle([1, 2].map((n) => buildIndicator({ name: `cli ${n}` })))));
    const imported = concord(['import', file]);
    assert.equal(imported.code, 0, imported.err);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('concord import is one entry by the command line, naming the file and what it stored', () => {
    const [entry, ...more] = entries(['--action', 'import']);
    assert.equal(more.length, 0);
    assert.equal(entry?.actor, 'system:cli');
    assert.deepEqual([entry?.details['file'], entry?.details['read'], entry?.details['accepted']], ['CERT bundle.json', 2, 2]);
  });

  test('--actor, --since, --until, --target and --q narrow the list', () => {
    const all = entries(['--limit', '500']);
    assert.ok(all.length >= 2);
    const imported = all.find((e) => e.action === 'import');
    assert.ok(imported);
    assert.ok(entries(['--actor', 'system:cli']).some((e) => e.seq === imported.seq));
    assert.equal(entries(['--actor', 'user:nobody']).length, 0);
    const day = imported.at.slice(0, 10);
    assert.ok(entries(['--since', day, '--until', day]).some((e) => e.seq === imported.seq));
    assert.equal(entries(['--until', '2000-01-01']).length, 0);
    assert.equal(entries(['--since', '2999-01-01']).length, 0);
    assert.deepEqual(
      entries(['--q', 'cert BUNDLE']).map((e) => e.seq),
      [imported.seq],
    );
    const someTarget = all.find((e) => e.target !== null);
    if (someTarget) assert.ok(entries(['--target', someTarget.target ?? '']).every((e) => e.target === someTarget.target));
  });

  test('pages say how to get the next; a bad date names its flag; actions lists what occurs', () => {
    const text = concord(['audit', 'list', '--limit', '1']);
    assert.match(text.out, /more: --before \d+/);
    const bad = concord(['audit', 'list', '--since', '07/12/2026']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /since/);
    const actions = concord(['audit', 'actions']);
    assert.equal(actions.code, 0, actions.err);
    assert.ok(actions.out.split('\n').includes('import'));
  });
});
