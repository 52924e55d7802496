// The properties the page does not render in a section of their own, by name and meaning:
// references as links named after their objects, timestamps in the UI's date form, lists as
// lists, yes/no for booleans; nested values as indented JSON that wraps.
import type { ReactNode } from 'react';
import type { Stix } from '../../api/objects.ts';
import { Link } from '../../components/Link.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { propertyName } from '../../format/stix-names.ts';
import { objectPath } from '../../router.ts';

const ID = /^[a-z0-9-]+--[0-9a-f-]{36}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Names of the objects the page knows (the neighbourhood), by id. */
export type Names = (id: string) => string | undefined;

/** A link to a referenced object, named when the page knows it. */
export function ObjectRef({ id, names }: { id: string; names: Names }) {
  const name = names(id);
  return (
    <Link to={objectPath(id)} className="ref" title={id}>
      {name ?? id}
    </Link>
  );
}

/** One value, rendered by what it is. */
export function Value({ v, names }: { v: unknown; names: Names }): ReactNode {
  if (typeof v === 'string') {
    if (ID.test(v)) return <ObjectRef id={v} names={names} />;
    if (TIMESTAMP.test(v)) return <time dateTime={v}>{formatDateTime(v, { seconds: true })}</time>;
    return v;
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    return (
      <ul className="plain">
        {v.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list of strings that may repeat; it is never reordered
          <li key={i}>
            <Value v={x} names={names} />
          </li>
        ))}
      </ul>
    );
  // Nested values (extensions, hashes, ATT&CK contents) fold away: they are for the few who need them.
  const size = Array.isArray(v) ? v.length : typeof v === 'object' && v !== null ? Object.keys(v).length : 0;
  return (
    <details>
      <summary className="muted">
        {size} {Array.isArray(v) ? (size === 1 ? 'item' : 'items') : size === 1 ? 'field' : 'fields'}
      </summary>
      <pre className="inline-json">{JSON.stringify(v, null, 2)}</pre>
    </details>
  );
}

const isEmpty = (v: unknown): boolean => v === '' || v === null || (Array.isArray(v) && v.length === 0);

/** A list of `o`'s properties except those in `shown` (rendered elsewhere on the page). */
export function Properties({ o, shown, names }: { o: Stix; shown: ReadonlySet<string>; names: Names }) {
  const rest = Object.entries(o).filter(([k, v]) => !shown.has(k) && !isEmpty(v));
  if (rest.length === 0) return null;
  return (
    <dl className="facts" aria-label="Other properties">
      {rest.map(([k, v]) => (
        <div key={k} className="fact">
          <dt title={k}>{propertyName(k)}</dt>
          <dd>
            <Value v={v} names={names} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
