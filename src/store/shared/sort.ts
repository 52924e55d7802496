// Sort keys of the object list (issue 15, must 5), both engines. Each is a text expression that
// is never null, so that a keyset position (key, seq) compares rows without NULL rules; the key
// is selected with each row and returned in the position, so the next page compares with what
// the database computed, never with a JavaScript rendition of it (collations differ).
import { sql, type RawBuilder } from 'kysely';
import type { SortOrder } from '../../domain/objects/types.ts';
import type { SqlDialect } from './sql-dialect.ts';

/** The sort key of `objects as o` for `by`. `modified` is the version key (fixed width, so text
 *  order is time order, migrations/0001); names compare case-insensitively. */
export function sortKey(by: SortOrder['by'], d: SqlDialect): RawBuilder<string> {
  switch (by) {
    case 'modified':
      return sql<string>`o.version`;
    case 'type':
      return sql<string>`o.type`;
    case 'created':
      return sql<string>`coalesce(o.created, '')`;
    case 'name':
      // A display name: `name`, else an observable's `value` (what the Name column shows).
      return d.name === 'sqlite'
        ? sql<string>`lower(coalesce(json_extract(o.json, '$.name'), json_extract(o.json, '$.value'), ''))`
        : sql<string>`lower(coalesce(o.json::json->>'name', o.json::json->>'value', ''))`;
  }
}
