// Loading MISP warninglists from a folder (issue 17, must 5): lists that parse are loaded, a list
// that does not is skipped with an error naming its file, a checkout of the MISP repository (its
// `lists/` folder) works as well, and other work runs while the lists load.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from '../src/domain/identity/principal.ts';
import { WarninglistService, type WarninglistLog } from '../src/services/warninglist.service.ts';

function capture(): WarninglistLog & { errors: string[]; infos: string[] } {
  const errors: string[] = [];
  const infos: string[] = [];
  return { errors, infos, info: (_o, m) => infos.push(m), error: (_o, m) => errors.push(m) };
}

async function list(dir: string, id: string, body: unknown): Promise<string> {
  await mkdir(join(dir, id), { recursive: true });
  const file = join(dir, id, 'list.json');
  await writeFile(file, typeof body === 'string' ? body : JSON.stringify(body));
  return file;
}

describe('warninglist loading', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'concord-warninglists-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('loads the lists that parse; a bad one is skipped and logged with its file', async () => {
    const root = join(dir, 'plain');
    await list(root, 'resolvers', {
      name: 'Resolvers',
      version: 1,
      description: '',
      type: 'cidr',
      list: ['192.0.2.53', '2001:db8::/32'],
      matching_attributes: ['ip-dst'],
    });
    await list(root, 'shorteners', {
      name: 'Shorteners',
      version: 2,
      description: '',
      type: 'hostname',
      list: ['sho.rt'],
      matching_attributes: ['domain', 'url'],
    });
    const broken = await list(root, 'broken', '{"name": "Broken", "type": "string", "list": [');
    const untyped = await list(root, 'untyped', { name: 'Untyped', list: ['x'] });
    const service = new WarninglistService({ dir: root });
    assert.equal(service.match([{ kind: 'ipv4', value: '192.0.2.53' }]).size, 0, 'nothing matches before the lists are loaded');
    const log = capture();
    await service.load(log);
    assert.deepEqual(
      (await service.lists(CLI)).map((l) => [l.id, l.entries]),
      [
        ['resolvers', 2],
        ['shorteners', 1],
      ],
    );
    assert.equal(log.errors.length, 2);
    assert.ok(log.errors.some((e) => e.includes(broken) && e.includes('is not JSON')));
    assert.ok(log.errors.some((e) => e.includes(untyped) && e.includes('type must be one of')));
    assert.match(log.infos.join('\n'), /2 lists \(3 entries\) loaded .*, 2 skipped/);

    const hits = service.match([
      { kind: 'ipv4', value: '192.0.2.53' },
      { kind: 'ipv6', value: '2001:db8::1' },
      { kind: 'url', value: 'https://a.sho.rt/x' },
      { kind: 'domain', value: 'example.org' },
    ]);
    assert.deepEqual([...hits.keys()], ['ipv4\u0000192.0.2.53', 'ipv6\u00002001:db8::1', 'url\u0000https://a.sho.rt/x']);
    assert.deepEqual(hits.get('url\u0000https://a.sho.rt/x'), [{ id: 'shorteners', name: 'Shorteners' }]);
  });

  test('a checkout of the MISP repository is read from its lists/ folder; a missing folder is logged', async () => {
    const checkout = join(dir, 'misp-warninglists');
    await list(join(checkout, 'lists'), 'tlds', {
      name: 'TLDs',
      version: 1,
      description: '',
      type: 'string',
      list: ['com'],
      matching_attributes: ['domain'],
    });
    await writeFile(join(checkout, 'README.md'), '# misp-warninglists');
    const service = new WarninglistService({ dir: checkout });
    await service.load(capture());
    assert.deepEqual(
      (await service.lists(CLI)).map((l) => l.id),
      ['tlds'],
    );
    const missing = new WarninglistService({ dir: join(dir, 'nowhere') });
    const log = capture();
    await missing.load(log);
    assert.deepEqual(await missing.lists(CLI), []);
    assert.match(log.errors[0] ?? '', /cannot read the folder .*nowhere/);
  });

  test('other work runs while a large list loads', async () => {
    const big = join(dir, 'big');
    await list(big, 'many', {
      name: 'Many',
      version: 1,
      description: '',
      type: 'hostname',
      list: Array.from({ length: 100_000 }, (_, i) => `host${i}.example`),
    });
    const service = new WarninglistService({ dir: big });
    let ranDuringLoad = 0;
    let loaded = false;
    const loading = service.load(capture()).then(() => {
      loaded = true;
    });
    const tick = (): void => {
      if (loaded) return;
      ranDuringLoad++;
      setImmediate(tick);
    };
    setImmediate(tick);
    await loading;
    assert.ok(ranDuringLoad > 3, `the event loop turned ${ranDuringLoad} times while loading`);
    assert.equal(service.match([{ kind: 'domain', value: 'www.host99999.example' }]).size, 1);
  });
});
