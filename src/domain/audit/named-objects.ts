// Which STIX objects an audit entry names, and the entry as shown to a reader who may read only
// some of them (issue 14): the log tells an administrator who read a classified object, but
// names the object only to one who may read it (DESIGN.md principle 2: every path by which data
// leaves goes through the access policy, and an id, with its time and reader, is data). The
// stored entry and its hash are untouched; the chain is verified on what is stored.
import { isStixId } from '../stix/ids.ts';
import type { JsonObject, JsonValue } from '../stix/types.ts';
import type { AuditEntry } from './entry.ts';

/** An entry as presented; `withheld` counts the object ids left out (absent when none). */
export type PresentedAuditEntry = AuditEntry & { withheld?: number };

/** Actions about objects are `object.*` and `marking.*`: their target is an object id. Other
 *  targets (users, tokens, organisations, peers) are local records, shown to administrators. */
function targetIsObject(e: AuditEntry): boolean {
  return (e.action.startsWith('object.') || e.action.startsWith('marking.')) && isStixId(e.target);
}

function idList(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function isObject(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Lists of object ids an entry's details may hold: `ids` (reads, retractions) and an export's `filter.ids`. */
function detailIds(details: JsonObject): string[] {
  const filter = details['filter'];
  return [...idList(details['ids']), ...(isObject(filter) ? idList(filter['ids']) : [])];
}

/** The object ids an entry names. */
export function namedObjects(e: AuditEntry): string[] {
  const ids = detailIds(e.details);
  if (targetIsObject(e) && e.target !== null) ids.push(e.target);
  return ids;
}

/** The entry without the object ids outside `readable`; the same entry when it names none. */
export function withholdUnreadable(e: AuditEntry, readable: ReadonlySet<string>): PresentedAuditEntry {
  let withheld = 0;
  const keep = (ids: JsonValue | undefined): JsonValue[] | undefined => {
    if (!Array.isArray(ids)) return undefined;
    const kept = ids.filter((x) => typeof x !== 'string' || readable.has(x));
    withheld += ids.length - kept.length;
    return kept;
  };
  const details: JsonObject = { ...e.details };
  const ids = keep(details['ids']);
  if (ids !== undefined) details['ids'] = ids;
  const filter = details['filter'];
  if (isObject(filter)) {
    const filterIds = keep(filter['ids']);
    if (filterIds !== undefined) details['filter'] = { ...filter, ids: filterIds };
  }
  let target = e.target;
  if (targetIsObject(e) && target !== null && !readable.has(target)) {
    target = null;
    withheld++;
  }
  return withheld === 0 ? e : { ...e, target, details, withheld };
}
