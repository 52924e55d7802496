// The source of what ingestion stores (issue 15, must 3): each run is recorded once, at its first
// stored version, and names every version it stores; a run of several imports (a feed's pages)
// shares one record; a run with nothing to write records nothing; a caller that names no source
// gets one guessed from its `source` string.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CLI } from '../src/domain/identity/principal.ts';
import { guessedSource, RunSource, type ImportOptions } from '../src/services/ingest.service.ts';
import { startNode, type TestNode } from './helpers/node.ts';
import { buildIndicator, bundle, type Obj } from './helpers/stix.ts';

describe('IngestService: the source of each run', () => {
  let node: TestNode;
  before(async () => {
    node = await startNode();
  });
  after(() => node?.dispose());

  const ingest = async (objects: Obj[], options: Omit<ImportOptions, 'owner'>) =>
    node.services.ingest.importStream([JSON.stringify(bundle(objects))], { ...options, owner: await node.services.importOwner(CLI) });
  const runOf = async (id: string) => {
    const seq = (await node.store.objects.get(id))?.seq ?? -1;
    return (await node.store.sources.ofVersions([seq])).get(seq);
  };

  it('names the run of each version; the pages of one run share one record', async () => {
    const pages = [[buildIndicator()], [buildIndicator()]];
    const from = new RunSource({ kind: 'feed', label: 'https://feeds.example/taxii2/', jobId: 'feed-1' });
    for (const page of pages) await ingest(page, { source: 'feed:feed-1', from });
    const [a, b] = await Promise.all(pages.map((p) => runOf((p[0] as Obj).id)));
    assert.equal(a?.kind, 'feed');
    assert.equal(a?.label, 'https://feeds.example/taxii2/');
    assert.equal(a?.id, b?.id);
  });

  it('records nothing for a run with nothing to write; an unchanged version keeps its first run', async () => {
    const o = buildIndicator();
    await ingest([o], { source: 'file:first.json', from: { kind: 'cli', label: 'first.json' } });
    // Every object refused: no batch is written, no run recorded.
    const refused = new RunSource({ kind: 'cli', label: 'invalid.json' });
    const s = await ingest([buildIndicator({ pattern: undefined })], { source: 'file:invalid.json', from: refused });
    assert.equal(s.quarantined, 1);
    assert.equal(refused.id, undefined);
    // A re-import is recorded (whether a version is new is known only as it is written), but
    // the version held keeps the run that stored it.
    await ingest([o], { source: 'file:again.json', from: { kind: 'cli', label: 'again.json' } });
    assert.equal((await runOf(o.id))?.label, 'first.json');
  });

  it('guesses the source of a caller that names none', () => {
    const writer = { orgId: 'identity--o', tlp: 'amber' as const, distribution: { kind: 'organization' as const } };
    const user = { ...writer, actor: 'user:alice/token:t1', writer: { orgId: 'identity--o', roles: ['analyst' as const] } };
    assert.deepEqual(guessedSource({ source: 'upload:job-1', owner: user }), { kind: 'upload', jobId: 'job-1', actor: 'alice' });
    assert.deepEqual(guessedSource({ source: 'file:x.json' }), { kind: 'cli', label: 'x.json' });
    assert.deepEqual(guessedSource({ source: 'bench', owner: { ...writer, actor: 'system:cli' } }), {
      kind: 'system',
      label: 'bench',
      actor: null,
    });
  });
});
