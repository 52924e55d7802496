// Configuration: flags and CONCORD_* environment variables, parsed and validated once into a
// frozen object. Nothing else in Concord reads process.env (CONVENTIONS.md, Wiring).
import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import type { SchemeDefinition } from './domain/markings/classification.ts';
import type { Stage } from './domain/incidents/clocks.ts';
import { DEFAULT_REMINDERS, type ReminderPolicy } from './domain/incidents/reminders.ts';
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
  /** How long before each NIS2 deadline to remind (CONCORD_REMINDER_HOURS; issue 16, must 7). */
  readonly reminders: ReminderPolicy;
  /** Where the node posts each incident event, signed with `webhookSecret` (CONCORD_WEBHOOK_URL). */
  readonly webhookUrl: string | undefined;
  readonly webhookSecret: string | undefined;
  /** Folder of MISP warninglists (`<id>/list.json` each, or a checkout of MISP/misp-warninglists);
   *  none by default, and then no value is on a list (--warninglists, CONCORD_WARNINGLISTS_DIR). */
  readonly warninglistsDir: string | undefined;
  /** A value carried by more objects than this is shown as too common to correlate and not
   *  expanded, as MISP's max_correlations_per_event (--correlation-limit, CONCORD_CORRELATION_LIMIT). */
  readonly correlationLimit: number;
}

/** Global flags every command accepts; they override the environment. */
export interface GlobalFlags {
  dataDir?: string;
  databaseUrl?: string;
  host?: string;
  port?: string;
  logLevel?: string;
  warninglists?: string;
  correlationLimit?: string;
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

const STAGES: readonly Stage[] = ['early-warning', 'notification', 'intermediate', 'progress', 'final', 'csirt-response'];

/**
 * Reminder offsets: `early-warning=12,1;notification=24,4;final=168,24` (hours before each
 * deadline; `default=` for stages not listed; `stage=` for none before, only when it passes).
 * Stages not named keep DEFAULT_REMINDERS.
 */
function reminderHours(raw: string | undefined): ReminderPolicy {
  if (raw === undefined || raw.trim() === '') return DEFAULT_REMINDERS;
  const name = 'CONCORD_REMINDER_HOURS';
  const beforeHours: Partial<Record<Stage, number[]>> = { ...DEFAULT_REMINDERS.beforeHours } as Partial<Record<Stage, number[]>>;
  let defaultBeforeHours = [...DEFAULT_REMINDERS.defaultBeforeHours];
  for (const part of raw.split(';').map((p) => p.trim())) {
    if (part === '') continue;
    const [stage = '', hours = ''] = part.split('=').map((x) => x.trim());
    if (!part.includes('=') || (stage !== 'default' && !STAGES.includes(stage as Stage))) {
      throw new ConfigError(`${name}: "${part}" must be <stage>=<hours>,… with a stage among ${[...STAGES, 'default'].join(', ')}`);
    }
    const list = hours === '' ? [] : hours.split(',').map((h) => Number(h.trim()));
    if (list.some((h) => !Number.isFinite(h) || h <= 0 || h > 24 * 366)) {
      throw new ConfigError(`${name}: the hours of ${stage} must be positive numbers, got "${hours}"`);
    }
    if (stage === 'default') defaultBeforeHours = list;
    else beforeHours[stage as Stage] = list;
  }
  return Object.freeze({ beforeHours, defaultBeforeHours });
}

function webhook(env: Record<string, string | undefined>): { webhookUrl: string | undefined; webhookSecret: string | undefined } {
  const url = env['CONCORD_WEBHOOK_URL'] || undefined;
  const secret = env['CONCORD_WEBHOOK_SECRET'] || undefined;
  if (url === undefined) return { webhookUrl: undefined, webhookSecret: undefined };
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new ConfigError(`CONCORD_WEBHOOK_URL must be an http:// or https:// URL, got "${url}"`);
  }
  // A receiver must be able to tell the node's posts from anyone's (the signature, README).
  if (secret === undefined || secret.length < 16) {
    throw new ConfigError('CONCORD_WEBHOOK_SECRET must be set, at least 16 characters, when CONCORD_WEBHOOK_URL is');
  }
  return { webhookUrl: url, webhookSecret: secret };
}

function correlation(flags: GlobalFlags, env: Record<string, string | undefined>): Pick<Config, 'warninglistsDir' | 'correlationLimit'> {
  const dir = flags.warninglists ?? env['CONCORD_WARNINGLISTS_DIR'] ?? '';
  return {
    warninglistsDir: dir === '' ? undefined : resolve(dir),
    correlationLimit: int('CONCORD_CORRELATION_LIMIT', flags.correlationLimit ?? env['CONCORD_CORRELATION_LIMIT'], 20, 1, 100_000),
  };
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
    reminders: reminderHours(env['CONCORD_REMINDER_HOURS']),
    ...webhook(env),
    ...correlation(flags, env),
  });
}

/** Reads the process environment once, with the command line's global flags on top. */
export function loadConfig(flags: GlobalFlags): Config {
  return parseConfig(flags, process.env);
}
