// "We saw this", with the details (issue 17, musts 1 and 2): what the sighting says (seen, a
// false positive, expired), how often, when, and what partners learn of who saw it, defaulting to
// the organisation's choice. Checked as the API checks before it is sent, each error next to its
// field; a refusal the server names shows at its field too.
import { useState } from 'react';
import { DISCLOSURES, SIGHTING_TYPES, useRecordSighting, type Disclosure, type Recorded } from '../../api/sightings.ts';
import { DISCLOSURE_LABELS, TYPE_LABELS } from '../../format/sightings.ts';
import { SelectField, TextField } from '../admin/fields.tsx';
import { localError } from '../admin/form-state.tsx';
import { Form } from '../admin/forms.tsx';
import { sightingOf, type SightingValues } from './check.ts';
import '../write/write.css';

const TIME_HINT = 'UTC, e.g. 2026-12-07T14:00:00Z or 2026-12-07; empty: now.';

export function SightingForm({
  of,
  defaultDisclosure,
  onDone,
  onCancel,
}: {
  /** What was sighted. */
  of: string;
  defaultDisclosure: Disclosure;
  onDone: (r: Recorded) => void;
  onCancel: () => void;
}) {
  const [v, setV] = useState<SightingValues>({ type: 'sighting', count: '1', firstSeen: '', lastSeen: '', disclosure: defaultDisclosure });
  const [shown, setShown] = useState(false);
  const record = useRecordSighting();
  const { request, errors } = sightingOf(of, v, new Date().toISOString());
  const set = (patch: Partial<SightingValues>): void => {
    setV({ ...v, ...patch });
    record.reset();
  };
  const send = (): void => {
    setShown(true);
    if (errors.size === 0) record.mutate(request, { onSuccess: onDone });
  };
  const [first] = errors;
  const error = record.error ?? (shown && first ? localError(first[0], first[1]) : null);
  return (
    <Form
      title="Sighting details"
      submit="Record sighting"
      onSubmit={send}
      error={error}
      pending={record.isPending}
      onCancel={onCancel}
      className="write-form"
      fieldErrors={shown && !record.error ? errors : undefined}
    >
      <SelectField
        label="Type"
        name="type"
        value={v.type}
        onChange={(t) => set({ type: SIGHTING_TYPES.find((x) => x === t) ?? 'sighting' })}
        options={SIGHTING_TYPES.map((t) => [t, TYPE_LABELS[t]] as const)}
      />
      <TextField label="Count" name="count" value={v.count} onChange={(count) => set({ count })} hint="How many times, 1 or more." />
      <TextField label="First seen" name="firstSeen" value={v.firstSeen} onChange={(firstSeen) => set({ firstSeen })} hint={TIME_HINT} />
      <TextField label="Last seen" name="lastSeen" value={v.lastSeen} onChange={(lastSeen) => set({ lastSeen })} hint={TIME_HINT} />
      <SelectField
        label="Partners learn"
        name="disclosure"
        value={v.disclosure}
        onChange={(d) => set({ disclosure: DISCLOSURES.find((x) => x === d) ?? defaultDisclosure })}
        options={DISCLOSURES.map((d) => [d, `${DISCLOSURE_LABELS[d]}${d === defaultDisclosure ? ' (our default)' : ''}`] as const)}
      />
    </Form>
  );
}
