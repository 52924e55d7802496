// Notes on the incident (STIX 2.1 §4.12 `note`): what those working on it write down.
import { useState } from 'react';
import { addNote, type IncidentDetail, type NoteRequest } from '../../../api/incidents.ts';
import { formatDateTime } from '../../../format/dates.ts';
import { TextArea, TextField } from '../../admin/fields.tsx';
import { localError } from '../../admin/form-state.tsx';
import { ActionDialog } from './AddDialog.tsx';
import { prop, useAction } from './action.ts';

function AddNote({ id }: { id: string }) {
  const action = useAction(id);
  const initial = (): NoteRequest => ({ content: '' });
  const [r, setR] = useState<NoteRequest>(initial);
  const submit = async (): Promise<boolean> => {
    if (!r.content.trim()) {
      action.fail(localError('content', 'Write the note.'));
      return false;
    }
    return action.run(() => addNote(id, r));
  };
  return (
    <ActionDialog
      onOpen={() => setR(initial())}
      open="Add a note"
      title="Add a note"
      submit="Add the note"
      action={action}
      onSubmit={submit}
    >
      <TextField
        label="Abstract"
        name="abstract"
        value={r.abstract ?? ''}
        onChange={(v) => setR((o) => ({ ...o, abstract: v || undefined }))}
        wide
      />
      <TextArea label="Note" name="content" value={r.content} onChange={(v) => setR((o) => ({ ...o, content: v }))} />
    </ActionDialog>
  );
}

export function Notes({ detail }: { detail: IncidentDetail }) {
  const notes = [...detail.notes].sort((a, b) => (prop(b.object, 'created') ?? '').localeCompare(prop(a.object, 'created') ?? ''));
  return (
    <div className="incident-tab">
      {detail.can.work && (
        <div className="tab-actions">
          <AddNote id={detail.row.id} />
        </div>
      )}
      {notes.length === 0 && <p className="muted">No note yet.</p>}
      <ul className="notes">
        {notes.map((n) => (
          <li key={`${n.id}-${prop(n.object, 'modified')}`}>
            <div className="muted">
              {formatDateTime(prop(n.object, 'created'))} · {n.ownerName}
            </div>
            {prop(n.object, 'abstract') && <strong>{prop(n.object, 'abstract')}</strong>}
            <p>{prop(n.object, 'content')}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
