// SQLite indexes object ids by an integer key (src/store/shared/id-key.ts, migration 0024);
// PostgreSQL keeps its unique (id, version) index, so these cases are SQLite's alone. What
// both engines must do with ids is in store.contract.test.ts.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { PreparedObject } from '../src/domain/ingest/prepared.ts';
import type { Store } from '../src/store/repositories.ts';
import { buildNextVersion, buildPrepared } from './helpers/prepared.ts';
import { ENGINES, type StoreLocation } from './helpers/store-engines.ts';

const sqlite = ENGINES.find((e) => e.name === 'sqlite');
if (sqlite === undefined) throw new Error('no SQLite engine');
const ids = (objects: { id: string }[]): string[] => objects.map((o) => o.id);

describe('object ids by key on SQLite', () => {
  let location: StoreLocation;
  let store: Store;
  const insert = (...objects: PreparedObject[]) => store.objects.insertBatch(objects);
  beforeEach(async () => {
    location = await sqlite.create();
    store = await location.open();
  });
  afterEach(async () => {
    await store.close();
    await location.dispose();
  });

  it('migration 0024 keys the ids of a store that indexed them as text; (id, version) stays unique', async () => {
    const a = buildPrepared();
    const b = buildPrepared();
    await insert(a, b);
    const next = buildNextVersion(a);
    await insert(next);
    await store.close();
    // The table as migration 0001 made it (with 0021's column): a unique (id, version) text index.
    // The migrations after 0024 that change the table (0029, 0030) run again after it.
    await location.exec([
      `create table objects_text (seq integer primary key, id text not null, version text not null, type text not null,
        spec_version text not null, created text, created_by_ref text, revoked integer not null, latest integer not null,
        added_at text not null, json text not null, origin_key text, constraint objects_id_version unique (id, version))`,
      'insert into objects_text select seq, id, version, type, spec_version, created, created_by_ref, revoked, latest, added_at, json, origin_key from objects',
      'drop table objects',
      'alter table objects_text rename to objects',
      'drop table ingest_sources',
      "delete from kysely_migration where name in ('0024_id_key', '0029_dashboard_columns', '0030_ingest_sources')",
    ]);
    store = await location.open();
    assert.ok((await location.migrations()).includes('0024_id_key'));
    assert.equal((await store.objects.get(a.id))?.version, next.version);
    assert.deepEqual(
      (await store.objects.versions(a.id)).map((v) => v.version),
      [a.version, next.version],
    );
    assert.deepEqual(ids(await store.objects.getMany([b.id, a.id])), [b.id, a.id]);
    // Held versions are found by key: the same version again is no new row, a new one is.
    const again = await store.objects.insertBatch([a, b]);
    assert.deepEqual(
      again.map((r) => r.status),
      ['exists', 'exists'],
    );
    assert.equal((await store.objects.insertBatch([buildNextVersion(b)]))[0]?.status, 'inserted');
  });

  it('never mixes two ids that share a key', async () => {
    const a = buildPrepared();
    const c = buildPrepared();
    await insert(a, c);
    // c's row under a's key, as if the two ids hashed alike (shared/id-key.ts).
    await store.close();
    await location.exec([`update objects set id_key = (select id_key from objects where id = '${a.id}') where id = '${c.id}'`]);
    store = await location.open();
    assert.deepEqual(ids(await store.objects.versions(a.id)), [a.id]);
    assert.deepEqual(ids(await store.objects.getMany([a.id])), [a.id]);
    assert.equal((await store.objects.get(a.id))?.id, a.id);
    const next = buildNextVersion(a);
    assert.deepEqual(
      (await insert(a, next)).map((r) => r.status),
      ['exists', 'inserted'],
    );
    assert.equal((await store.objects.get(a.id))?.version, next.version);
  });
});
