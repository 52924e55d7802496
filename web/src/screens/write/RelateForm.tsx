// A relationship between two objects (STIX 2.1 §5.1), from the object page or by dragging one
// node onto another in the graph (issue 15, must 4 and 6).
import { useState } from 'react';
import type { Stix } from '../../api/objects.ts';
import { relate, type WriteResult } from '../../api/write.ts';

export interface RelateFormProps {
  source: Stix;
  target: Stix;
  onDone: (created: WriteResult) => void;
  onCancel: () => void;
}

const TYPES = ['related-to', 'indicates', 'uses', 'targets', 'attributed-to', 'mitigates', 'variant-of', 'derived-from'];

/** Placeholder form: a relationship type and a button; the forms work replaces it. */
export function RelateForm({ source, target, onDone, onCancel }: RelateFormProps) {
  const [type, setType] = useState(TYPES[0] ?? 'related-to');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        relate({ source_ref: source.id, target_ref: target.id, relationship_type: type }).then(onDone, (err: Error) =>
          setError(err.message),
        );
      }}
    >
      <label htmlFor="relate-type">Relationship type</label>
      <select id="relate-type" value={type} onChange={(e) => setType(e.target.value)}>
        {TYPES.map((t) => (
          <option key={t}>{t}</option>
        ))}
      </select>
      {error && <p role="alert">{error}</p>}
      <button type="submit">Create relationship</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}
