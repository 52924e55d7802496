// Changing an object's TLP and distribution (issue 15, must 4), chosen by name; and revoking it
// (STIX 2.1 §3.6), after a confirmation that names the object. Both publish a new version.
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { displayName, type Stix } from '../../api/objects.ts';
import type { Me } from '../../api/session.ts';
import { changeMarkings, revokeObject, useInvalidateObjects, type WriteResult } from '../../api/write.ts';
import { tlpOfMarkingId } from '../../../../src/domain/markings/tlp.ts';
import { localError } from '../admin/form-state.tsx';
import { Form } from '../admin/forms.tsx';
import { markingInput, NO_CHANGE, WriteMarkings, type MarkingChoice } from './WriteMarkings.tsx';

/** The object's TLP, from its marking references. */
export function tlpOf(o: Stix): string | undefined {
  const refs = Array.isArray(o['object_marking_refs']) ? (o['object_marking_refs'] as unknown[]) : [];
  for (const r of refs) {
    const t = typeof r === 'string' ? tlpOfMarkingId(r) : undefined;
    if (t) return t;
  }
  return undefined;
}

const asError = (e: unknown): Error => (e instanceof ApiError || e instanceof Error ? e : new Error(String(e)));

/** Runs a write, refreshes what it changed, and reports its outcome. */
function useWrite(object: Stix, onDone: (r: WriteResult) => void) {
  const [error, setError] = useState<Error | null>(null);
  const [pending, setPending] = useState(false);
  const invalidate = useInvalidateObjects();
  const run = async (write: () => Promise<WriteResult>): Promise<void> => {
    setPending(true);
    setError(null);
    try {
      const r = await write();
      await invalidate(object.id);
      onDone(r);
    } catch (e) {
      setError(asError(e));
    } finally {
      setPending(false);
    }
  };
  return { error, setError, pending, run };
}

export function MarkingsForm({
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
  const [choice, setChoice] = useState<MarkingChoice>(NO_CHANGE);
  const w = useWrite(object, onDone);
  const send = (): void => {
    if (!choice.tlp && !choice.distribution) return w.setError(localError('tlp', 'Choose a TLP or a distribution to change.'));
    void w.run(() => changeMarkings(object.id, markingInput(choice)));
  };
  return (
    <Form
      title="Change markings"
      submit="Save markings"
      onSubmit={send}
      error={w.error}
      pending={w.pending}
      onCancel={onCancel}
      className="write-form"
    >
      <WriteMarkings me={me} value={choice} onChange={setChoice} current={tlpOf(object) ?? me.org.defaultTlp} />
      <p className="muted small wide">Lowering a marking is recorded in the audit log.</p>
    </Form>
  );
}

export function RevokeForm({ object, onDone, onCancel }: { object: Stix; onDone: (r: WriteResult) => void; onCancel: () => void }) {
  const w = useWrite(object, onDone);
  return (
    <Form
      title="Revoke"
      submit="Revoke"
      onSubmit={() => void w.run(() => revokeObject(object.id))}
      error={w.error}
      pending={w.pending}
      onCancel={onCancel}
      className="write-form"
    >
      <p className="wide" data-testid="revoke-what">
        Revoke <strong>{displayName(object)}</strong> ({object.type})? A revoked object stays readable with its history, but is no longer to
        be used; this cannot be undone (STIX 2.1 §3.6).
      </p>
    </Form>
  );
}
