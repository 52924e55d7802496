// The user's saved searches (issue 15, must 5): save the current search by name, open or delete one.
import { useState, type FormEvent } from 'react';
import { useDeleteSearch, useSavedSearches, useSaveSearch } from '../../api/saved-searches.ts';
import { Link } from '../../components/Link.tsx';

export function SavedSearches({ query }: { query: string }) {
  const saved = useSavedSearches();
  const save = useSaveSearch();
  const remove = useDeleteSearch();
  const [name, setName] = useState('');
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (name.trim() === '') return;
    save.mutate({ name: name.trim(), query }, { onSuccess: () => setName('') });
  };
  return (
    <section className="saved" aria-label="Saved searches">
      <h2>Saved searches</h2>
      <form onSubmit={submit} className="saved-form">
        <label>
          Name of this search
          <input value={name} onChange={(e) => setName(e.target.value)} maxLength={200} placeholder="e.g. Sandworm, amber" />
        </label>
        <button type="submit" disabled={save.isPending || name.trim() === ''}>
          Save
        </button>
      </form>
      {save.error && (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      )}
      <ul>
        {(saved.data ?? []).map((s) => (
          <li key={s.id}>
            <Link to={`/explore${s.query ? `?${s.query}` : ''}`} title={s.query}>
              {s.name}
            </Link>
            <button type="button" className="ghost" aria-label={`Delete saved search ${s.name}`} onClick={() => remove.mutate(s.id)}>
              ×
            </button>
          </li>
        ))}
        {saved.data?.length === 0 && <li className="muted small">none yet</li>}
      </ul>
    </section>
  );
}
