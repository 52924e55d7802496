// Opens the PostgreSQL store used by hubs and scaled-out nodes (DESIGN.md, Scale-out).
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { assembleStore } from '../shared/assemble.ts';
import type { Tables } from '../shared/tables.ts';
import type { Store } from '../repositories.ts';
import { PostgresObjectRepo } from './object.repo.ts';
import { PostgresStateWatch } from './state-watch.ts';

/** int8 (seq, counts, byte sizes) as a JS number: the store's values stay far below 2^53. */
const types: pg.CustomTypesConfig = {
  getTypeParser: (id, format) => (id === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(id, format)),
};

/** Connects to `databaseUrl` (postgres://...) and migrates the schema. */
export async function openPostgresStore(databaseUrl: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: databaseUrl, types, max: 10, application_name: 'concord' });
  // An idle connection that fails (server restart, terminated backend, also while the pool is
  // closing) is emitted on the pool, which has already discarded it and opens another on
  // demand. Without a listener Node turns that event into an uncaught exception.
  pool.on('error', () => {});
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  const state = new PostgresStateWatch(databaseUrl);
  return assembleStore(
    'postgres',
    db,
    (d) => new PostgresObjectRepo(d, pool),
    state,
    () => state.close(),
  );
}
