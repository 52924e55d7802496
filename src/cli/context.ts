// What every command gets: the parsed configuration and, on demand, an open store with its
// services. Global flags are the same for every command (issue 2: `--data-dir` and
// CONCORD_DATABASE_URL are honoured everywhere).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { buildServices, type Services } from '../services/index.ts';
import { loadConfig, type Config } from '../config.ts';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/repositories.ts';

export const GLOBAL_OPTIONS = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
  'log-level': { type: 'string' },
  warninglists: { type: 'string' },
  'correlation-limit': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/** Parses a command's arguments with the global options added. */
export function parseCommand<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  return parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals: true, strict: true });
}

/** Configuration from the global flags and the environment. */
export function configFrom(
  values: {
    'data-dir'?: string | boolean | undefined;
    'database-url'?: string | boolean | undefined;
    'log-level'?: string | boolean | undefined;
    warninglists?: string | boolean | undefined;
    'correlation-limit'?: string | boolean | undefined;
  },
  extra: { host?: string; port?: string } = {},
): Config {
  const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
  const flags = {
    dataDir: str(values['data-dir']),
    databaseUrl: str(values['database-url']),
    logLevel: str(values['log-level']),
    warninglists: str(values.warninglists),
    correlationLimit: str(values['correlation-limit']),
    ...extra,
  };
  return loadConfig(Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)));
}

/** Opens the store and services, runs `fn`, and always closes the store. */
export async function withServices<T>(config: Config, fn: (services: Services, store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}) });
  const services = buildServices(store, config);
  try {
    return await fn(services, store);
  } finally {
    // Writes wake the projections and the alert evaluation in the background (services/index.ts).
    await services.settle();
    await store.close();
  }
}
