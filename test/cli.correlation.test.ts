// `concord correlation` and `concord warninglist` as an operator runs them (issue 17, must 5 and
// 8): "also seen in" with the correlation limit and warninglists, the lists loaded, a value checked.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Correlation } from '../src/domain/correlation/api.ts';
import { runConcord, type CliResult } from './helpers/cli.ts';
import { sharedPath, skipUnlessShared } from './helpers/shared.ts';
import { buildIndicator, bundle } from './helpers/stix.ts';

const LISTS = sharedPath('data', 'misp-warninglists', 'lists');

describe('concord correlation and concord warninglist', { skip: skipUnlessShared(LISTS) }, () => {
  let dir: string;
  const root = buildIndicator({
    name: 'Root',
    pattern: "[ipv4-addr:value = '185.220.101.10' OR ipv4-addr:value = '8.8.8.8' OR domain-name:value = 'cdn.badcorp.io']",
  });
  const other = buildIndicator({ name: 'Other', pattern: "[ipv4-addr:value = '185.220.101.10' OR ipv4-addr:value = '8.8.8.8']" });
  const common = [1, 2, 3].map((i) => buildIndicator({ name: `Common ${i}`, pattern: "[domain-name:value = 'cdn.badcorp.io']" }));

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-cli-correlation-'));
    const file = join(dir, 'bundle.json');
    await writeFile(file, JSON.stringify(bundle([root, other, ...common])));
    const imported = concord(['import', file, '--tlp', 'green']);
    assert.equal(imported.code, 0, imported.err);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  function concord(args: string[]): CliResult {
    return runConcord(join(dir, 'data'), args);
  }
  const withLists = (args: string[]) => concord([...args, '--warninglists', LISTS, '--correlation-limit', '2']);

  test('prints each value with the objects it is also seen in; too common and warninglisted values are not expanded', () => {
    const r = withLists(['correlation', root.id]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines[0], `${root.id}: 3 values (correlation limit 2)`);
    assert.ok(lines.includes('ipv4 185.220.101.10: 1 other object'), r.out);
    assert.ok(lines.includes(`  ${other.id}  Other`), r.out);
    assert.ok(lines.includes('domain cdn.badcorp.io: too common: more than 2 other objects'), r.out);
    assert.ok(
      lines.some((l) => l.startsWith('ipv4 8.8.8.8: 1 other object; on warninglist public-dns-v4 (')),
      r.out,
    );
    assert.equal(lines.filter((l) => l.startsWith('  ')).length, 1, 'only the plain value is expanded');

    const json = withLists(['correlation', root.id, '--json']);
    const c = JSON.parse(json.out) as Correlation;
    assert.equal(c.limit, 2);
    assert.deepEqual(c.values.find((v) => v.value === 'cdn.badcorp.io')?.seenIn, []);
  });

  test('an object not held is an error naming it', () => {
    const r = concord(['correlation', 'indicator--00000000-0000-4000-8000-000000000000']);
    assert.notEqual(r.code, 0);
    assert.match(r.err, /NOT_FOUND: indicator--00000000-0000-4000-8000-000000000000 not found/);
  });

  test('warninglist list and check', () => {
    const list = withLists(['warninglist', 'list']);
    assert.equal(list.code, 0, list.err);
    const rows = list.out.trimEnd().split('\n');
    assert.equal(rows.length, 15);
    assert.match(
      rows.find((l) => l.startsWith('public-dns-v4\t')) ?? '',
      /^public-dns-v4\tcidr\t\d{5,}\tList of known IPv4 public DNS resolvers/,
    );

    const hit = withLists(['warninglist', 'check', '1.1.1.1']);
    assert.match(hit.out, /^1\.1\.1\.1 \(ipv4\): public-dns-v4\t/m);
    const miss = withLists(['warninglist', 'check', 'cdn.badcorp.io']);
    assert.equal(miss.out, 'cdn.badcorp.io (domain): on no warninglist\n');
    const bad = withLists(['warninglist', 'check', 'x', '--kind', 'planet']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /--kind must be one of/);
    const none = concord(['warninglist', 'list']);
    assert.equal(none.out, '');
    assert.match(none.err, /no warninglists configured/);
  });
});
