// The form of one object type, for a new object or a new version of one (issue 15, must 4). What
// the writer types is built into the object the API receives and checked with the API's own
// validator as they type (src/domain/writing): each error shows next to its field once the field
// was touched, or all of them on submit. The server's refusals are shown the same way: a 422's
// issues on their fields, a 400's `field`, a 403 at the top, a 409 with an offer to reload.
import { useMemo, useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { Stix } from '../../api/objects.ts';
import type { Me } from '../../api/session.ts';
import { createObject, reviseObject, useInvalidateObjects, type WriteIssue, type WriteResult } from '../../api/write.ts';
import { checkDraft, errorsByField } from '../../../../src/domain/writing/check.ts';
import { buildDraft, changedProperties, valuesOf, type FormValue, type FormValues } from '../../../../src/domain/writing/draft.ts';
import { formSpec, type FormId } from '../../../../src/domain/writing/forms.ts';
import { localError } from '../admin/form-state.tsx';
import { Form } from '../admin/forms.tsx';
import { SpecField } from './fields.tsx';
import { markingInput, NO_CHANGE, WriteMarkings, type MarkingChoice } from './WriteMarkings.tsx';

/** Now, to the second, as STIX writes times (§3.2). */
export const nowIso = (): string => `${new Date().toISOString().slice(0, 19)}Z`;

/** What a new object of each form starts with. */
function defaults(form: FormId): FormValues {
  if (form === 'indicator') return { pattern_type: 'stix', valid_from: nowIso() };
  if (form === 'report') return { published: nowIso() };
  if (form === 'observable') return { kind: 'ipv4-addr', hash: 'SHA-256' };
  if (form === 'opinion') return { opinion: 'agree' };
  return {};
}

export interface ObjectFormProps {
  me: Me;
  form: FormId;
  /** Editing: the version the writer starts from. */
  base?: Stix;
  /** A new object's values besides the defaults (a note's object_refs). */
  initial?: FormValues;
  onDone: (r: WriteResult) => void;
  onCancel?: () => void;
  /** Editing: reloads the latest version after a conflict. */
  onReload?: () => void;
}

/** The server's issues (422) and field (400), by field of the form. */
function serverFields(form: FormId, e: unknown): Map<string, string> {
  if (!(e instanceof ApiError)) return new Map();
  const issues = e.problem['issues'];
  if (Array.isArray(issues)) return errorsByField(form, issues as WriteIssue[]).fields;
  const field = e.problem['field'];
  if (typeof field !== 'string') return new Map();
  const path = `$.${field.replace(/^(object|changes)\./, '')}`;
  return errorsByField(form, [{ path, message: e.message, severity: 'error' }]).fields;
}

/** The error to show at the top: a 422's issues that no field shows are spelled out. */
function withIssues(e: unknown): Error {
  if (!(e instanceof Error)) return new Error(String(e));
  const issues = e instanceof ApiError ? e.problem['issues'] : undefined;
  if (!(e instanceof ApiError) || !Array.isArray(issues) || issues.length === 0) return e;
  const text = (issues as WriteIssue[]).map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ApiError(e.status, e.code, `${e.message} (${text})`, e.problem);
}

export function ObjectForm({ me, form, base, initial, onDone, onCancel, onReload }: ObjectFormProps) {
  const spec = formSpec(form);
  const start = useMemo(() => valuesOf(form, base, { ...defaults(form), ...initial }), [form, base, initial]);
  const [values, setValues] = useState(start);
  const [touched, setTouched] = useState(new Set<string>());
  const [submitted, setSubmitted] = useState(false);
  const [markings, setMarkings] = useState<MarkingChoice>(NO_CHANGE);
  const [error, setError] = useState<Error | null>(null);
  const [server, setServer] = useState(new Map<string, string>());
  const [pending, setPending] = useState(false);
  const invalidate = useInvalidateObjects();

  const draft = buildDraft(form, values, base);
  const checked = errorsByField(form, checkDraft(draft, { now: new Date().toISOString(), creator: me.org.id, ...(base ? { base } : {}) }));
  const shown = new Map([...checked.fields].filter(([f]) => submitted || touched.has(f)));
  for (const [f, m] of server) shown.set(f, m);

  const set = (name: string, v: FormValue): void => {
    setValues((old) => ({ ...old, [name]: v }));
    setTouched((old) => new Set(old).add(name));
    if (!(error instanceof ApiError && error.status === 409)) setError(null);
    if (server.has(name)) setServer((old) => new Map([...old].filter(([f]) => f !== name)));
  };

  const send = async (): Promise<void> => {
    setSubmitted(true);
    const [first] = checked.fields;
    if (first) return setError(localError(first[0], first[1]));
    if (checked.other.length > 0) return setError(new Error(checked.other.join('; ')));
    setPending(true);
    setError(null);
    try {
      let result: WriteResult;
      if (base) {
        const changes = changedProperties(buildDraft(form, start, base).object, draft.object);
        if (Object.keys(changes).length === 0) throw new Error('Nothing changed.');
        result = await reviseObject(base.id, { changes, ...(base.modified ? { base: base.modified } : {}) });
      } else {
        result = await createObject({ object: draft.object, ...markingInput(markings) });
      }
      await invalidate(result.object.id);
      onDone(result);
    } catch (e) {
      const fields = serverFields(form, e);
      setServer(fields);
      const [named] = fields;
      setError(named ? localError(named[0], named[1]) : withIssues(e));
    } finally {
      setPending(false);
    }
  };

  const conflict = error instanceof ApiError && error.status === 409;
  const visible = spec.fields.filter((f) => f.name !== 'hash' || values['kind'] === 'file');
  return (
    <Form
      title={base ? `Edit ${spec.label.toLowerCase()}` : `New ${spec.label.toLowerCase()}`}
      submit={base ? 'Save new version' : `Create ${spec.label.toLowerCase()}`}
      onSubmit={() => void send()}
      error={error}
      pending={pending}
      onCancel={onCancel}
      className="write-form"
      fieldErrors={shown}
      result={
        conflict && onReload ? (
          <p className="conflict" role="alert">
            Someone published a newer version since you opened this one.{' '}
            <button type="button" onClick={onReload}>
              Reload the latest version
            </button>
          </p>
        ) : undefined
      }
    >
      {visible.map((f) => (
        <SpecField key={f.name} spec={f} value={values[f.name]} onChange={(v) => set(f.name, v)} />
      ))}
      {!base && <WriteMarkings me={me} value={markings} onChange={setMarkings} />}
    </Form>
  );
}
