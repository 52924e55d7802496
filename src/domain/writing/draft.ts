// From a form's values to the object properties the write API receives, and back for editing
// (issue 15, must 4). The UI validates what this builds with the API's own validator (check.ts),
// so a form refuses exactly what the server would. Pure.
import { formSpec, type FieldSpec, type FormId } from './forms.ts';

export type FormValue = string | string[] | boolean;
export type FormValues = Record<string, FormValue>;

/** A problem found while building, located like a validation issue (`$.kill_chain_phases`). */
export interface DraftIssue {
  path: string;
  message: string;
}

export interface Draft {
  /** The object's own properties (no id, spec_version, created, modified, created_by_ref). */
  object: { type: string } & Record<string, unknown>;
  issues: DraftIssue[];
}

const CVE = /^CVE-\d{4}-\d{4,}$/i;

/** An ISO 8601 time as STIX wants it (§3.2: UTC, `Z`): a day alone is its midnight, a space may
 *  stand for `T`, seconds may be left out. Anything else is returned as typed, for the validator
 *  to name. */
export function normalizeTime(s: string): string {
  const t = s.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return `${t}T00:00:00Z`;
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|UTC)?$/i.exec(t);
  if (m) return `${m[1]}T${m[2]}${m[3] ?? ':00'}Z`;
  return t;
}

/** Comma- or line-separated values, trimmed, without empties. */
export const splitValues = (s: string): string[] =>
  s
    .split(/[,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

const str = (v: FormValue | undefined): string => (typeof v === 'string' ? v : '');
const list = (v: FormValue | undefined): string[] => (Array.isArray(v) ? v : typeof v === 'string' ? splitValues(v) : []);

/** One field's property value, or undefined to leave it out. */
function fieldValue(f: FieldSpec, v: FormValue | undefined, issues: DraftIssue[]): unknown {
  switch (f.kind) {
    case 'bool':
      return v === true;
    case 'list':
    case 'vocab':
    case 'refs': {
      const xs = list(v);
      return xs.length > 0 ? xs : undefined;
    }
    case 'number': {
      const s = str(v).trim();
      if (s === '') return undefined;
      // A non-integer is sent as typed: the validator names it as the API would.
      return /^-?\d+$/.test(s) ? Number(s) : s;
    }
    case 'time':
      return str(v).trim() === '' ? undefined : normalizeTime(str(v));
    case 'kill-chain':
      return killChain(f, str(v), issues);
    default: {
      const s = f.kind === 'textarea' ? str(v) : str(v).trim();
      return s.trim() === '' ? undefined : s;
    }
  }
}

/** `chain:phase` lines as kill-chain phases (STIX 2.1 §3.3.1). */
function killChain(f: FieldSpec, text: string, issues: DraftIssue[]): unknown {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const phases = lines.map((l, i) => {
    const colon = l.indexOf(':');
    if (colon <= 0 || colon === l.length - 1)
      issues.push({ path: `$.${f.name}[${i}]`, message: `“${l}” is not chain:phase (e.g. mitre-attack:initial-access)` });
    return { kill_chain_name: l.slice(0, Math.max(colon, 0)).trim(), phase_name: l.slice(colon + 1).trim() };
  });
  return phases.length > 0 ? phases : undefined;
}

/** The object a form's values describe. `base` (editing) keeps what the form does not show, such
 *  as a vulnerability's other external references. */
export function buildDraft(form: FormId, values: FormValues, base?: Record<string, unknown>): Draft {
  const issues: DraftIssue[] = [];
  if (form === 'observable') return { object: observable(values), issues };
  const object: Draft['object'] = { type: form };
  for (const f of formSpec(form).fields) {
    const v = fieldValue(f, values[f.name], issues);
    if (v !== undefined) object[f.name] = v;
  }
  if (form === 'vulnerability') {
    const others = ((base?.['external_references'] ?? []) as { source_name?: unknown }[]).filter((r) => r.source_name !== 'cve');
    const name = str(values['name']).trim();
    const refs = CVE.test(name) ? [{ source_name: 'cve', external_id: name.toUpperCase() }, ...others] : others;
    if (refs.length > 0) object['external_references'] = refs;
  }
  return { object, issues };
}

/** An SCO from the observable form: its value, or for a file the hash of the chosen algorithm. */
function observable(values: FormValues): Draft['object'] {
  const kind = str(values['kind']) || 'ipv4-addr';
  const value = str(values['value']).trim();
  if (kind !== 'file') return value === '' ? { type: kind } : { type: kind, value };
  const algorithm = str(values['hash']) || 'SHA-256';
  return value === '' ? { type: 'file' } : { type: 'file', hashes: { [algorithm]: value } };
}

/** A form's values for an object (editing), or the empty form with `defaults`. */
export function valuesOf(form: FormId, object: Record<string, unknown> | undefined, defaults: FormValues = {}): FormValues {
  const out: FormValues = { ...defaults };
  if (form === 'observable') {
    const type = typeof object?.['type'] === 'string' ? (object['type'] as string) : str(defaults['kind']) || 'ipv4-addr';
    out['kind'] = type;
    const hashes = (object?.['hashes'] ?? {}) as Record<string, string>;
    const [algorithm, hash] = Object.entries(hashes)[0] ?? [str(defaults['hash']) || 'SHA-256', ''];
    out['hash'] = algorithm;
    out['value'] = type === 'file' ? hash : str(object?.['value'] as FormValue | undefined);
    return out;
  }
  for (const f of formSpec(form).fields) {
    const v = object?.[f.name];
    if (v === undefined) {
      out[f.name] ??= f.kind === 'bool' ? false : f.kind === 'vocab' || f.kind === 'refs' ? [] : '';
      continue;
    }
    if (f.kind === 'bool') out[f.name] = v === true;
    else if (f.kind === 'vocab' || f.kind === 'refs') out[f.name] = Array.isArray(v) ? v.map(String) : [];
    else if (f.kind === 'list') out[f.name] = Array.isArray(v) ? v.join(', ') : String(v);
    else if (f.kind === 'kill-chain')
      out[f.name] = Array.isArray(v)
        ? (v as { kill_chain_name?: string; phase_name?: string }[]).map((p) => `${p.kill_chain_name}:${p.phase_name}`).join('\n')
        : '';
    else out[f.name] = String(v);
  }
  return out;
}

/**
 * What a new version changes (ReviseObjectRequest.changes): the properties whose value differs
 * between the drafts of the values the writer started from and of their values now; a property
 * the writer emptied is removed (`null`).
 */
export function changedProperties(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'type') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key] ?? null;
  }
  return out;
}
