// Configuration: flags and CONCORD_* environment variables, parsed and validated once into a
// frozen object. Nothing else in Concord reads process.env (CONVENTIONS.md, Wiring).
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { SchemeDefinition } from './domain/markings/classification.ts';
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
  /** Rows a list request examines at most before it returns a short page with its cursor. */
  readonly listScanRows: number;
  /** Name and country of the organisation that operates the node, created on first start. */
  readonly orgName: string;
  readonly orgCountry: string | undefined;
  /** National classification schemes besides the built-in NATO and EU ones. */
  readonly classificationSchemes: readonly SchemeDefinition[];
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

/**
 * National classification schemes: JSON `[{"id","name","levels":[lowest…highest]}]`, given
 * inline or as `@path/to/file.json`. The schemes' own rules are checked when the registry is
 * built (domain/markings/classification.ts); here only the JSON shape.
 */
function schemes(raw: string | undefined): SchemeDefinition[] {
  if (raw === undefined || raw.trim() === '') return [];
  const name = 'CONCORD_CLASSIFICATION_SCHEMES';
  let text = raw;
  if (raw.startsWith('@')) {
    try {
      text = readFileSync(raw.slice(1), 'utf8');
    } catch (e) {
      throw new ConfigError(`${name}: cannot read ${raw.slice(1)}: ${(e as Error).message}`);
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${name} is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(value)) throw new ConfigError(`${name} must be a JSON array of {id, name, levels}`);
  return value.map((v: unknown, i) => {
    const o = (v ?? {}) as Record<string, unknown>;
    const levels = o['levels'];
    if (
      typeof o['id'] !== 'string' ||
      typeof o['name'] !== 'string' ||
      !Array.isArray(levels) ||
      !levels.every((l) => typeof l === 'string')
    ) {
      throw new ConfigError(`${name}[${i}] must have a string id, a string name and levels, an array of strings`);
    }
    return { id: o['id'], name: o['name'], levels };
  });
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
    listScanRows: int('CONCORD_LIST_SCAN_ROWS', env['CONCORD_LIST_SCAN_ROWS'], 20_000, 100, 10_000_000),
    orgName: env['CONCORD_ORG_NAME'] ?? 'Concord node operator',
    orgCountry: env['CONCORD_ORG_COUNTRY'] || undefined,
    classificationSchemes: schemes(env['CONCORD_CLASSIFICATION_SCHEMES']),
  });
}

/** Reads the process environment once, with the command line's global flags on top. */
export function loadConfig(flags: GlobalFlags): Config {
  return parseConfig(flags, process.env);
}
