// ObjectFilter → SQL conditions on `objects as o`, over latest versions or every version.
// Shared by both engines; dialect differences go through SqlDialect.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { versionKey } from '../../domain/stix/timestamp.ts';
import { InvalidInputError } from '../../errors.ts';
import type { ObjectFilter, PageRequest } from '../../domain/objects/types.ts';
import { searchWords } from './search-words.ts';
import { GRANULAR, hideConditions } from './hide.ts';
import type { SqlDialect } from './sql-dialect.ts';

/**
 * The conditions `filter` imposes on `objects as o`: latest versions only unless `allVersions`.
 * Labels and words are indexed for latest versions only, so those filters are refused on
 * every version rather than answered from the latest one. The added_at bounds are left to the
 * caller, which turns them into a seq range (object.reads.ts).
 */
export function filterConditions(filter: ObjectFilter, allVersions: boolean, d: SqlDialect): RawBuilder<SqlBool>[] {
  const out: RawBuilder<SqlBool>[] = allVersions ? [] : [d.isLatest('o')];
  if (filter.ids) out.push(d.idIn('o', filter.ids));
  if (filter.types) out.push(d.inList('o.type', filter.types));
  if (filter.createdByRefs) out.push(d.inList('o.created_by_ref', filter.createdByRefs));
  if (filter.modifiedFrom !== undefined) out.push(sql<SqlBool>`o.version >= ${modifiedBound(filter.modifiedFrom, 'modifiedFrom')}`);
  if (filter.modifiedTo !== undefined) out.push(sql<SqlBool>`o.version <= ${modifiedBound(filter.modifiedTo, 'modifiedTo')}`);
  // A literal, so that `revoked = true` can use the partial index of revoked latest versions.
  if (filter.revoked !== undefined) out.push(sql<SqlBool>`o.revoked = ${sql.lit(d.bool(filter.revoked))}`);
  if (allVersions && (filter.labels !== undefined || filter.text !== undefined)) {
    throw new InvalidInputError('labels and text filters apply to latest versions only', { allVersions });
  }
  if (filter.tlps) {
    // A correlated probe of object_access's primary key: a page stops at its limit.
    out.push(sql<SqlBool>`exists (select 1 from object_access fa where fa.seq = o.seq and ${d.inList('fa.tlp', filter.tlps)})`);
  }
  if (filter.granularOnly) out.push(sql<SqlBool>`o.json like ${GRANULAR}`);
  if (filter.owners) {
    out.push(sql<SqlBool>`exists (select 1 from object_access fo where fo.seq = o.seq and ${d.inList('fo.owner_org', filter.owners)})`);
  }
  if (filter.labels) {
    out.push(sql<SqlBool>`o.seq in (select labels.seq from labels where ${d.inList('labels.label', filter.labels)})`);
  }
  out.push(...hideConditions(filter, d));
  if (filter.text !== undefined) {
    // A query without any word (only punctuation) places no condition: every word matches.
    const words = searchWords(filter.text);
    if (words.length > 0) out.push(d.hasWords('o.seq', words));
  }
  return out;
}

/** A modified bound as a version key; a plain STIX timestamp is accepted and normalised too. */
function modifiedBound(bound: string, name: string): string {
  const key = versionKey(bound);
  if (key === undefined) throw new InvalidInputError(`${name} is not a STIX timestamp`, { [name]: bound });
  return key;
}

/**
 * Normalises an added_at bound to the stored form (ISO 8601, milliseconds) so that text
 * comparison is time comparison. Finer bounds round up: stored times are whole milliseconds,
 * so `>= x.0005` and `< x.0005` select the same rows as `>= x.001` and `< x.001`.
 */
export function addedBound(bound: string, name: string): string {
  const ms = Date.parse(bound);
  if (!/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(bound) || Number.isNaN(ms)) {
    throw new InvalidInputError(`${name} is not an ISO 8601 timestamp`, { [name]: bound });
  }
  const frac = /\.(\d+)/.exec(bound)?.[1] ?? '';
  const finer = /[1-9]/.test(frac.slice(3));
  return new Date(ms + (finer ? 1 : 0)).toISOString();
}

/** Rejects a page request that cannot be served. */
export function checkPage(page: PageRequest): void {
  if (!Number.isSafeInteger(page.limit) || page.limit < 1) {
    throw new InvalidInputError('page limit must be a positive integer', { limit: page.limit });
  }
  if (page.after !== undefined && (!Number.isSafeInteger(page.after) || page.after < 0)) {
    throw new InvalidInputError('page cursor must be a non-negative integer', { after: page.after });
  }
}
