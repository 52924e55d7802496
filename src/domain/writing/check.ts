// A form's draft checked with the API's own validator (issue 15, must 4: "every form validates
// with the same domain rules as the API"), and each issue's JSON path mapped to the field that
// shows it (`$.pattern` → the Pattern field, `$.kill_chain_phases[0].phase_name` → Kill-chain
// phases). Pure: the UI runs it as the writer types.
import { SCO_TYPES } from '../stix/categories.ts';
import { validateObject } from '../stix/validate.ts';
import type { Draft } from './draft.ts';
import { formSpec, type FormId } from './forms.ts';

/** One problem to show: on the field it names, or on the form (`field` null). */
export interface FieldIssue {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

// Placeholders for what the server fills in (STIX 2.1 §3.2): their own checks are the server's.
const PLACEHOLDER_UUID = '00000000-0000-4000-8000-000000000000';
const SERVER_FILLS = new Set(['$.id', '$.spec_version', '$.created', '$.modified', '$.created_by_ref']);

export interface CheckContext {
  /** The current time (the server stamps created/modified with its own). */
  now: string;
  /** The writer's organisation identity (created_by_ref). */
  creator: string;
  /** Editing: the version the writer started from. */
  base?: Record<string, unknown>;
}

/** The object as the server would store it: the draft, over the base version when editing, with
 *  id, spec_version, created, modified and created_by_ref filled in. */
export function asStored(draft: Draft['object'], ctx: CheckContext): Record<string, unknown> {
  const type = draft.type;
  const out: Record<string, unknown> = { ...(ctx.base ?? {}), ...draft };
  out['id'] ??= `${type}--${PLACEHOLDER_UUID}`;
  out['spec_version'] = '2.1';
  if (SCO_TYPES.has(type)) return out;
  out['created'] ??= ctx.now;
  out['modified'] = ctx.now;
  out['created_by_ref'] ??= ctx.creator;
  return out;
}

/** Every issue of a draft: those found building it, then the validator's (STIX 2.1). */
export function checkDraft(draft: Draft, ctx: CheckContext): FieldIssue[] {
  const built = draft.issues.map((i) => ({ ...i, severity: 'error' as const }));
  const { issues } = validateObject(asStored(draft.object, ctx));
  return [...built, ...issues.filter((i) => !SERVER_FILLS.has(i.path)).map(({ path, message, severity }) => ({ path, message, severity }))];
}

// Properties that another field of a form shows: an observable's value or hashes are its Value
// field; a vulnerability's CVE reference comes from its name.
const ALIASES: Partial<Record<FormId, Record<string, string>>> = {
  observable: { hashes: 'value', type: 'kind' },
  vulnerability: { external_references: 'name' },
};

/** The top-level property a JSON path is in: `$.kill_chain_phases[0].phase_name` → kill_chain_phases. */
export function propertyOf(path: string): string | null {
  const m = /^\$\.([^.[]+)/.exec(path);
  return m?.[1] ?? null;
}

/** The field of `form` that shows an issue at `path`, or null when the form has none for it. */
export function fieldOfPath(form: FormId, path: string): string | null {
  const prop = propertyOf(path);
  if (prop === null) return null;
  const name = ALIASES[form]?.[prop] ?? prop;
  return formSpec(form).fields.some((f) => f.name === name) ? name : null;
}

/** The first error per field, and the errors no field shows (for the top of the form). */
export function errorsByField(form: FormId, issues: readonly FieldIssue[]): { fields: Map<string, string>; other: string[] } {
  const fields = new Map<string, string>();
  const other: string[] = [];
  for (const i of issues) {
    if (i.severity !== 'error') continue;
    const field = fieldOfPath(form, i.path);
    if (field === null) other.push(i.path === '$' ? i.message : `${i.path}: ${i.message}`);
    else if (!fields.has(field)) fields.set(field, i.message);
  }
  return { fields, other };
}
