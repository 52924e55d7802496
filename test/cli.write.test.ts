// `concord object …` as an operator runs it (issue 15, must 4): objects written by the node for
// its organisation or another, new versions, revocation, relationships, sightings, markings, and
// refusals on stderr with the path at fault and exit code 1.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runConcord, type CliResult } from './helpers/cli.ts';

interface Written {
  object: Record<string, unknown> & { id: string; modified?: string };
  marking: { tlp: string };
}

describe('concord object', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-cli-write-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const concord = (args: string[]): CliResult => runConcord(join(dir, 'data'), args);
  const written = (args: string[]): Written => {
    const r = concord([...args, '--json']);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as Written;
  };
  async function file(name: string, content: unknown): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, JSON.stringify(content));
    return path;
  }

  test('creates, revises, marks and revokes; prints the id and version', async () => {
    const path = await file('malware.json', { type: 'malware', name: 'Industroyer', is_family: true });
    const plain = concord(['object', 'create', '--file', path, '--tlp', 'green']);
    assert.equal(plain.code, 0, plain.err);
    assert.match(plain.out, /^malware--[0-9a-f-]{36} version \d{4}-\d\d-\d\dT[\d:.]+Z TLP:GREEN\n$/);
    const id = plain.out.split(' ')[0] as string;
    const revised = written(['object', 'revise', id, '--file', await file('changes.json', { name: 'Industroyer2', labels: ['ics'] })]);
    assert.equal(revised.object['name'], 'Industroyer2');
    assert.equal(revised.marking.tlp, 'green', 'a new version keeps its markings');
    const marked = written(['object', 'mark', id, '--tlp', 'amber']);
    assert.equal(marked.marking.tlp, 'amber');
    const revoked = written(['object', 'revoke', id]);
    assert.equal(revoked.object['revoked'], true);
    const again = concord(['object', 'revoke', id]);
    assert.equal(again.code, 1);
    assert.match(again.err, /^error CONFLICT: .*already revoked/);
  });

  test('relates and sights objects, for the organisation named with --org', async () => {
    const org = concord(['org', 'add', '--name', 'Partner CERT', '--json']);
    assert.equal(org.code, 0, org.err);
    const orgId = (JSON.parse(org.out) as { id: string }).id;
    const ind = {
      type: 'indicator',
      pattern: "[domain-name:value = 'evil.example']",
      pattern_type: 'stix',
      valid_from: '2026-01-01T00:00:00Z',
    };
    const a = written(['object', 'create', '--file', await file('ind.json', ind), '--org', 'Partner CERT']);
    assert.equal(a.object['created_by_ref'], orgId);
    const m = written(['object', 'create', '--file', await file('m.json', { type: 'malware', name: 'm', is_family: false })]);
    const rel = written(['object', 'relate', a.object.id, 'indicates', m.object.id, '--tlp', 'green']);
    assert.deepEqual(
      [rel.object['source_ref'], rel.object['relationship_type'], rel.object['target_ref']],
      [a.object.id, 'indicates', m.object.id],
    );
    const s = written(['object', 'sight', a.object.id, '--where', orgId, '--count', '2', '--first-seen', '2026-02-01T00:00:00Z']);
    assert.deepEqual([s.object['sighting_of_ref'], s.object['where_sighted_refs'], s.object['count']], [a.object.id, [orgId], 2]);
  });

  test('refusals go to stderr with the path at fault, exit code 1', async () => {
    const bad = concord([
      'object',
      'create',
      '--file',
      await file('bad.json', { type: 'indicator', pattern: '[x', pattern_type: 'stix', valid_from: '2026-01-01T00:00:00Z' }),
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /^error STIX_INVALID/);
    assert.match(bad.err, /\n {2}\$\.pattern: /);
    assert.equal(bad.out, '');
    const type = concord([
      'object',
      'relate',
      'malware--00000000-0000-4000-8000-000000000000',
      'Uses It',
      'malware--00000000-0000-4000-8000-000000000001',
    ]);
    assert.equal(type.code, 1);
    assert.match(type.err, /at relationship_type/);
    const missing = concord(['object', 'revoke', 'malware--00000000-0000-4000-8000-000000000000']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /NOT_FOUND/);
    assert.equal(concord(['object', 'create']).code, 1, 'no --file');
    assert.equal(concord(['object', 'frobnicate']).code, 2, 'usage');
  });
});
