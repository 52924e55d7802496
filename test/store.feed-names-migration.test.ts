// Migration 0028 on a store that already holds feeds (issue 15, must 9): each is named from its
// URL's host and path, two feeds of one collection get numbered names, and names are unique from
// then on. The store is taken back to before 0028 by hand, as a store of the previous release.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConflictError } from '../src/errors.ts';
import { buildFeed } from './helpers/feeds.ts';
import { ENGINES } from './helpers/store-engines.ts';

const MIGRATION = '0028_feed_names_audit_filters';
const URL_A = 'https://taxii.cert.example/api1/collections/abc/objects/';

const row = (id: string, url: string) =>
  `insert into feeds (id, url, objects_url, collection_id, auth, interval_seconds, created_at)
   values ('${id}', '${url}', '${url}', 'abc', '{"kind":"none"}', 900, '2024-01-0${id.slice(-1)}T00:00:00.000Z')`;

for (const engine of ENGINES) {
  describe(`migration 0028 on ${engine.name}`, { skip: engine.skip }, () => {
    it('names the feeds a previous release kept, from their URLs, uniquely', async () => {
      const location = await engine.create();
      try {
        await (await location.open()).close();
        await location.exec([
          'drop index feeds_name',
          'drop index audit_log_target',
          'drop index audit_log_at',
          'alter table feeds drop column name',
          `delete from kysely_migration where name = '${MIGRATION}'`,
          row('f1', URL_A),
          row('f2', URL_A),
          row('f3', 'https://otx.example/taxii2/'),
        ]);
        const store = await location.open();
        try {
          assert.ok((await location.migrations()).includes(MIGRATION));
          const names = Object.fromEntries((await store.feeds.list()).map((f) => [f.id, f.name]));
          assert.deepEqual(names, {
            f1: 'taxii.cert.example/api1/collections/abc',
            f2: 'taxii.cert.example/api1/collections/abc (2)',
            f3: 'otx.example/taxii2',
          });
          await assert.rejects(store.feeds.create(buildFeed({ id: 'f4', name: 'otx.example/taxii2' })), ConflictError);
        } finally {
          await store.close();
        }
      } finally {
        await location.dispose();
      }
    });
  });
}
