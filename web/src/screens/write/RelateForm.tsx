// A relationship between two objects (STIX 2.1 §5.1), from the object page or by dragging one
// node onto another in the graph (issue 15, must 4 and 6). The types offered first are those
// STIX 2.1 defines for the pair (Appendix B, relationship-suggestions.ts); `related-to` always.
// The writer may swap the direction (a malware dragged onto its indicator: the indicator indicates it).
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { displayName, type Stix } from '../../api/objects.ts';
import { useMe } from '../../api/session.ts';
import { relate, useInvalidateObjects, type WriteResult } from '../../api/write.ts';
import { RELATIONSHIP_TYPES, suggestRelationships } from '../../../../src/domain/stix/relationship-suggestions.ts';
import { SelectField, TextArea } from '../admin/fields.tsx';
import { Form } from '../admin/forms.tsx';
import { markingInput, NO_CHANGE, WriteMarkings, type MarkingChoice } from './WriteMarkings.tsx';
import './write.css';

export interface RelateFormProps {
  source: Stix;
  target: Stix;
  onDone: (created: WriteResult) => void;
  onCancel: () => void;
}

/** The types offered for a pair: STIX's for it first, then every other type it defines. */
function typesFor(source: Stix, target: Stix): { suggested: string[]; others: string[] } {
  const suggested = suggestRelationships(source.type, target.type);
  return { suggested, others: RELATIONSHIP_TYPES.filter((t) => !suggested.includes(t)) };
}

export function RelateForm({ source, target, onDone, onCancel }: RelateFormProps) {
  const me = useMe().data;
  const [swapped, setSwapped] = useState(false);
  const [from, to] = swapped ? [target, source] : [source, target];
  const { suggested, others } = typesFor(from, to);
  const [type, setType] = useState(suggested[0] ?? 'related-to');
  const [description, setDescription] = useState('');
  const [markings, setMarkings] = useState<MarkingChoice>(NO_CHANGE);
  const [error, setError] = useState<Error | null>(null);
  const [pending, setPending] = useState(false);
  const invalidate = useInvalidateObjects();
  const swap = (): void => {
    setSwapped(!swapped);
    setType(typesFor(to, from).suggested[0] ?? 'related-to');
  };
  const send = async (): Promise<void> => {
    setPending(true);
    setError(null);
    try {
      const created = await relate({
        source_ref: from.id,
        target_ref: to.id,
        relationship_type: type,
        ...(description.trim() ? { description } : {}),
        ...markingInput(markings),
      });
      await invalidate(source.id, target.id, created.object.id);
      onDone(created);
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e : new Error(String(e)));
    } finally {
      setPending(false);
    }
  };
  const label = (t: string): string => (suggested.includes(t) && t !== 'related-to' ? `${t} (STIX 2.1)` : t);
  return (
    <Form
      title="New relationship"
      submit="Create relationship"
      onSubmit={() => void send()}
      error={error}
      pending={pending}
      onCancel={onCancel}
      className="write-form"
    >
      <p className="relate-pair wide" data-testid="relate-pair">
        <strong>{displayName(from)}</strong> <span className="muted">({from.type})</span> → <strong>{displayName(to)}</strong>{' '}
        <span className="muted">({to.type})</span>{' '}
        <button type="button" className="ghost small" onClick={swap}>
          Swap direction
        </button>
      </p>
      <SelectField
        label="Relationship type"
        name="relationship_type"
        value={type}
        onChange={setType}
        options={[...suggested, ...others].map((t) => [t, label(t)] as const)}
      />
      <TextArea label="Description" name="description" value={description} onChange={setDescription} />
      {me && <WriteMarkings me={me} value={markings} onChange={setMarkings} />}
    </Form>
  );
}
