// The administration form: its frame (submit, cancel, the error under it) and small text
// helpers. Every field has a visible label (fields.tsx); when the API's problem document names a
// field (`field`, or a schema error's path), the message is shown next to that field and the
// field is marked invalid (form-state.tsx); otherwise it is shown under the form.
import { useRef, type FormEvent, type ReactNode } from 'react';
import { formatDateTime } from '../../format/dates.ts';
import { fieldOf, fieldOnForm, FormContext } from './form-state.tsx';

export interface FormProps {
  /** The form's accessible name. */
  title: string;
  /** The submit button's text (default: the title). */
  submit?: string;
  onSubmit: () => void;
  error: Error | null;
  pending: boolean;
  children: ReactNode;
  /** Shown after a success (a one-time secret). */
  result?: ReactNode;
  onCancel?: () => void;
  className?: string;
  /** Errors of several fields at once, each shown next to its field (form-state.tsx). */
  fieldErrors?: ReadonlyMap<string, string>;
}

export function Form({ title, submit, onSubmit, error, pending, children, result, onCancel, className, fieldErrors }: FormProps) {
  const names = useRef(new Map<string, string>()).current;
  const named = fieldOnForm(fieldOf(error), names);
  const send = (e: FormEvent): void => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form
      className={className ?? 'inline-form'}
      onSubmit={send}
      aria-label={title}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel) onCancel();
      }}
    >
      <FormContext.Provider value={{ field: named, message: error?.message ?? '', names, ...(fieldErrors ? { errors: fieldErrors } : {}) }}>
        {children}
      </FormContext.Provider>
      <div className="form-actions">
        <button type="submit" disabled={pending}>
          {submit ?? title}
        </button>
        {onCancel && (
          <button type="button" className="ghost" onClick={onCancel}>
            Cancel
          </button>
        )}
        {pending && (
          <span className="muted" role="status">
            Working…
          </span>
        )}
      </div>
      {error && (
        <p className="error form-error" role="alert">
          {named ? `Not saved: check “${names.get(named) ?? named}”.` : error.message}
        </p>
      )}
      {result}
    </form>
  );
}

/** Comma- or line-separated values, trimmed, without empties. */
export const splitList = (text: string): string[] =>
  text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

/** A time in an administration table (format/dates.ts: ISO 8601, UTC). */
export const when = (s: string | null | undefined): string => formatDateTime(s);
export const listText = (xs: readonly string[]): string => (xs.length ? xs.join(', ') : '—');
