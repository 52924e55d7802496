// The labelled fields of the administration forms: each registers under the property the API
// names in its errors, and shows that error next to itself (form-state.tsx).
import { FieldError, useField } from './form-state.tsx';

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
        aria-describedby={describedBy(f, hintId)}
      />
      <FieldFoot hint={hint} hintId={hintId} field={f} />
    </div>
  );
}

/** A field's id and error (form-state.tsx useField). */
type Field = ReturnType<typeof useField>;

/** The ids that describe a field: its error, when shown, and its hint. */
function describedBy(f: Field, hintId: string | undefined): string | undefined {
  return [f.describedBy, hintId].filter(Boolean).join(' ') || undefined;
}

/** What follows a text field: its hint, then its error. */
function FieldFoot({ hint, hintId, field }: { hint: string | undefined; hintId: string | undefined; field: Field }) {
  return (
    <>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <FieldError id={field.id} error={field.error} />
    </>
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
        aria-describedby={describedBy(f, hintId)}
      />
      <FieldFoot hint={hint} hintId={hintId} field={f} />
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
