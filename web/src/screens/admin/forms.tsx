// The building blocks of the administration forms. Every field has a visible label; when the
// API's problem document names a field (`field`, or a schema error's path), the message is shown
// next to that field and the field is marked invalid; otherwise it is shown under the form.
import { createContext, useContext, useId, useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client.ts';
import { formatDateTime } from '../../format/dates.ts';

/** The field a problem document names: `field` (Concord errors), else the first schema error's
 *  property (`/outbound/maxTlp` → `outbound.maxTlp`, or the missing or unknown property). */
export function fieldOf(e: unknown): string | null {
  if (!(e instanceof ApiError)) return null;
  const named = e.problem['field'];
  if (typeof named === 'string') return named;
  const errors = e.problem['errors'];
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const first = errors[0] as { path?: unknown; params?: Record<string, unknown> };
  const path = typeof first.path === 'string' ? first.path.split('/').filter(Boolean).join('.') : '';
  const prop = first.params?.['missingProperty'] ?? first.params?.['additionalProperty'];
  return [path, typeof prop === 'string' ? prop : ''].filter(Boolean).join('.') || null;
}

/** A refusal made in the browser, shaped as the API's, so that it is shown the same way. */
export const localError = (field: string, detail: string): ApiError => new ApiError(400, 'INVALID_INPUT', detail, { field });

interface FormState {
  field: string | null;
  message: string;
  /** API name → label of the fields on the form. */
  names: Map<string, string>;
}
const FormContext = createContext<FormState>({ field: null, message: '', names: new Map() });

/** Registers a field under its API name; returns its ids and the error that names it. */
function useField(name: string, label: string): { id: string; error: string | null; describedBy: string | undefined } {
  const ctx = useContext(FormContext);
  const id = useId();
  useLayoutEffect(() => {
    ctx.names.set(name, label);
    return () => void ctx.names.delete(name);
  }, [ctx.names, name, label]);
  const error = ctx.field === name ? ctx.message : null;
  return { id, error, describedBy: error ? `${id}-error` : undefined };
}

function FieldError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <span id={`${id}-error`} className="error field-error">
      {error}
    </span>
  ) : null;
}

/** The field on the form that `field` names, or its nearest named parent (`clearances.nato` →
 *  `clearances`, `members.0` → `members`); null when the form has none of them. */
function fieldOnForm(field: string | null, names: ReadonlyMap<string, string>): string | null {
  for (let f = field; f; f = f.includes('.') ? f.slice(0, f.lastIndexOf('.')) : null) if (names.has(f)) return f;
  return null;
}

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
}

