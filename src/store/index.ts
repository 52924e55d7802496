// The store's entry point: PostgreSQL when a database URL is configured, else embedded SQLite
// (DESIGN.md principle 4). Both run their migrations on open.
import { ConfigError } from '../errors.ts';
import { openPostgresStore } from './postgres/open.ts';
import { openSqliteStore } from './sqlite/open.ts';
import type { Store } from './repositories.ts';

export type { Store } from './repositories.ts';

/** Opens the store: PostgreSQL at `databaseUrl` when set, else SQLite at `<dataDir>/concord.db`. */
export async function openStore(opts: { dataDir: string; databaseUrl?: string }): Promise<Store> {
  if (opts.databaseUrl !== undefined && opts.databaseUrl !== '') {
    if (!/^postgres(ql)?:\/\//.test(opts.databaseUrl)) {
      throw new ConfigError('database URL must start with postgres:// or postgresql://');
    }
    return openPostgresStore(opts.databaseUrl);
  }
  return openSqliteStore(opts.dataDir);
}
