// Three sovereign nodes as separate processes on loopback (issue 5, item 7): NCIRC (community
// nato, on PostgreSQL when CONCORD_TEST_DATABASE_URL is set), CERT-EU (community eu) and CERT-FR
// (country FR, communities eu and nato), each with its own database. CERT-FR peers with both;
// CERT-EU pins NCIRC's key without syncing with it, so what NCIRC shares reaches CERT-EU only
// relayed by CERT-FR, and is verified against NCIRC's key there.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CLI } from '../src/domain/identity/principal.ts';
import { classificationMarking, releasabilityMarking } from '../src/domain/markings/concord-markings.ts';
import { NATO_SCHEME } from '../src/domain/markings/classification.ts';
import { TLP2_MARKING_IDS } from '../src/domain/markings/tlp.ts';
import { freshDatabase, ProcessNode } from './helpers/federation-nodes.ts';
import { buildIndicator, bundle, nextVersion, type Obj } from './helpers/stix.ts';

const PG = process.env['CONCORD_TEST_DATABASE_URL'];
const BIN = resolve(import.meta.dirname, '..', 'bin', 'concord.js');
const BULK = 3000;

/** Polls `check` until it holds; fails naming `what` after `ms`. */
async function until(what: string, check: () => Promise<boolean>, ms = 20_000, nodes: ProcessNode[] = []): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms)
      assert.fail(`${what}: not within ${ms / 1000}s\n${nodes.map((n) => `--- ${n.name}\n${n.tail()}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return performance.now() - started;
}

/** Uploads objects as the node's administrator with default markings; waits for the import. */
async function share(node: ProcessNode, objects: unknown[], tlp: string, distribution: string): Promise<void> {
  const res = await node.api('POST', `/api/v1/imports?tlp=${tlp}&distribution=${distribution}`, JSON.stringify(bundle(objects)));
  assert.equal(res.status, 202, JSON.stringify(res.json));
  const id = (res.json as { id: string }).id;
  await until(`import on ${node.name}`, async () => {
    const job = (await node.api('GET', `/api/v1/imports/${id}`)).json as {
      state: string;
      summary: { accepted: number; quarantined: number } | null;
    };
    if (job.state === 'failed') assert.fail(JSON.stringify(job));
    if (job.state === 'done') assert.equal(job.summary?.quarantined, 0, JSON.stringify(job.summary));
    return job.state === 'done';
  });
}

/** Whether the node holds the content of `id` (not only a purged stub). */
async function holds(node: ProcessNode, id: string): Promise<boolean> {
  const rows = await node.query<{ json: string }>('select json from objects where id = ?', [id]);
  return rows.some((r) => !r.json.includes('x_concord_retracted'));
}

/** `node`'s cursor on `peer` has reached `peer`'s head: it has pulled all there was. */
async function caughtUp(node: ProcessNode, peer: ProcessNode): Promise<boolean> {
  const [head] = await peer.query<{ head: number | string }>('select max(seq) as head from objects');
  const [row] = await node.query<{ cursor: string | null }>('select cursor from peers where key_id = ?', [peer.keyId]);
  return row?.cursor != null && Number(row.cursor) >= Number(head?.head ?? 0);
}

