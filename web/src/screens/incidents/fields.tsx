// Fields of the incident forms the administration fields do not have: a time in UTC (every time
// the UI shows is UTC, format/dates.ts) and a field whose label cites the rule that requires it.
import { useState } from 'react';
import { FieldError, useField } from '../admin/form-state.tsx';

/** `2026-12-07T10:00:00.000Z` → `2026-12-07 10:00` (UTC, as every time the UI shows). */
export const toInput = (iso: string | null | undefined): string => {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 16).replace('T', ' ');
};
/** `2026-12-07 10:00` (or with a T, seconds, a Z), read as UTC → ISO 8601; the text itself when
 *  it is not such a time (the form's check or the server names it); '' when empty. */
export const fromInput = (v: string): string => {
  const t = v.trim();
  if (t === '') return '';
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*(?:Z|UTC)?$/i.exec(t);
  const d = m ? new Date(`${m[1]}T${m[2]}${m[2]?.length === 5 ? ':00' : ''}Z`) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : t;
};

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
