// The incident's tasks (Incident Extension Suite §2.4 `task`, assignee in Concord's assignment
// extension): who does what by when, and how it ended. Those who work on the incident add tasks
// and change their outcome.
import { useState } from 'react';
import {
  addTask,
  updateTask,
  type AddTaskRequest,
  type IncidentDetail,
  type UpdateTaskRequest,
  type WorkItem,
} from '../../../api/incidents.ts';
import { SimpleTable } from '../../../components/SimpleTable.tsx';
import { formatDateTime } from '../../../format/dates.ts';
import { CONCORD_TASK_EXTENSION_ID } from '../../../../../src/domain/incidents/types.ts';
import { SelectField, TextArea, TextField } from '../../admin/fields.tsx';
import { localError } from '../../admin/form-state.tsx';
import { DateTimeField } from '../fields.tsx';
import { ActionDialog } from './AddDialog.tsx';
import { prop, useAction, versionsById } from './action.ts';

/** The task outcomes of the Incident Extension Suite's vocabulary, as the API takes them. */
export const OUTCOMES = ['pending', 'ongoing', 'successful', 'failed', 'cancelled'].map((o) => [o, o] as const);

const assigneeOf = (t: WorkItem): string => {
  const ext = (t.object['extensions'] as Record<string, Record<string, unknown>> | undefined)?.[CONCORD_TASK_EXTENSION_ID];
  return typeof ext?.['assignee'] === 'string' ? ext['assignee'] : '—';
};
const dueOf = (t: WorkItem): string | undefined => prop(t.object, 'due_date') ?? prop(t.object, 'end_time');

function AddTask({ id }: { id: string }) {
  const action = useAction(id);
  const initial = (): AddTaskRequest => ({ name: '' });
  const [r, setR] = useState<AddTaskRequest>(initial);
  const set = (k: keyof AddTaskRequest, v: string | number | undefined): void => setR((o) => ({ ...o, [k]: v === '' ? undefined : v }));
  const submit = async (): Promise<boolean> => {
    if (!r.name.trim()) {
      action.fail(localError('name', 'Name the task.'));
      return false;
    }
    return action.run(() => addTask(id, r));
  };
  return (
    <ActionDialog
      onOpen={() => setR(initial())}
      open="Add a task"
      title="Add a task"
      submit="Add the task"
      action={action}
      onSubmit={submit}
    >
      <TextField label="Name" name="name" value={r.name} onChange={(v) => setR((o) => ({ ...o, name: v }))} wide />
      <TextArea label="Description" name="description" value={r.description ?? ''} onChange={(v) => set('description', v)} />
      <TextField
        label="Assignee (user name)"
        name="assignee"
        value={r.assignee ?? ''}
        onChange={(v) => set('assignee', v)}
        hint="A member of your organisation."
      />
      <DateTimeField label="Due" name="dueDate" value={r.dueDate ?? ''} onChange={(v) => set('dueDate', v)} />
      <TextField
        label="Priority (0–100)"
        name="priority"
        value={r.priority === undefined ? '' : String(r.priority)}
        onChange={(v) => set('priority', v === '' ? undefined : Number(v))}
      />
    </ActionDialog>
  );
}

function ChangeTask({ id, task }: { id: string; task: WorkItem }) {
  const action = useAction(id);
  const initial = (): UpdateTaskRequest => ({ outcome: (prop(task.object, 'outcome') ?? 'pending') as UpdateTaskRequest['outcome'] });
  const [r, setR] = useState<UpdateTaskRequest>(initial);
  const name = prop(task.object, 'name') ?? task.id;
  return (
    <ActionDialog
      onOpen={() => setR(initial())}
      open="Change"
      openLabel={`Change the task ${name}`}
      small
      title={`Change the task “${name}”`}
      submit="Save"
      action={action}
      onSubmit={() => action.run(() => updateTask(id, task.id, r))}
    >
      <SelectField
        label="Outcome"
        name="outcome"
        value={r.outcome ?? ''}
        onChange={(v) => setR((o) => ({ ...o, outcome: v as UpdateTaskRequest['outcome'] }))}
        options={OUTCOMES}
      />
      <TextField
        label="Assignee (user name)"
        name="assignee"
        value={r.assignee ?? ''}
        onChange={(v) => setR((o) => ({ ...o, assignee: v || undefined }))}
      />
      <DateTimeField
        label="Due"
        name="dueDate"
        value={r.dueDate ?? ''}
        onChange={(v) => setR((o) => ({ ...o, dueDate: v || undefined }))}
      />
    </ActionDialog>
  );
}

export function Tasks({ detail }: { detail: IncidentDetail }) {
  const tasks = [...versionsById(detail.tasks).values()].map((v) => v[v.length - 1] as WorkItem);
  const id = detail.row.id;
  return (
    <div className="incident-tab">
      {detail.can.work && (
        <div className="tab-actions">
          <AddTask id={id} />
        </div>
      )}
      {tasks.length === 0 ? (
        <p className="muted">No task yet.</p>
      ) : (
        <SimpleTable
          label="Tasks"
          rows={tasks}
          rowKey={(t) => t.id}
          cols={[
            { header: 'Task', cell: (t) => prop(t.object, 'name') ?? t.id },
            { header: 'Assignee', cell: assigneeOf },
            { header: 'Outcome', cell: (t) => prop(t.object, 'outcome') ?? 'pending' },
            { header: 'Due', cell: (t) => formatDateTime(dueOf(t)) },
            { header: 'By', cell: (t) => t.ownerName },
            ...(detail.can.work ? [{ header: 'Change', cell: (t: WorkItem) => <ChangeTask id={id} task={t} /> }] : []),
          ]}
        />
      )}
    </div>
  );
}
