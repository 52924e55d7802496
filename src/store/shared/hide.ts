// What the Explorer hides by default (issue 15, must 5), as SQL on `objects as o`, both engines.
// Deprecation and node identities live only in the JSON; stored JSON is JSON.stringify output
// (no spaces), and a string value holding the same text would have its quotes escaped, so the
// LIKE patterns below match the top-level property itself, not a description quoting it.
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { CONCORD_IDENTITY_ID } from '../../domain/markings/concord-identity.ts';
import { MITRE_IDENTITY_ID, SYSTEM_TYPES } from '../../domain/explorer/rules.ts';
import type { ObjectFilter } from '../../domain/objects/types.ts';
import type { SqlDialect } from './sql-dialect.ts';

/** A LIKE pattern of versions carrying granular markings (the same reading of stored JSON). */
export const GRANULAR = '%"granular_markings"%';

/** Conditions leaving out the kinds in `filter.hide` (mirrors domain/explorer/rules.ts). */
export function hideConditions(filter: ObjectFilter, d: SqlDialect): RawBuilder<SqlBool>[] {
  const hide = new Set(filter.hide ?? []);
  const out: RawBuilder<SqlBool>[] = [];
  // An explicit `revoked` filter says what the caller wants; hiding would contradict it.
  if (hide.has('revoked') && filter.revoked === undefined) out.push(sql<SqlBool>`o.revoked = ${sql.lit(d.bool(false))}`);
  // Only ATT&CK's own objects are read for the property: testing every object's JSON costs a
  // read of the whole store's text on a count (1.3 s at 100,000 objects, bench/RESULTS.md),
  // while created_by_ref is a column beside the row's other keys.
  if (hide.has('deprecated')) {
    out.push(
      sql<SqlBool>`not (coalesce(o.created_by_ref, '') = ${sql.lit(MITRE_IDENTITY_ID)} and o.json like '%"x_mitre_deprecated":true%')`,
    );
  }
  if (hide.has('system')) {
    out.push(sql<SqlBool>`o.type not in (${sql.join(SYSTEM_TYPES.map((t) => sql.lit(t)))})`);
    // Identities Concord publishes itself: its own, node identities, and the identity of each
    // organisation of the directory (services/index.ts identityOf: the organisation's id).
    out.push(
      sql<SqlBool>`not (o.type = 'identity' and (o.id = ${sql.lit(CONCORD_IDENTITY_ID)} or o.json like '%"identity_class":"system"%' or o.id in (select org.id from organizations org)))`,
    );
  }
  return out;
}
