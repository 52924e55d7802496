// How an administration form shows the API's refusals: the problem document's field is mapped
// to the field on the form that it names, and each field registers itself so that the form can
// say which one to check (forms.tsx, fields.tsx).
import { createContext, useContext, useId, useLayoutEffect } from 'react';
import { ApiError } from '../../api/client.ts';

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
  /** Several fields' errors at once (the write forms' validation, issue 15 must 4): API name → message. */
  errors?: ReadonlyMap<string, string>;
}
export const FormContext = createContext<FormState>({ field: null, message: '', names: new Map() });

/** Registers a field under its API name; returns its ids and the error that names it. */
export function useField(name: string, label: string): { id: string; error: string | null; describedBy: string | undefined } {
  const ctx = useContext(FormContext);
  const id = useId();
  useLayoutEffect(() => {
    ctx.names.set(name, label);
    return () => void ctx.names.delete(name);
  }, [ctx.names, name, label]);
  const error = ctx.errors?.get(name) ?? (ctx.field === name ? ctx.message : null);
  return { id, error, describedBy: error ? `${id}-error` : undefined };
}

export function FieldError({ id, error }: { id: string; error: string | null }) {
  return error ? (
    <span id={`${id}-error`} className="error field-error">
      {error}
    </span>
  ) : null;
}

/** The field on the form that `field` names, or its nearest named parent (`clearances.nato` →
 *  `clearances`, `members.0` → `members`); null when the form has none of them. */
export function fieldOnForm(field: string | null, names: ReadonlyMap<string, string>): string | null {
  for (let f = field; f; f = f.includes('.') ? f.slice(0, f.lastIndexOf('.')) : null) if (names.has(f)) return f;
  return null;
}
