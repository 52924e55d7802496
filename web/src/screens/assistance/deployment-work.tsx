// A deployment's work (issue 18, must 4): its tasks (the incident suite's `task` objects, linked
// to the incident when the request has one) with their outcome, and the daily status notes with
// the time spent, written by the member organisations. Notes are checked by the domain's rule
// (check.ts noteIssues) in the browser, each issue at its field.
import { useState } from 'react';
import {
  addDeploymentTask,
  addStatusNote,
  type DeploymentView,
  type NewStatusNote,
  type NewTask,
  type TaskView,
  updateDeploymentTask,
} from '../../api/assistance.ts';
import { Panel } from '../../components/Panel.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { formatDate, formatDateTime } from '../../format/dates.ts';
import { noteIssues } from '../../../../src/domain/assistance/check.ts';
import { TextArea, TextField } from '../admin/fields.tsx';
import { localError } from '../admin/form-state.tsx';
import { DateTimeField } from '../incidents/fields.tsx';
import { ActionDialog } from '../incidents/page/AddDialog.tsx';
import { OUTCOMES } from '../incidents/page/Tasks.tsx';
import { issuesError, useAssistAction } from './action.ts';
import { numberOf } from './form-parts.tsx';

function AddTask({ id }: { id: string }) {
  const action = useAssistAction();
  const [t, setT] = useState<NewTask>({ name: '' });
  const set = (k: keyof NewTask, v: string): void => setT((o) => ({ ...o, [k]: v === '' ? undefined : v }));
  const submit = async (): Promise<boolean> => {
    if (!t.name?.trim()) {
      action.fail(localError('name', 'Name the task.'));
      return false;
    }
    return action.run(() => addDeploymentTask(id, { ...t, name: t.name.trim() }));
  };
  return (
    <ActionDialog
      open="Add a task"
      title="Add a task"
      submit="Add the task"
      action={action}
      onOpen={() => setT({ name: '' })}
      onSubmit={submit}
    >
      <TextField label="Task" name="name" value={t.name ?? ''} onChange={(v) => set('name', v)} wide />
      <TextArea label="Description" name="description" value={t.description ?? ''} onChange={(v) => set('description', v)} />
      <TextField label="Assignee" name="assignee" value={t.assignee ?? ''} onChange={(v) => set('assignee', v)} />
      <DateTimeField label="Due" name="due" value={t.due ?? ''} onChange={(v) => set('due', v)} />
    </ActionDialog>
  );
}

function Outcome({ id, task }: { id: string; task: TaskView }) {
  const action = useAssistAction();
  return (
    <select
      aria-label={`Outcome of ${task.name}`}
      value={task.outcome ?? 'pending'}
      disabled={action.pending}
      onChange={(e) => void action.run(() => updateDeploymentTask(id, task.id, { outcome: e.target.value }))}
    >
      {OUTCOMES.map(([v, text]) => (
        <option key={v} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}

export function Tasks({ d }: { d: DeploymentView }) {
  return (
    <Panel title={`Tasks (${d.tasks.length})`} actions={d.can.work ? <AddTask id={d.id} /> : undefined} testId="deployment-tasks">
      <SimpleTable
        label="Tasks"
        rows={d.tasks}
        rowKey={(t) => t.id}
        cols={[
          { header: 'Task', cell: (t) => (t.description ? <span title={t.description}>{t.name}</span> : t.name) },
          { header: 'Outcome', cell: (t) => (d.can.work ? <Outcome id={d.id} task={t} /> : (t.outcome ?? 'pending')) },
          { header: 'Assignee', cell: (t) => t.assignee ?? '—' },
          { header: 'Due', cell: (t) => formatDateTime(t.due) },
        ]}
      />
    </Panel>
  );
}

const today = (): string => new Date().toISOString().slice(0, 10);

function AddNote({ id }: { id: string }) {
  const action = useAssistAction();
  const [n, setN] = useState({ day: today(), text: '', hours: '' });
  const submit = async (): Promise<boolean> => {
    const note: NewStatusNote = { day: n.day.trim(), text: n.text, hours: numberOf(n.hours) ?? Number.NaN };
    const issues = noteIssues(note);
    if (issues.length > 0) {
      action.fail(issuesError(issues));
      return false;
    }
    return action.run(() => addStatusNote(id, note));
  };
  return (
    <ActionDialog
      open="Add a status note"
      title="Daily status note"
      submit="Add the note"
      action={action}
      onOpen={() => setN({ day: today(), text: '', hours: '' })}
      onSubmit={submit}
    >
      <TextField label="Day (yyyy-mm-dd)" name="day" value={n.day} onChange={(day) => setN((o) => ({ ...o, day }))} />
      <TextField label="Hours spent" name="hours" value={n.hours} onChange={(hours) => setN((o) => ({ ...o, hours }))} />
      <TextArea label="Status" name="text" value={n.text} onChange={(text) => setN((o) => ({ ...o, text }))} />
    </ActionDialog>
  );
}

export function Notes({ d }: { d: DeploymentView }) {
  const notes = [...d.notes].sort((a, b) => b.day.localeCompare(a.day) || b.created.localeCompare(a.created));
  return (
    <Panel
      title={`Status notes (${d.notes.length}, ${d.hours} h)`}
      actions={d.can.work ? <AddNote id={d.id} /> : undefined}
      testId="deployment-notes"
    >
      {notes.length === 0 ? (
        <p className="muted">No status note yet.</p>
      ) : (
        <ul className="status-notes">
          {notes.map((n) => (
            <li key={n.id} data-testid="status-note">
              <strong>{formatDate(n.day)}</strong> · {n.org.name} · {n.hours} h<p>{n.text}</p>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
