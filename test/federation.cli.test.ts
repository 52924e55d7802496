// `concord node`, `concord peer` and `concord verify` (issue 5, items 1, 2 and 4), run as the
// command line runs them.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig } from '../src/config.ts';
import { signObject } from '../src/domain/federation/provenance.ts';
import type { StixObject } from '../src/domain/stix/types.ts';
import { buildServices } from '../src/services/index.ts';
import { openStore } from '../src/store/index.ts';
import { buildIndicator, bundle } from './helpers/stix.ts';

const BIN = resolve(import.meta.dirname, '..', 'bin', 'concord.js');
const ENV = { PATH: process.env['PATH'] ?? '', CONCORD_LOG_LEVEL: 'silent' };

function concord(dir: string, ...args: string[]): { code: number; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args, '--data-dir', dir], { encoding: 'utf8', env: ENV });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

describe('concord node, peer and verify', { timeout: 120_000 }, () => {
  let one: string, two: string;
  let twoKey: { keyId: string; publicKey: string; nodeId: string };

  before(async () => {
    one = await mkdtemp(join(tmpdir(), 'concord-fed-cli-1-'));
    two = await mkdtemp(join(tmpdir(), 'concord-fed-cli-2-'));
  });
  after(async () => {
    await rm(one, { recursive: true, force: true });
    await rm(two, { recursive: true, force: true });
  });

  test('node info prints the node id, the public key peers pin and its fingerprint', () => {
    const r = concord(two, 'node', 'info', '--json');
    assert.equal(r.code, 0, r.err);
    twoKey = JSON.parse(r.out) as typeof twoKey;
    assert.match(twoKey.publicKey, /^[A-Za-z0-9+/]{43}=$/);
    assert.match(twoKey.keyId, /^[0-9a-f]{32}$/);
    assert.match(twoKey.nodeId, /^identity--/);
    const again = concord(two, 'node', 'info');
    assert.match(again.out, new RegExp(`public key: +${twoKey.publicKey.replace(/[+/]/g, '\\$&')}`), 'the key is created once and kept');
    // What a partner's \`peer add --org\` takes: the organisations this node hosts, by id.
    assert.equal(concord(two, 'org', 'add', '--name', 'CERT-Two', '--country', 'BE').code, 0);
    const [hosted] = (JSON.parse(concord(two, 'node', 'info', '--json').out) as { organisations: { id: string; name: string }[] })
      .organisations;
    assert.match(hosted?.id ?? '', /^identity--/);
    assert.match(concord(two, 'node', 'info').out, new RegExp(`hosts: +${hosted?.id} \\(CERT-Two\\)`));
  });

  test('peer add, update, status and remove', () => {
    const add = concord(
      one,
      'peer',
      'add',
      'http://127.0.0.1:9/',
      '--key',
      twoKey.publicKey,
      '--name',
      'two',
      '--community',
      'eu',
      '--country',
      'fr',
      '--accreditation',
      'nato=NATO SECRET',
      '--max-tlp',
      'amber',
      '--type',
      'indicator,report',
      '--accept-type',
      'indicator',
      '--json',
    );
    assert.equal(add.code, 0, add.err);
    const peer = JSON.parse(add.out) as {
      id: string;
      url: string;
      keyId: string;
      countries: string[];
      accreditation: Record<string, string>;
      outbound: Record<string, unknown>;
      inbound: Record<string, unknown>;
      sync: boolean;
    };
    assert.deepEqual(
      [peer.url, peer.keyId, peer.countries, peer.accreditation, peer.sync],
      ['http://127.0.0.1:9', twoKey.keyId, ['FR'], { nato: 'NATO SECRET' }, true],
    );
    assert.deepEqual(peer.outbound, { maxTlp: 'amber', types: ['indicator', 'report'] });
    assert.deepEqual(peer.inbound, { allowUnsigned: false, acceptTypes: ['indicator'] });
    const dup = concord(one, 'peer', 'add', 'http://127.0.0.1:10', '--key', twoKey.publicKey);
    assert.equal(dup.code, 2);
    assert.match(dup.err, /CONFLICT.*pinned already.*--key/);
    const upd = concord(one, 'peer', 'update', 'two', '--max-tlp', '', '--no-sync', '--json');
    assert.equal(upd.code, 0, upd.err);
    assert.deepEqual(
      [(JSON.parse(upd.out) as typeof peer).outbound, (JSON.parse(upd.out) as typeof peer).sync],
      [{ types: ['indicator', 'report'] }, false],
    );
    const status = concord(one, 'peer', 'status');
    assert.match(status.out, /two +http:\/\/127\.0\.0\.1:9 +pinned +- +caught up +- +never pulled/);
  });

  test('verify checks a bundle offline against the pinned keys: intact, altered, unknown', async () => {
    // Objects signed by node two, as they leave it.
    const signed = await (async () => {
      const store = await openStore({ dataDir: two });
      const s = buildServices(store, parseConfig({ dataDir: two }, { CONCORD_LOG_LEVEL: 'silent' }));
      try {
        const id = await s.federation.node.identity();
        const sign = (o: object): StixObject =>
          signObject(
            JSON.parse(JSON.stringify(o)) as StixObject,
            id.signer,
            'identity--0f7a0b6e-4a1d-4a44-9d1d-6a5a2d0f8f01',
            'federation',
          );
        return [sign(buildIndicator({ name: 'intact' })), { ...sign(buildIndicator({ name: 'before' })), name: 'after' }];
      } finally {
        await s.settle();
        await store.close();
      }
    })();
    const file = join(one, 'signed.json');
    await writeFile(file, JSON.stringify(bundle(signed)));
    const r = concord(one, 'verify', file);
    assert.equal(r.code, 1);
    assert.match(r.out, /PEER_SIGNATURE_INVALID/);
    assert.match(r.out, /2 objects: 1 signed and intact, 1 not/);
    await writeFile(file, JSON.stringify(bundle([signed[0]])));
    assert.equal(concord(one, 'verify', file).code, 0);
    const fresh = await mkdtemp(join(tmpdir(), 'concord-fed-cli-3-'));
    try {
      const unknown = concord(fresh, 'verify', file, '--json');
      assert.equal(unknown.code, 1);
      assert.equal((JSON.parse(unknown.out) as { results: { reason: string }[] }).results[0]?.reason, 'PEER_ORIGIN_UNKNOWN');
      assert.equal(concord(fresh, 'verify', file, '--key', twoKey.publicKey).code, 0, 'a key given on the command line is trusted');
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
    // An origin's own export verifies (issue 14): its objects leave signed, definitions unsigned by design.
    const own = join(one, 'own.json');
    await writeFile(own, JSON.stringify(bundle([buildIndicator({ name: 'originated on one' })])));
    assert.equal(concord(one, 'import', own).code, 0);
    assert.equal(concord(one, 'export', '--out', own).code, 0);
    const mine = concord(one, 'verify', own);
    assert.equal(mine.code, 0, mine.out);
    assert.match(mine.out, /^[1-9]\d* objects: [1-9]\d* signed and intact, 0 not/m);
    assert.equal(concord(one, 'peer', 'remove', 'two').code, 0);
    assert.match(concord(one, 'peer', 'list').out, /no peers/);
  });
});
