// `concord sighting …` as an operator runs it (issue 17, musts 1, 3 and 8): a sighting recorded,
// a CSV of observed values reported (matched to the indicator held here), a refusal naming the
// line at fault with nothing stored, the organisation's default disclosure applied, a sighting
// that arrives by import projected like the others, and the object's sightings read back.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BatchResult, SightingAggregate } from '../src/domain/sightings/api.ts';
import type { RecordedSighting } from '../src/services/sighting.service.ts';
import { runConcord, type CliResult } from './helpers/cli.ts';

describe('concord sighting', () => {
  let dir: string;
  let indicator = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-cli-sightings-'));
    const file = join(dir, 'indicator.json');
    await writeFile(
      file,
      JSON.stringify({
        type: 'indicator',
        name: 'C2',
        pattern: "[ipv4-addr:value = '198.51.100.23']",
        pattern_type: 'stix',
        valid_from: '2026-01-01T00:00:00Z',
      }),
    );
    indicator = (JSON.parse(ok(['object', 'create', '--file', file, '--json'])) as { object: { id: string } }).object.id;
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const concord = (args: string[], input?: string): CliResult => runConcord(join(dir, 'data'), args, input);
  function ok(args: string[], input?: string): string {
    const r = concord(args, input);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.err}`);
    return r.out;
  }
  const list = (): SightingAggregate => JSON.parse(ok(['sighting', 'list', indicator, '--json'])) as SightingAggregate;

  test('records a sighting of an indicator, and lists it', () => {
    const r = JSON.parse(
      ok(['sighting', 'add', indicator, '--count', '5', '--last-seen', '2026-12-05T10:00:00Z', '--json']),
    ) as RecordedSighting;
    assert.equal(r.object['sighting_of_ref'], indicator);
    assert.equal(r.sighting.count, 5);
    const a = list();
    assert.equal(a.sightings, 1);
    assert.equal(a.total, 5);
    assert.match(ok(['sighting', 'list', indicator]), /2026-12-05 +1 +0 +0/);
  });

  test('a CSV batch from stdin is matched and sighted; a bad line is refused by its number, nothing stored; a JSON batch too', async () => {
    const bad = concord(
      ['sighting', 'batch', '-'],
      '198.51.100.23,2026-12-06T10:00:00Z\n# comment\n198.51.100.23,2026-12-06T10:00:00Z,2026-12-01T00:00:00Z\n',
    );
    assert.equal(bad.code, 1);
    assert.match(bad.err, /line 3: lastSeen/);
    assert.equal(list().sightings, 1);
    const r = JSON.parse(
      ok(['sighting', 'batch', '-', '--json'], '198.51.100.23,2026-12-06T10:00:00Z\nexample.org\n198.51.100.23,,,3\n'),
    ) as BatchResult;
    assert.equal(r.received, 3);
    assert.equal(r.matched, 2);
    assert.equal(r.recorded, 2);
    assert.equal(list().sightings, 3);
    const file = join(dir, 'batch.json');
    await writeFile(
      file,
      JSON.stringify({ observed: [{ value: '198.51.100.23', type: 'false-positive' }], disclosure: 'anonymous', tlp: 'green' }),
    );
    const fromJson = JSON.parse(ok(['sighting', 'batch', file, '--json'])) as BatchResult;
    assert.equal(fromJson.recorded, 1);
    const a = list();
    assert.equal(a.falsePositives, 1);
    const fp = a.recent.find((s) => s.type === 'false-positive');
    assert.equal(fp?.disclosure, 'anonymous');
    assert.equal(fp?.marking?.tlp, 'green');
  });

  test("the organisation's default disclosure applies to sightings that choose none", () => {
    const orgs = JSON.parse(ok(['org', 'list', '--json'])) as { id: string; name: string }[];
    const operating = orgs[0]?.name ?? '';
    ok(['org', 'update', operating, '--sighting-disclosure', 'anonymous']);
    assert.match(ok(['org', 'show', operating]), /sighting disclosure: +anonymous/);
    const r = JSON.parse(ok(['sighting', 'add', indicator, '--json'])) as RecordedSighting;
    assert.equal(r.sighting.disclosure, 'anonymous');
    assert.equal(r.object['created_by_ref'], undefined);
    const refused = concord(['org', 'update', operating, '--sighting-disclosure', 'secret']);
    assert.notEqual(refused.code, 0);
    assert.match(refused.err, /sightingDisclosure/);
  });

  test('a sighting that arrives by import is projected like the others', async () => {
    const file = join(dir, 'bundle.json');
    const sighting = {
      type: 'sighting',
      spec_version: '2.1',
      id: 'sighting--5a0e4b3c-0d6f-4a3e-9f54-3f0b2b7c0a11',
      created: '2026-12-07T08:00:00.000Z',
      modified: '2026-12-07T08:00:00.000Z',
      sighting_of_ref: indicator,
      first_seen: '2026-12-07T07:00:00.000Z',
      last_seen: '2026-12-07T08:00:00.000Z',
      count: 2,
    };
    await writeFile(file, JSON.stringify({ type: 'bundle', id: 'bundle--5a0e4b3c-0d6f-4a3e-9f54-3f0b2b7c0a12', objects: [sighting] }));
    const before = list().sightings;
    ok(['import', file]);
    const a = list();
    assert.equal(a.sightings, before + 1);
    assert.ok(a.recent.some((s) => s.id === sighting.id && s.count === 2));
  });
});
