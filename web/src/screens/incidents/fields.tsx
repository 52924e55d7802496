// Fields of the incident forms the administration fields do not have: a time in UTC (every time
// the UI shows is UTC, format/dates.ts) and a field whose label cites the rule that requires it.
import { FieldError, useField } from '../admin/form-state.tsx';

/** `2026-12-07T10:00:00.000Z` → `2026-12-07T10:00` (the datetime-local input's value, read as UTC). */
export const toInput = (iso: string | null | undefined): string => (iso ? iso.slice(0, 16) : '');
/** The input's value, read as UTC, as ISO 8601; '' when empty or not a time. */
export const fromInput = (v: string): string => {
  if (v === '') return '';
  const d = new Date(`${v.length === 16 ? `${v}:00` : v}Z`);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
};

export function DateTimeField({
  label,
  name,
  value,
  onChange,
  hint,
  max,
}: {
  label: string;
  name: string;
  /** ISO 8601, or ''. */
  value: string;
  onChange: (iso: string) => void;
  hint?: string;
  /** The latest time allowed (ISO). */
  max?: string;
}) {
  const f = useField(name, label);
  const hintId = `${f.id}-hint`;
  return (
    <div className="field">
      <label htmlFor={f.id}>{label} (UTC)</label>
      <input
        id={f.id}
        name={name}
        type="datetime-local"
        value={toInput(value)}
        max={max ? toInput(max) : undefined}
        onChange={(e) => onChange(fromInput(e.target.value))}
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
