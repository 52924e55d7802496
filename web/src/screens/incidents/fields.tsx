// Fields of the incident forms the administration fields do not have: a time in UTC (every time
// the UI shows is UTC, format/dates.ts) and a field whose label cites the rule that requires it.
import { useState } from 'react';
import { FieldError, useField } from '../admin/form-state.tsx';
import { fromInput, toInput } from './times.ts';

/** A time typed as yyyy-mm-dd HH:MM in UTC. Not <input type="datetime-local">: Chromium shows
 *  and takes that in the browser's locale (components/DayInput.tsx says why). */
export function DateTimeField({
  label,
  name,
  value,
  onChange,
  hint,
}: {
  label: string;
  name: string;
  /** ISO 8601, or '' (or the text typed, when it is not a time). */
  value: string;
  onChange: (iso: string) => void;
  hint?: string;
}) {
  const f = useField(name, label);
  const [text, setText] = useState(() => toInput(value));
  const hintId = `${f.id}-hint`;
  return (
    <div className="field">
      <label htmlFor={f.id}>{label} (UTC)</label>
      <input
        id={f.id}
        name={name}
        type="text"
        inputMode="numeric"
        placeholder="yyyy-mm-dd HH:MM"
        size={16}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(fromInput(e.target.value));
        }}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={[f.describedBy, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined}
      />
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <FieldError id={f.id} error={f.error} />
    </div>
  );
}

/** A yes/no question the Directive asks (Art. 23(4)(a)): unanswered until the writer answers. */
export function YesNoField({
  label,
  name,
  value,
  onChange,
  hint,
}: {
  label: string;
  name: string;
  value: boolean | undefined;
  onChange: (v: boolean | undefined) => void;
  hint?: string;
}) {
  const f = useField(name, label);
  const hintId = `${f.id}-hint`;
  return (
    <div className="field">
      <label htmlFor={f.id}>{label}</label>
      <select
        id={f.id}
        name={name}
        value={value === undefined ? '' : value ? 'yes' : 'no'}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value === 'yes')}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={[f.describedBy, hint ? hintId : undefined].filter(Boolean).join(' ') || undefined}
      >
        <option value="">— not answered</option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <FieldError id={f.id} error={f.error} />
    </div>
  );
}
