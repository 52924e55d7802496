// Filter parameters (HTTP query, CLI flags) → store filter, with errors that name the
// parameter at fault.
import { versionKey } from '../stix/timestamp.ts';
import { InvalidInputError } from '../../errors.ts';
import type { ObjectFilter } from './types.ts';
import { HIDEABLE, type Hideable } from '../explorer/types.ts';

/** Query parameters shared by list and export. */
export interface FilterParams {
  type?: string;
  created_by_ref?: string;
  label?: string;
  modified_after?: string;
  modified_before?: string;
  added_after?: string;
  added_before?: string;
  since?: string;
  revoked?: boolean;
  q?: string;
  tlp?: string;
  owner?: string;
  ids?: string;
  /** What to show that is hidden by default: `deprecated`, `revoked`, `system`, `all`, `none`. */
  include?: string;
}

function csv(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length > 0 ? items : undefined;
}

function stixTime(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const key = versionKey(v);
  if (key === undefined)
    throw new InvalidInputError(`${name} must be a STIX timestamp such as 2024-01-31T12:00:00Z, got "${v}"`, { parameter: name });
  return key;
}

function isoTime(name: string, v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}/.test(v)) {
    throw new InvalidInputError(`${name} must be an ISO 8601 time such as 2024-01-31T12:00:00Z, got "${v}"`, { parameter: name });
  }
  return new Date(t).toISOString();
}

/** What stays hidden given `include` (issue 15, must 5): absent hides all three. */
function hiddenBy(include: string | undefined): Hideable[] {
  const shown = new Set(csv(include) ?? []);
  for (const v of shown) {
    if (v !== 'all' && v !== 'none' && !(HIDEABLE as readonly string[]).includes(v))
      throw new InvalidInputError(`include takes ${HIDEABLE.join(', ')}, all or none, got "${v}"`, { parameter: 'include' });
  }
  return shown.has('all') ? [] : HIDEABLE.filter((h) => !shown.has(h));
}

/** Builds the store filter; throws INVALID_INPUT naming the bad parameter. */
export function toFilter(p: FilterParams): ObjectFilter {
  const f: ObjectFilter = {};
  const set = <K extends keyof ObjectFilter>(k: K, v: ObjectFilter[K] | undefined): void => {
    if (v !== undefined) f[k] = v;
  };
  set('types', csv(p.type));
  set('createdByRefs', csv(p.created_by_ref));
  set('labels', csv(p.label));
  set('modifiedFrom', stixTime('modified_after', p.modified_after));
  set('modifiedTo', stixTime('modified_before', p.modified_before));
  set('addedFrom', isoTime('added_after', p.added_after) ?? isoTime('since', p.since));
  set('addedTo', isoTime('added_before', p.added_before));
  set('revoked', p.revoked);
  set('text', p.q?.trim() === '' ? undefined : p.q);
  set('tlps', csv(p.tlp));
  set('owners', csv(p.owner));
  set('ids', csv(p.ids));
  const hide = hiddenBy(p.include);
  if (hide.length > 0) f.hide = hide;
  return f;
}
