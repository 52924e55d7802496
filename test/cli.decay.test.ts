// `concord decay` as an operator runs it (issue 17, musts 6 and 8): the models, setting one
// kind's options with errors naming the option, an indicator's score with its reasons, a reset,
// and `concord export --min-score` leaving out what has decayed.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DecayModel, DecayScore } from '../src/domain/decay/api.ts';
import { runConcord } from './helpers/cli.ts';
import { buildIndicator } from './helpers/stix.ts';

const DAY = 86_400_000;
const daysAgo = (d: number): string => new Date(Date.now() - d * DAY).toISOString();

describe('concord decay', () => {
  let dir: string;
  let data: string;
  const fresh = buildIndicator({ valid_from: daysAgo(0), pattern: "[url:value = 'http://fresh.example/a']" });
  const old = buildIndicator({ valid_from: daysAgo(150), pattern: "[url:value = 'http://old.example/a']" });

  const ok = (args: string[]): string => {
    const r = runConcord(data, args);
    assert.equal(r.code, 0, `concord ${args.join(' ')}: ${r.err}`);
    return r.out;
  };
  const json = <T>(args: string[]): T => JSON.parse(ok([...args, '--json'])) as T;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-decay-'));
    data = join(dir, 'data');
    const file = join(dir, 'bundle.json');
    await writeFile(file, JSON.stringify({ type: 'bundle', id: 'bundle--0f1e2d3c-4b5a-4968-8776-655443322110', objects: [fresh, old] }));
    ok(['import', file]);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('lists every kind’s model, the defaults marked', () => {
    const out = ok(['decay', 'models']);
    assert.match(out, /^ipv4\s+60 d\s+3\s+80\s+20\s+\+10\s+-25\s+default$/m);
    assert.match(out, /^url\s+180 d/m);
  });

  test('scores an indicator with its reasons, and a changed model changes it at once', () => {
    const before = json<DecayScore>(['decay', 'score', old.id]);
    assert.equal(before.kind, 'url');
    assert.match(ok(['decay', 'score', old.id]), /from 80 to 0 over 180 days/);
    const set = json<{ models: DecayModel[] }>(['decay', 'set', 'url', '--lifetime-days', '120']);
    assert.equal(set.models.find((m) => m.kind === 'url')?.lifetimeDays, 120);
    assert.match(ok(['decay', 'models']), /^url\s+120 d.*set$/m);
    const after = json<DecayScore>(['decay', 'score', old.id]);
    assert.equal(after.score, 0, 'older than the new lifetime');
    assert.ok(before.score > 0);
    ok(['decay', 'reset', 'url']);
    assert.match(ok(['decay', 'models']), /^url\s+180 d.*default$/m);
  });

  test('bad input names the option; nothing changes', () => {
    const bad = runConcord(data, ['decay', 'set', 'ipv4', '--decay-speed', 'fast']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /decaySpeed must be .* \(--decay-speed\)/);
    const kind = runConcord(data, ['decay', 'set', 'ipv5', '--threshold', '10']);
    assert.equal(kind.code, 2);
    assert.match(kind.err, /\(<kind>\)/);
    assert.match(ok(['decay', 'models']), /^ipv4\s+60 d\s+3\s/m);
    const missing = runConcord(data, ['decay', 'score', 'indicator--00000000-0000-4000-8000-000000000000']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /NOT_FOUND/);
  });

  test('export --min-score leaves out decayed indicators', () => {
    const ids = (args: string[]) =>
      (JSON.parse(ok(['export', '--type', 'indicator', ...args])) as { objects: { id: string }[] }).objects.map((o) => o.id);
    assert.deepEqual(ids([]).sort(), [fresh.id, old.id].sort());
    assert.deepEqual(ids(['--min-score', '50']), [fresh.id]);
    const bad = runConcord(data, ['export', '--min-score', '200']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--min-score takes a score from 0 to 100/);
  });

  test('a TAXII collection takes a minimum score; a bad one names the option', () => {
    const c = json<{ query: { minScore?: number } }>([
      'collection',
      'add',
      '--title',
      'Live',
      '--type',
      'indicator',
      '--min-score',
      '50',
      '--read',
      '*',
    ]);
    assert.equal(c.query.minScore, 50);
    const bad = runConcord(data, ['collection', 'add', '--title', 'Bad', '--min-score', 'high']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /minScore must be a score from 0 to 100.*\(--min-score\)/);
  });
});
