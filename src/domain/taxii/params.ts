// URL query parameters of the TAXII 2.1 object, manifest and versions endpoints (TAXII 2.1 §3.4,
// §3.4.1, §3.5): parsed and checked here; a malformed one is 400 (§3.4).
import { InvalidInputError } from '../../errors.ts';
import { versionKey } from '../stix/timestamp.ts';

/** Which versions of each object a read returns (§3.4.1 `match[version]`); `versions` are
 *  version keys (domain/stix/timestamp.ts). */
export type VersionSelection = { all: true } | { all: false; first: boolean; last: boolean; versions: string[] };

/** What a TAXII request asks for, checked. */
export interface TaxiiFilter {
  /** Exclusive, as the stored form of date added (ISO 8601, milliseconds). */
  addedAfter?: string;
  limit?: number;
  /** Decoded `next`: the position after which the page starts. */
  after?: number;
  ids?: string[];
  types?: string[];
  specVersions?: string[];
  select: VersionSelection;
  /** Concord's `match[x_concord_min_score]`: indicators whose decay score is below it are left
   *  out (issue 17, must 6). An `x_`-prefixed name, as STIX names custom properties (§11.1); a
   *  server that does not know it ignores it (§3.4). */
  minScore?: number;
}

/** Which `match[...]` fields an endpoint takes (§5.3, §5.4, §5.6, §5.7, §5.8); others are ignored (§3.4: servers MAY ignore fields they do not understand). */
export type MatchField = 'id' | 'type' | 'version' | 'spec_version';

type Query = Record<string, unknown>;

const TAXII_TS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/;

/** A single value: §3.4 says `added_after`, `limit` and `next` occur at most once, and each
 *  match field MUST NOT occur more than once. */
function single(q: Query, name: string): string | undefined {
  const v = q[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new InvalidInputError(`${name} must occur at most once`, { parameter: name });
  return v;
}

/** §3.4: several values are separated by commas without spaces. */
function list(q: Query, name: string, check: (v: string) => boolean): string[] | undefined {
  const raw = single(q, name);
  if (raw === undefined) return undefined;
  const values = raw.split(',');
  for (const v of values) {
    if (v === '' || !check(v)) throw new InvalidInputError(`${name} has a malformed value "${v}"`, { parameter: name });
  }
  return values;
}

/** `added_after` as the stored form of date added: microseconds (§2 timestamp) are cut to the
 *  millisecond, which keeps `date_added > added_after` exact since stored dates are whole ms. */
export function parseAddedAfter(text: string): string {
  const m = TAXII_TS.exec(text);
  const iso = m ? `${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}Z` : '';
  if (!m || Number.isNaN(Date.parse(iso)) || new Date(iso).toISOString() !== iso) {
    throw new InvalidInputError(`added_after must be a timestamp such as 2024-01-01T00:00:00.000000Z, got "${text}"`, {
      parameter: 'added_after',
    });
  }
  return iso;
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** §2: a TAXII timestamp has microsecond precision; stored dates have milliseconds. */
export function taxiiTimestamp(iso: string): string {
  // Dates the store wrote are already UTC with milliseconds: only the digits are added (this
  // runs for every object of every page; a Date round trip was 5 % of serving a page).
  if (ISO_MS.test(iso)) return `${iso.slice(0, 23)}000Z`;
  return `${new Date(iso).toISOString().slice(0, 23)}000Z`;
}

/** The opaque `next` token (§3.7) of a position. */
export function encodeNext(position: number): string {
  return Buffer.from(`p${position}`).toString('base64url');
}

function decodeNext(token: string): number {
  const m = /^p(\d{1,15})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!m) throw new InvalidInputError('next is not a value this server returned', { parameter: 'next' });
  return Number(m[1]);
}

/** §3.4.1 `match[version]`: `all`, `first`, `last` and timestamps, no duplicates, `all` alone. */
export function parseVersionSelection(raw: string[] | undefined, fallback: VersionSelection): VersionSelection {
  if (raw === undefined) return fallback;
  if (new Set(raw).size !== raw.length)
    throw new InvalidInputError('match[version] must not repeat a value', { parameter: 'match[version]' });
  if (raw.includes('all')) {
    if (raw.length > 1)
      throw new InvalidInputError('match[version]=all must not be combined with other values', { parameter: 'match[version]' });
    return { all: true };
  }
  const versions: string[] = [];
  for (const v of raw) {
    if (v === 'first' || v === 'last') continue;
    const key = versionKey(v);
    if (key === undefined)
      throw new InvalidInputError(`match[version] value "${v}" is neither first, last, all nor a STIX timestamp`, {
        parameter: 'match[version]',
      });
    versions.push(key);
  }
  return { all: false, first: raw.includes('first'), last: raw.includes('last'), versions };
}

const MIN_SCORE = 'match[x_concord_min_score]';

function parseMinScore(text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
    throw new InvalidInputError(`${MIN_SCORE} must be a score from 0 to 100, got "${text}"`, { parameter: MIN_SCORE });
  return n;
}

/** The default of §3.4.1: only the latest version of each object. */
export const LATEST: VersionSelection = { all: false, first: false, last: true, versions: [] };

/** Parses a request's query for an endpoint that accepts the `fields` match fields. */
export function parseTaxiiQuery(q: Query, fields: readonly MatchField[], fallback: VersionSelection = LATEST): TaxiiFilter {
  const out: TaxiiFilter = { select: fallback };
  const addedAfter = single(q, 'added_after');
  if (addedAfter !== undefined) out.addedAfter = parseAddedAfter(addedAfter);
  const limit = single(q, 'limit');
  if (limit !== undefined) {
    // §3.4: the limit MUST be a positive integer greater than zero.
    if (!/^\d{1,9}$/.test(limit) || Number(limit) < 1)
      throw new InvalidInputError(`limit must be a positive integer, got "${limit}"`, { parameter: 'limit' });
    out.limit = Number(limit);
  }
  const next = single(q, 'next');
  if (next !== undefined) out.after = decodeNext(next);
  const minScore = single(q, MIN_SCORE);
  if (minScore !== undefined) out.minScore = parseMinScore(minScore);
  if (fields.includes('id')) {
    const ids = list(q, 'match[id]', (v) => /^\S+$/.test(v));
    if (ids) out.ids = ids;
  }
  if (fields.includes('type')) {
    const types = list(q, 'match[type]', (v) => /^[a-z0-9-]+$/.test(v));
    if (types) out.types = types;
  }
  if (fields.includes('spec_version')) {
    const specs = list(q, 'match[spec_version]', (v) => /^\d+\.\d+$/.test(v));
    if (specs) out.specVersions = specs;
  }
  if (fields.includes('version'))
    out.select = parseVersionSelection(
      list(q, 'match[version]', () => true),
      fallback,
    );
  return out;
}
