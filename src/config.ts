// Configuration: flags and CONCORD_* environment variables, parsed and validated once into a
// frozen object. Nothing else in Concord reads process.env (CONVENTIONS.md, Wiring).
import { resolve } from 'node:path';
import { ConfigError } from './errors.ts';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** Where the embedded database, uploads and keys live. */
  readonly dataDir: string;
  /** PostgreSQL URL; when absent the embedded SQLite database under `dataDir` is used. */
  readonly databaseUrl: string | undefined;
  readonly host: string;
  readonly port: number;
  readonly logLevel: LogLevel;
  /** Largest accepted bundle upload, in bytes. */
  readonly maxUploadBytes: number;
  /** Largest accepted JSON request body (other than uploads), in bytes. */
  readonly maxBodyBytes: number;
}

/** Global flags every command accepts; they override the environment. */
export interface GlobalFlags {
  dataDir?: string;
  databaseUrl?: string;
  host?: string;
  port?: string;
  logLevel?: string;
}

const LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function int(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

/** Builds the configuration from flags and an environment map (pure; see `loadConfig`). */
export function parseConfig(flags: GlobalFlags, env: Record<string, string | undefined>): Config {
  const level = flags.logLevel ?? env['CONCORD_LOG_LEVEL'] ?? 'info';
  if (!LEVELS.includes(level as LogLevel)) {
    throw new ConfigError(`CONCORD_LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${level}"`);
  }
  const databaseUrl = flags.databaseUrl ?? env['CONCORD_DATABASE_URL'] ?? undefined;
  if (databaseUrl !== undefined && databaseUrl !== '' && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('CONCORD_DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  return Object.freeze({
    dataDir: resolve(flags.dataDir ?? env['CONCORD_DATA_DIR'] ?? 'data'),
    databaseUrl: databaseUrl === '' ? undefined : databaseUrl,
    host: flags.host ?? env['CONCORD_HOST'] ?? '127.0.0.1',
    port: int('CONCORD_PORT', flags.port ?? env['CONCORD_PORT'], 8080, 0, 65535),
    logLevel: level as LogLevel,
    maxUploadBytes: int('CONCORD_MAX_UPLOAD_BYTES', env['CONCORD_MAX_UPLOAD_BYTES'], 4 * 1024 ** 3, 1024, 2 ** 42),
    maxBodyBytes: int('CONCORD_MAX_BODY_BYTES', env['CONCORD_MAX_BODY_BYTES'], 10 * 1024 ** 2, 1024, 2 ** 31),
  });
}

/** Reads the process environment once, with the command line's global flags on top. */
export function loadConfig(flags: GlobalFlags): Config {
  return parseConfig(flags, process.env);
}