export function Form({ title, submit, onSubmit, error, pending, children, result, onCancel, className }: FormProps) {
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
      <FormContext.Provider value={{ field: named, message: error?.message ?? '', names }}>{children}</FormContext.Provider>
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

interface InputProps {
  label: string;
  /** The property the API names in its errors. */
  name: string;
  value: string;
  onChange: (v: string) => void;
  required?: boolean;
  placeholder?: string;
  hint?: string;
  type?: 'text' | 'password' | 'url';
  autoFocus?: boolean;
  disabled?: boolean;
  wide?: boolean;
}

export function TextField({
  label,
  name,
  value,
  onChange,
  required,
  placeholder,
  hint,
  type = 'text',
  autoFocus,
  disabled,
  wide,
}: InputProps) {
  const f = useField(name, label);
  const hintId = hint ? `${f.id}-hint` : undefined;
  return (
    <div className={`field${wide ? ' wide' : ''}`}>
      <label htmlFor={f.id}>{label}</label>
      <input
        id={f.id}
        name={name}
        type={type}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required={required}
        placeholder={placeholder}
        // biome-ignore lint/a11y/noAutofocus: passed through from the caller, which sets it only on the first field of a form the user just opened
        autoFocus={autoFocus}
        disabled={disabled}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={[f.describedBy, hintId].filter(Boolean).join(' ') || undefined}
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

export function TextArea({ label, name, value, onChange, placeholder, hint, wide = true }: InputProps) {
  const f = useField(name, label);
  const hintId = hint ? `${f.id}-hint` : undefined;
  return (
    <div className={`field${wide ? ' wide' : ''}`}>
      <label htmlFor={f.id}>{label}</label>
      <textarea
        id={f.id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={placeholder}
        rows={3}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={[f.describedBy, hintId].filter(Boolean).join(' ') || undefined}
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

export function SelectField({
  label,
  name,
  value,
  onChange,
  options,
  disabled,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  options: readonly (readonly [string, string])[];
  disabled?: boolean;
}) {
  const f = useField(name, label);
  return (
    <div className="field">
      <label htmlFor={f.id}>{label}</label>
      <select
        id={f.id}
        name={name}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={f.describedBy}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
      <FieldError id={f.id} error={f.error} />
    </div>
  );
}

export function CheckField({
  label,
  name,
  checked,
  onChange,
}: {
  label: string;
  name: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  const f = useField(name, label);
  return (
    <div className="field">
      <label className="check">
        <input
          type="checkbox"
          name={name}
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={f.describedBy}
        />
        {label}
      </label>
      <FieldError id={f.id} error={f.error} />
    </div>
  );
}

/** A set of checkboxes (roles, communities, member organisations), as a labelled group. */
export function CheckList({
  legend,
  name,
  options,
  selected,
  onChange,
  empty = 'None to choose from.',
}: {
  legend: string;
  name: string;
  options: readonly (readonly [string, string])[];
  selected: readonly string[];
  onChange: (v: string[]) => void;
  empty?: string;
}) {
  const f = useField(name, legend);
  const toggle = (v: string, on: boolean): void => onChange(on ? [...selected, v] : selected.filter((s) => s !== v));
  return (
    <fieldset className="field checklist" aria-describedby={f.describedBy} aria-invalid={f.error ? true : undefined}>
      <legend>{legend}</legend>
      <div className="checks">
        {options.length === 0 && <span className="muted">{empty}</span>}
        {options.map(([v, text]) => (
          <label key={v} className="check">
            <input type="checkbox" checked={selected.includes(v)} onChange={(e) => toggle(v, e.target.checked)} />
            {text}
          </label>
        ))}
      </div>
      <FieldError id={f.id} error={f.error} />
    </fieldset>
  );
}

/**
 * A level per classification scheme (clearances, accreditation, highest classification sent):
 * one choice per scheme of the node, among its levels, or none. A level the node no longer
 * knows (a scheme removed from its configuration) stays listed, so that saving keeps it, and
 * the server says what is wrong with it.
 */
export function LevelsField({
  legend,
  name,
  schemes,
  value,
  onChange,
  none = 'none',
}: {
  legend: string;
  name: string;
  schemes: readonly { id: string; name: string; levels: readonly string[] }[];
  value: Readonly<Record<string, string>>;
  onChange: (v: Record<string, string>) => void;
  none?: string;
}) {
  const f = useField(name, legend);
  const known = new Set(schemes.map((s) => s.id));
  const rows = [
    ...schemes,
    ...Object.keys(value)
      .filter((id) => !known.has(id))
      .map((id) => ({ id, name: id, levels: [] as string[] })),
  ];
  const set = (scheme: string, level: string): void => {
    const { [scheme]: _old, ...rest } = value;
    onChange(level === '' ? rest : { ...rest, [scheme]: level });
  };
  return (
    <fieldset className="field levels" aria-describedby={f.describedBy} aria-invalid={f.error ? true : undefined}>
      <legend>{legend}</legend>
      {rows.length === 0 && <span className="muted">No classification scheme is configured.</span>}
      {rows.map((s) => {
        const current = value[s.id] ?? '';
        const levels = current !== '' && !s.levels.includes(current) ? [...s.levels, current] : s.levels;
        return (
          <label key={s.id} className="level">
            <span>{s.name}</span>
            <select name={`${name}.${s.id}`} value={current} onChange={(e) => set(s.id, e.target.value)}>
              <option value="">{none}</option>
              {levels.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      <FieldError id={f.id} error={f.error} />
    </fieldset>
  );
}

/** An irreversible action in two steps: the button, then "confirm" or "cancel" in its place. */
export function ConfirmButton({
  label,
  text,
  confirm,
  onConfirm,
  disabled,
}: {
  label: string;
  text?: string;
  confirm: string;
  onConfirm: () => void;
  disabled?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking)
    return (
      <button type="button" className="ghost danger" aria-label={label} onClick={() => setAsking(true)} disabled={disabled}>
        {text ?? label}
      </button>
    );
  return (
    // biome-ignore lint/a11y/useSemanticElements: an inline pair of buttons that takes one button's place; a <fieldset> groups form fields and would change the layout
    <span
      className="confirm"
      role="group"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setAsking(false);
      }}
    >
      <button
        type="button"
        className="danger"
        // biome-ignore lint/a11y/noAutofocus: the confirmation appears because the user just asked for this action; focus moves to it so Enter confirms and Escape cancels
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirm}
      </button>
      <button type="button" className="ghost" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/** A refused row action (disable, remove, revoke): what was tried and the API's reason. */
export function ActionError({ error, what }: { error: Error | null; what: string }) {
  return error ? (
    <p className="error" role="alert">
      {what}: {error.message}
    </p>
  ) : null;
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
