// The incident's timeline (Incident Extension Suite §2.2 `event`): what happened, in time order;
// those who work on the incident add events.
import { useState } from 'react';
import { addEvent, type AddEventRequest, type IncidentDetail, type WorkItem } from '../../../api/incidents.ts';
import { formatDateTime } from '../../../format/dates.ts';
import { SelectField, TextArea, TextField } from '../../admin/fields.tsx';
import { localError } from '../../admin/form-state.tsx';
import { DateTimeField } from '../fields.tsx';
import { ActionDialog } from './AddDialog.tsx';
import { prop, useAction } from './action.ts';

const EVENT_STATUS = [['', '—'], ...['occurred', 'ongoing', 'pending', 'undetermined'].map((s) => [s, s] as const)] as const;

/** When an event happened, for ordering: its start, else when it was recorded. */
const timeOf = (w: WorkItem): string => prop(w.object, 'start_time') ?? prop(w.object, 'created') ?? '';

function AddEvent({ id }: { id: string }) {
  const action = useAction(id);
  const initial = (): AddEventRequest => ({ name: '' });
  const [r, setR] = useState<AddEventRequest>(initial);
  const set = (k: keyof AddEventRequest, v: string): void => setR((o) => ({ ...o, [k]: v === '' ? undefined : v }));
  const submit = async (): Promise<boolean> => {
    if (!r.name?.trim()) {
      action.fail(localError('name', 'Name the event.'));
      return false;
    }
    return action.run(() => addEvent(id, r));
  };
  return (
    <ActionDialog
      onOpen={() => setR(initial())}
      open="Add an event"
      title="Add an event"
      submit="Add the event"
      action={action}
      onSubmit={submit}
    >
      <TextField label="Name" name="name" value={r.name ?? ''} onChange={(v) => setR((o) => ({ ...o, name: v }))} wide />
      <TextArea label="Description" name="description" value={r.description ?? ''} onChange={(v) => set('description', v)} />
      <DateTimeField label="Started" name="startTime" value={r.startTime ?? ''} onChange={(v) => set('startTime', v)} />
      <DateTimeField label="Ended" name="endTime" value={r.endTime ?? ''} onChange={(v) => set('endTime', v)} />
      <SelectField label="Status" name="status" value={r.status ?? ''} onChange={(v) => set('status', v)} options={EVENT_STATUS} />
    </ActionDialog>
  );
}

export function Timeline({ detail }: { detail: IncidentDetail }) {
  const events = [...detail.events].sort((a, b) => timeOf(a).localeCompare(timeOf(b)));
  return (
    <div className="incident-tab">
      {detail.can.work && (
        <div className="tab-actions">
          <AddEvent id={detail.row.id} />
        </div>
      )}
      {events.length === 0 ? (
        <p className="muted">No event yet.</p>
      ) : (
        <ol className="timeline" aria-label="Timeline">
          {events.map((e) => (
            <li key={`${e.id}-${prop(e.object, 'modified')}`}>
              <time dateTime={timeOf(e)}>{formatDateTime(timeOf(e))}</time>
              <div>
                <strong>{prop(e.object, 'name') ?? e.id}</strong>
                {prop(e.object, 'status') && <span className="muted"> · {prop(e.object, 'status')}</span>}
                {prop(e.object, 'end_time') && <span className="muted"> · until {formatDateTime(prop(e.object, 'end_time'))}</span>}
                <span className="muted"> · {e.ownerName}</span>
                {prop(e.object, 'description') && <p>{prop(e.object, 'description')}</p>}
              </div>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