describe('three sovereign nodes', { timeout: 180_000 }, () => {
  let ncirc: ProcessNode, certEu: ProcessNode, certFr: ProcessNode;
  let dropDb: (() => Promise<void>) | undefined;
  const all = () => [ncirc, certEu, certFr];

  before(async () => {
    let ncircDb: string | undefined;
    if (PG) {
      const db = await freshDatabase(PG, `concord_fed_${process.pid}_${randomBytes(3).toString('hex')}`);
      ncircDb = db.url;
      dropDb = db.drop;
    } else {
      console.log('# CONCORD_TEST_DATABASE_URL is not set: NCIRC runs on SQLite instead of PostgreSQL');
    }
    ncirc = new ProcessNode('NCIRC', ncircDb);
    certEu = new ProcessNode('CERT-EU');
    certFr = new ProcessNode('CERT-FR');
    await Promise.all(all().map((n) => n.init()));
    // Who is who: organisations, their communities and the administrators' clearances.
    const setOrg = (n: ProcessNode, input: { country?: string; communities: string[] }, clearances: Record<string, string>) =>
      n.withServices(async (s) => {
        await s.orgs.updateOrg(CLI, n.orgId, input);
        const admin = (await s.users.listUsers(CLI)).find((u) => u.username === 'admin');
        await s.users.updateUser(CLI, admin?.id ?? '', { clearances });
      });
    await setOrg(ncirc, { communities: ['nato'] }, { nato: 'NATO SECRET' });
    await setOrg(certEu, { country: 'BE', communities: ['eu'] }, {});
    await setOrg(certFr, { country: 'FR', communities: ['eu', 'nato'] }, { nato: 'NATO SECRET' });
    // The peerings.
    await certFr.withServices(async (s) => {
      await s.federation.peers.add(CLI, {
        url: ncirc.url,
        key: ncirc.publicKey,
        name: 'ncirc',
        orgs: [ncirc.orgId],
        communities: ['nato'],
        accreditation: { nato: 'NATO SECRET' },
      });
      await s.federation.peers.add(CLI, {
        url: certEu.url,
        key: certEu.publicKey,
        name: 'cert-eu',
        orgs: [certEu.orgId],
        countries: ['BE'],
        communities: ['eu'],
      });
    });
    const fr = {
      url: certFr.url,
      key: certFr.publicKey,
      name: 'cert-fr',
      orgs: [certFr.orgId],
      countries: ['FR'],
      communities: ['eu', 'nato'],
    };
    await ncirc.withServices((s) => s.federation.peers.add(CLI, { ...fr, accreditation: { nato: 'NATO SECRET' } }));
    await certEu.withServices(async (s) => {
      await s.federation.peers.add(CLI, fr);
      await s.federation.peers.add(CLI, { url: ncirc.url, key: ncirc.publicKey, name: 'ncirc', orgs: [ncirc.orgId], sync: false });
    });
    await Promise.all(all().map((n) => n.start()));
  });

  after(async () => {
    for (const n of all()) await n?.dispose();
    await dropDb?.();
  });

  const amberEu = buildIndicator({ name: 'CERT-FR amber for eu' });
  const restricted = classificationMarking(NATO_SCHEME, 'NATO RESTRICTED');
  const relNato = releasabilityMarking(['nato']);
  const report: Obj = {
    type: 'report',
    spec_version: '2.1',
    id: `report--${crypto.randomUUID()}`,
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-01T00:00:00.000Z',
    name: 'CERT-FR NATO RESTRICTED report',
    published: '2024-01-01T00:00:00.000Z',
    object_refs: [amberEu.id],
    object_marking_refs: [TLP2_MARKING_IDS.amber, restricted.id, relNato.id],
  };
  const red = buildIndicator({ name: 'CERT-FR red' });
  const toRetract = buildIndicator({ name: 'CERT-FR shared by mistake' });
  const g1 = buildIndicator({ name: 'NCIRC green relayed' });
  const g2 = buildIndicator({ name: 'NCIRC green tampered' });

  test('TLP:AMBER to eu reaches CERT-EU and not NCIRC; NATO RESTRICTED to nato reaches NCIRC and not CERT-EU; RED stays', async () => {
    const started = performance.now();
    await share(certFr, [amberEu], 'amber', 'community:eu');
    const shared = performance.now();
    await until('CERT-EU receives the amber indicator', () => holds(certEu, amberEu.id), 20_000, all());
    console.log(
      `# on CERT-EU ${Math.round(performance.now() - shared)} ms after CERT-FR's import job reported done (${Math.round(performance.now() - started)} ms after the upload)`,
    );
    await share(certFr, [restricted, relNato, report], 'amber', 'community:nato');
    await share(certFr, [red], 'red', 'organization');
    await share(certFr, [toRetract], 'green', 'federation');
    await until(
      'both caught up with CERT-FR',
      async () => (await caughtUp(ncirc, certFr)) && (await caughtUp(certEu, certFr)),
      20_000,
      all(),
    );
    assert.equal(await holds(ncirc, report.id), true, 'NCIRC holds the NATO RESTRICTED report');
    assert.equal(await holds(ncirc, amberEu.id), false, 'NCIRC never received the eu amber indicator');
    assert.equal(await holds(certEu, report.id), false, 'CERT-EU never received the NATO report');
    for (const n of [ncirc, certEu]) {
      assert.equal(await holds(n, red.id), false, `TLP:RED never reached ${n.name}`);
      assert.equal(await holds(n, toRetract.id), true);
    }
    // Users see it under the origin's markings: CERT-EU's administrator (org in eu) reads the
    // indicator; NCIRC's (nato, NATO SECRET) reads the report.
    assert.equal((await certEu.api('GET', `/api/v1/objects/${amberEu.id}`)).status, 200);
    assert.equal((await ncirc.api('GET', `/api/v1/objects/${report.id}`)).status, 200);
  });

  test("what NCIRC shares reaches CERT-EU relayed by CERT-FR, verified against NCIRC's key", async () => {
    await share(ncirc, [g1], 'green', 'federation');
    await until('CERT-EU receives the relayed indicator', () => holds(certEu, g1.id), 20_000, all());
    const [label] = await certEu.query<{ owner_org: string }>(
      'select a.owner_org from objects o join object_access a on a.seq = o.seq where o.id = ?',
      [g1.id],
    );
    assert.equal(label?.owner_org, ncirc.orgId, 'owned by its origin organisation, not by the relay');
  });

  test('a node killed in the middle of a sync loses and duplicates nothing; an object altered by the relay is quarantined', async () => {
    const bulk = Array.from({ length: BULK }, (_, i) => buildIndicator({ name: `bulk-e2e ${i}` }));
    await share(certFr, bulk, 'green', 'community:eu');
    const count = async () =>
      Number((await certEu.query<{ n: number | string }>("select count(*) as n from objects where json like '%bulk-e2e%'"))[0]?.n ?? 0);
    await until('CERT-EU starts receiving the bulk', async () => (await count()) > 0, 20_000, all());
    await certEu.stop('SIGKILL');
    const atKill = await count();
    console.log(`# CERT-EU killed holding ${atKill} of ${BULK}`);
    // While CERT-EU is down, CERT-FR receives an NCIRC object and alters it before relaying it.
    await share(ncirc, [g2], 'green', 'federation');
    await until('CERT-FR receives the NCIRC object', () => holds(certFr, g2.id), 20_000, all());
    await certFr.query("update objects set json = replace(json, 'NCIRC green tampered', 'NCIRC green harmless') where id = ?", [g2.id]);
    await certEu.start();
    await until('CERT-EU has the whole bulk', async () => (await count()) >= BULK, 60_000, all());
    await until('CERT-EU caught up with CERT-FR', () => caughtUp(certEu, certFr), 20_000, all());
    const [versions] = await certEu.query<{ v: number | string; ids: number | string }>(
      "select count(*) as v, count(distinct id) as ids from objects where json like '%bulk-e2e%'",
    );
    assert.deepEqual([Number(versions?.v), Number(versions?.ids)], [BULK, BULK]);
    const quarantined = await certEu.query<{ reason: string; object_id: string }>('select reason, object_id from quarantine');
    assert.deepEqual(quarantined, [{ reason: 'PEER_SIGNATURE_INVALID', object_id: g2.id }]);
    assert.equal(await holds(certEu, g2.id), false);
  });

  test('a revocation propagates', async () => {
    const revoked = nextVersion(amberEu, { revoked: true });
    await share(certFr, [revoked], 'amber', 'community:eu');
    await until(
      'CERT-EU holds the revocation',
      async () => {
        const rows = await certEu.query<{ json: string }>('select json from objects where id = ? order by version desc', [amberEu.id]);
        return rows.length === 2 && (JSON.parse(rows[0]?.json ?? '{}') as { revoked?: boolean }).revoked === true;
      },
      20_000,
      all(),
    );
  });

  test('a retraction propagates: purged everywhere, tombstoned, and forwarded by the relay', async () => {
    const r = await certFr.api('POST', '/api/v1/retractions', { ids: [toRetract.id], reason: 'shared by mistake' });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    const byNcirc = await ncirc.api('POST', '/api/v1/retractions', { ids: [g1.id] });
    assert.equal(byNcirc.status, 201, JSON.stringify(byNcirc.json));
    await until(
      'retractions applied',
      async () =>
        !(await holds(ncirc, toRetract.id)) &&
        !(await holds(certEu, toRetract.id)) &&
        !(await holds(certFr, g1.id)) &&
        !(await holds(certEu, g1.id)),
      20_000,
      all(),
    );
    const tombs = await certEu.query<{ object_id: string; retracted_by: string }>(
      'select object_id, retracted_by from tombstones order by object_id',
    );
    assert.deepEqual(
      tombs,
      [
        { object_id: toRetract.id, retracted_by: certFr.keyId },
        { object_id: g1.id, retracted_by: ncirc.keyId },
      ].sort((a, b) => a.object_id.localeCompare(b.object_id)),
    );
    assert.equal((await certEu.api('GET', `/api/v1/objects/${g1.id}`)).status, 404);
  });

  test('an import with the CLI beside the running node reaches its peers too: the node sees its store head move', async () => {
    const x = buildIndicator({ name: 'CERT-FR imported on the command line' });
    const file = join(certFr.dataDir, 'cli-import.json');
    writeFileSync(file, JSON.stringify(bundle([x])));
    const r = spawnSync(
      process.execPath,
      [BIN, 'import', file, '--tlp', 'green', '--distribution', 'federation', '--data-dir', certFr.dataDir],
      { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', CONCORD_LOG_LEVEL: 'silent', CONCORD_ORG_NAME: 'CERT-FR' } },
    );
    assert.equal(r.status, 0, r.stderr);
    const ms = await until('CERT-EU receives what CERT-FR imported with the CLI', () => holds(certEu, x.id), 20_000, all());
    console.log(`# on CERT-EU ${Math.round(ms)} ms after the CLI import ended (peers are pulled every 30 s besides)`);
  });

  test('peer status shows each peer caught up, with its last pull', () => {
    const r = spawnSync(process.execPath, [BIN, 'peer', 'status', '--json', '--data-dir', certEu.dataDir], {
      encoding: 'utf8',
      env: { PATH: process.env['PATH'] ?? '', CONCORD_LOG_LEVEL: 'silent', CONCORD_ORG_NAME: 'CERT-EU' },
    });
    assert.equal(r.status, 0, r.stderr);
    const peers = JSON.parse(r.stdout) as { name: string; lag: { versions: number }; state: { lastResult: { ok: boolean } | null } }[];
    const fr = peers.find((p) => p.name === 'cert-fr');
    assert.equal(fr?.state.lastResult?.ok, true);
    assert.equal(fr?.lag.versions, 0);
  });
});
