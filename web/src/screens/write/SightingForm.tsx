// A sighting of an object (STIX 2.1 §5.2): where it was seen, chosen among organisations and
// other identities by name, when, and how often (issue 15, must 4). Checked with the API's own
// validator before it is sent, each error next to its field.
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import type { Stix } from '../../api/objects.ts';
import type { Me } from '../../api/session.ts';
import { sight, useInvalidateObjects, type SightRequest, type WriteResult } from '../../api/write.ts';
import { checkDraft, propertyOf } from '../../../../src/domain/writing/check.ts';
import { normalizeTime } from '../../../../src/domain/writing/draft.ts';
import { TextArea, TextField } from '../admin/fields.tsx';
import { localError } from '../admin/form-state.tsx';
import { Form } from '../admin/forms.tsx';
import { ObjectPicker } from './ObjectPicker.tsx';
import { markingInput, NO_CHANGE, WriteMarkings, type MarkingChoice } from './WriteMarkings.tsx';

const TIME_HINT = 'ISO 8601 in UTC, e.g. 2026-12-07T14:00:00Z.';

/** The request a sighting form's values make (empty fields left out). */
function requestOf(of: string, v: { where: string[]; first: string; last: string; count: string; description: string }): SightRequest {
  const count = v.count.trim();
  return {
    sighting_of_ref: of,
    ...(v.where.length ? { where_sighted_refs: v.where } : {}),
    ...(v.first.trim() ? { first_seen: normalizeTime(v.first) } : {}),
    ...(v.last.trim() ? { last_seen: normalizeTime(v.last) } : {}),
    // A count that is not an integer is sent as typed for the validator to name, as the API would.
    ...(count ? { count: (/^\d+$/.test(count) ? Number(count) : count) as number } : {}),
    ...(v.description.trim() ? { description: v.description } : {}),
  };
}

export function SightingForm({
  me,
  object,
  onDone,
  onCancel,
}: {
  me: Me;
  object: Stix;
  onDone: (r: WriteResult) => void;
  onCancel: () => void;
}) {
  const [v, setV] = useState({ where: [me.org.id], first: '', last: '', count: '1', description: '' });
  const [markings, setMarkings] = useState<MarkingChoice>(NO_CHANGE);
  const [error, setError] = useState<Error | null>(null);
  const [pending, setPending] = useState(false);
  const invalidate = useInvalidateObjects();
  const request = requestOf(object.id, v);
  const { sighting_of_ref, where_sighted_refs, ...rest } = request;
  const issues = checkDraft(
    { object: { type: 'sighting', sighting_of_ref, ...(where_sighted_refs ? { where_sighted_refs } : {}), ...rest }, issues: [] },
    { now: new Date().toISOString(), creator: me.org.id },
  ).filter((i) => i.severity === 'error');
  const fields = new Map(issues.map((i) => [propertyOf(i.path) ?? '', i.message] as const).reverse());
  const send = async (): Promise<void> => {
    const [first] = fields;
    if (first) return setError(localError(first[0], first[1]));
    setPending(true);
    try {
      const r = await sight({ ...request, ...markingInput(markings) });
      await invalidate(object.id, r.object.id);
      onDone(r);
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e : new Error(String(e)));
    } finally {
      setPending(false);
    }
  };
  const set = (patch: Partial<typeof v>): void => {
    setV({ ...v, ...patch });
    setError(null);
  };
  return (
    <Form
      title="New sighting"
      submit="Record sighting"
      onSubmit={() => void send()}
      error={error}
      pending={pending}
      onCancel={onCancel}
      className="write-form"
      fieldErrors={error ? fields : undefined}
    >
      <ObjectPicker
        label="Where sighted"
        name="where_sighted_refs"
        type="identity"
        value={v.where}
        onChange={(where) => set({ where })}
        known={[{ id: me.org.id, type: 'identity', name: me.org.name }]}
        hint="Organisations or other identities, by name."
      />
      <TextField label="First seen" name="first_seen" value={v.first} onChange={(first) => set({ first })} hint={TIME_HINT} />
      <TextField label="Last seen" name="last_seen" value={v.last} onChange={(last) => set({ last })} hint={TIME_HINT} />
      <TextField
        label="Count"
        name="count"
        value={v.count}
        onChange={(count) => set({ count })}
        hint="How many times (0 to 999,999,999)."
      />
      <TextArea label="Description" name="description" value={v.description} onChange={(description) => set({ description })} />
      <WriteMarkings me={me} value={markings} onChange={setMarkings} />
    </Form>
  );
}
