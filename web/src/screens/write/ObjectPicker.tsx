// Objects chosen by searching them by name, never by typing ids (issue 15, must 4): a report's
// objects, what a note or opinion is about, a relationship's target, where a sighting was made.
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, qs } from '../../api/client.ts';
import { displayName, type Stix } from '../../api/objects.ts';
import { FieldError, useField } from '../admin/form-state.tsx';

/** An object's name for a chosen reference (fetched: an edited report names ids only). */
export function RefName({ id, known }: { id: string; known?: Stix | undefined }) {
  // The object page's query key: a name fetched here is the page's cache too.
  const fetched = useQuery({
    queryKey: ['object', id, null],
    queryFn: () => api<Stix>(`/objects/${encodeURIComponent(id)}`),
    enabled: known === undefined,
  });
  const o = known ?? fetched.data;
  return <span title={id}>{o ? `${displayName(o)} (${o.type})` : fetched.isPending && !known ? 'Loading…' : id}</span>;
}

/** Search results for `q` (at least two characters), optionally of one type. */
function useMatches(q: string, type: string | undefined): Stix[] {
  const search = useQuery({
    queryKey: ['objects', 'pick', q, type ?? null],
    queryFn: () => api<{ objects: Stix[] }>(`/objects${qs({ q, type, limit: 20 })}`),
    enabled: q.length >= 2,
  });
  return q.length >= 2 ? (search.data?.objects ?? []) : [];
}

export interface PickerProps {
  label: string;
  /** The property the API names in its errors. */
  name: string;
  value: readonly string[];
  onChange: (ids: string[], picked?: Stix) => void;
  /** Only objects of this type (identities for where a sighting was made). */
  type?: string;
  /** One object only (a relationship's target). */
  single?: boolean;
  exclude?: readonly string[];
  hint?: string;
  /** Objects already known by name (the user's own organisation). */
  known?: readonly Stix[];
}

/** A search box listing matching objects, each added with one click; the chosen ones listed with
 *  a button that removes each. */
export function ObjectPicker({ label, name, value, onChange, type, single, exclude = [], hint, known: given = [] }: PickerProps) {
  const f = useField(name, label);
  const [q, setQ] = useState('');
  const [known, setKnown] = useState(new Map<string, Stix>(given.map((o) => [o.id, o])));
  const matches = useMatches(q.trim(), type).filter((o) => !value.includes(o.id) && !exclude.includes(o.id));
  const listId = useId();
  const pick = (o: Stix): void => {
    setKnown(new Map(known).set(o.id, o));
    onChange(single ? [o.id] : [...value, o.id], o);
    setQ('');
  };
  return (
    <div className="field wide picker">
      <label htmlFor={f.id}>{label}</label>
      {value.length > 0 && (
        <ul className="chosen" aria-label={`Chosen: ${label}`}>
          {value.map((id) => (
            <li key={id}>
              <RefName id={id} known={known.get(id)} />
              <button
                type="button"
                className="ghost small"
                onClick={() => onChange(value.filter((v) => v !== id))}
                aria-label={`Remove ${known.get(id) ? displayName(known.get(id)) : id}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {(!single || value.length === 0) && (
        <input
          id={f.id}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={type ? `Search ${type} objects by name` : 'Search objects by name'}
          autoComplete="off"
          aria-controls={listId}
          aria-invalid={f.error ? true : undefined}
          aria-describedby={f.describedBy}
        />
      )}
      {hint && <span className="hint">{hint}</span>}
      <ul id={listId} className="matches" aria-label={`Matches: ${label}`}>
        {matches.map((o) => (
          <li key={o.id}>
            <button type="button" className="ghost" onClick={() => pick(o)}>
              Add {displayName(o)} <span className="muted">({o.type})</span>
            </button>
          </li>
        ))}
        {q.trim().length >= 2 && matches.length === 0 && <li className="muted">No match.</li>}
      </ul>
      <FieldError id={f.id} error={f.error} />
    </div>
  );
}
