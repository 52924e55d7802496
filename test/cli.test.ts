// The CLI as an analyst runs it: `npx concord import|export|quarantine` (issue 2, §5).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildIndicator, buildMalware, bundle, type Obj } from './helpers/stix.ts';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'concord.js');

describe('concord CLI', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-cli-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  function concord(args: string[], input?: string): { code: number; out: string; err: string } {
    const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', join(dir, 'data')], {
      input,
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', CONCORD_LOG_LEVEL: 'silent' },
    });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  }

  async function file(name: string, content: unknown): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    return path;
  }

  const malware = buildMalware();
  const indicator = buildIndicator();

  test('imports a bundle and prints the summary as JSON; a second import is unchanged', async () => {
    const path = await file('b1.json', bundle([malware, indicator]));
    const first = concord(['import', path, '--json']);
    assert.equal(first.code, 0, first.err);
    assert.deepEqual(JSON.parse(first.out), { accepted: 2, unchanged: 0, upgraded: 0, quarantined: 0, reasons: {}, upgrades: {} });
    const again = JSON.parse(concord(['import', path, '--json']).out);
    assert.equal(again.unchanged, 2);
    assert.equal(again.accepted, 0);
  });

  test('reads stdin with "-" and prints a readable summary', () => {
    const r = concord(['import', '-'], JSON.stringify(buildIndicator()));
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /accepted\s+1/);
  });

  test('different content under the same version is quarantined as a conflict, then shown and retried', async () => {
    const changed = { ...malware, name: 'Not the same' };
    const r = JSON.parse(concord(['import', await file('b2.json', bundle([changed])), '--json']).out);
    assert.equal(r.quarantined, 1);
    assert.deepEqual(r.reasons, { VERSION_CONFLICT: 1 });
    const list = JSON.parse(concord(['quarantine', 'list', '--json']).out) as { id: number; reason: string; objectId: string }[];
    const entry = list.find((e) => e.reason === 'VERSION_CONFLICT');
    assert.equal(entry?.objectId, malware.id);
    const shown = JSON.parse(concord(['quarantine', 'show', String(entry?.id)]).out) as { raw: string };
    assert.equal(JSON.parse(shown.raw).name, 'Not the same');
    const retry = concord(['quarantine', 'retry', String(entry?.id)]);
    assert.equal(retry.code, 1);
    assert.match(retry.out, /failed again/);
  });

  test('invalid objects are quarantined with the JSON path, rule and section', async () => {
    const bad = { ...buildIndicator(), pattern: "[ipv4-addr:value = '1.2.3.4'" };
    const r = JSON.parse(concord(['import', await file('b3.json', bundle([bad])), '--json']).out);
    assert.deepEqual(r.reasons, { STIX_INVALID: 1 });
    const list = JSON.parse(concord(['quarantine', 'list', '--reason', 'STIX_INVALID', '--json']).out) as {
      objectId: string;
      details: { message: string };
    }[];
    const entry = list.find((e) => e.objectId === bad.id);
    assert.match(entry?.details.message ?? '', /\$\.pattern/);
    assert.match(entry?.details.message ?? '', /column/);
  });

  test('STIX 2.0 input is upgraded and the summary says what changed', async () => {
    const old = {
      type: 'indicator',
      id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
      created: '2017-01-01T00:00:00.000Z',
      modified: '2017-01-01T00:00:00.000Z',
      labels: ['malicious-activity'],
      pattern: "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e']",
      valid_from: '2017-01-01T00:00:00Z',
    };
    const r = JSON.parse(
      concord([
        'import',
        await file('v20.json', { type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', spec_version: '2.0', objects: [old] }),
        '--json',
      ]).out,
    );
    assert.equal(r.accepted, 1);
    assert.equal(r.upgraded, 1);
    assert.ok(Object.keys(r.upgrades).length > 0);
  });

  test('a file broken mid-way keeps what came before and reports the byte offset', async () => {
    const a = buildIndicator();
    const text = JSON.stringify(bundle([a, buildMalware()]));
    const cut = text.slice(0, text.lastIndexOf('"is_family"'));
    const r = concord(['import', await file('broken.json', cut), '--json']);
    assert.equal(r.code, 1);
    const summary = JSON.parse(r.out);
    assert.equal(summary.accepted, 1);
    assert.equal(summary.error.code, 'JSON_MALFORMED');
    assert.equal(summary.error.offset, Buffer.byteLength(cut));
  });

  test('exports a STIX 2.1 bundle filtered by type to a file', async () => {
    const out = join(dir, 'export.json');
    const r = concord(['export', '--type', 'malware', '--out', out]);
    assert.equal(r.code, 0, r.err);
    const b = JSON.parse(await readFile(out, 'utf8')) as { type: string; objects: Obj[] };
    assert.equal(b.type, 'bundle');
    assert.deepEqual(
      b.objects.map((o) => o.id),
      [malware.id],
    );
  });

  test("exports the Explorer's filters as CSV (issue 15, must 5)", () => {
    const r = concord(['export', '--type', 'malware', '--format', 'csv']);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\r\n');
    assert.equal(lines[0], 'id,type,name,created,modified,owner,tlp,labels,confidence');
    assert.ok(lines[1]?.startsWith(`${malware.id},malware,`), String(lines[1]));
    assert.equal(concord(['export', '--format', 'xml']).code === 0, false, 'an unknown format is refused');
  });

  test('bad usage is explained, not a stack trace', () => {
    const r = concord(['import']);
    assert.equal(r.code, 2);
    assert.match(r.out, /concord import <file\|->/);
    const missing = concord(['import', join(dir, 'nope.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /ENOENT|no such file/);
    assert.equal(concord(['frobnicate']).code, 2);
  });
});
