// The CSIRT's answers (issue 16, must 3 and 4): its feedback on a report (NIS2 Art. 23(5), within
// 24 hours of the early warning) and its requests for an intermediate report with the date it sets
// (Art. 23(4)(c)). The CSIRT's analysts answer here; the entity reads.
import { useState } from 'react';
import { answer, type AnswerRequest, type IncidentDetail } from '../../../api/incidents.ts';
import { SimpleTable } from '../../../components/SimpleTable.tsx';
import { formatDateTime } from '../../../format/dates.ts';
import { SelectField, TextArea } from '../../admin/fields.tsx';
import { localError } from '../../admin/form-state.tsx';
import { DateTimeField } from '../fields.tsx';
import { reportTitle } from '../ReportDocument.tsx';
import { ActionDialog } from './AddDialog.tsx';
import { useAction } from './action.ts';

function Feedback({ detail }: { detail: IncidentDetail }) {
  const id = detail.row.id;
  const action = useAction(id);
  const reports = [...detail.reports].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
  // The report answered starts as the oldest not answered yet (the early warning first: Art.
  // 23(5) sets the CSIRT's clock from it), else the newest.
  const answered = new Set(detail.answers.flatMap((a) => (a.kind === 'feedback' && a.reportId ? [a.reportId] : [])));
  const first = reports.filter((x) => !answered.has(x.id)).at(-1) ?? reports[0];
  const initial = (): AnswerRequest => ({ kind: 'feedback', content: '', ...(first ? { reportId: first.id } : {}) });
  const [r, setR] = useState<AnswerRequest>(initial);
  const submit = async (): Promise<boolean> => {
    if (!r.content.trim()) {
      action.fail(localError('content', 'Write the answer.'));
      return false;
    }
    return action.run(() => answer(id, r));
  };
  return (
    <ActionDialog
      onOpen={() => setR(initial())}
      open="Answer"
      title="Answer the entity"
      submit="Send the answer"
      action={action}
      onSubmit={submit}
    >
      <SelectField
        label="Report answered"
        name="reportId"
        value={r.reportId ?? ''}
        onChange={(v) => setR((o) => ({ ...o, reportId: v || undefined }))}
        options={[
          ['', '— the incident as a whole'],
          ...reports.map((x) => [x.id, `${reportTitle(x)} (${formatDateTime(x.submittedAt)})`] as const),
        ]}
      />
      <TextArea
        label="Feedback"
        name="content"
        value={r.content}
        onChange={(v) => setR((o) => ({ ...o, content: v }))}
        hint="NIS2 Art. 23(5): initial feedback and, on request, guidance."
      />
    </ActionDialog>
  );
}

function RequestIntermediate({ id }: { id: string }) {
  const action = useAction(id);
  const initial = (): AnswerRequest => ({ kind: 'intermediate-request', content: '' });
  const [r, setR] = useState<AnswerRequest>(initial);
  const submit = async (): Promise<boolean> => {
    if (!r.dueAt) {
      action.fail(localError('dueAt', 'Set the date the intermediate report is due.'));
      return false;
    }
    if (!r.content.trim()) {
      action.fail(localError('content', 'Say what the report should cover.'));
      return false;
    }
    return action.run(() => answer(id, r));
  };
  return (
    <ActionDialog
      onOpen={() => setR(initial())}
      open="Request an intermediate report"
      title="Request an intermediate report"
      submit="Send the request"
      action={action}
      onSubmit={submit}
    >
      <TextArea
        label="What the report should cover"
        name="content"
        value={r.content}
        onChange={(v) => setR((o) => ({ ...o, content: v }))}
      />
      <DateTimeField
        label="Due"
        name="dueAt"
        value={r.dueAt ?? ''}
        onChange={(v) => setR((o) => ({ ...o, dueAt: v || undefined }))}
        hint="NIS2 Art. 23(4)(c): the CSIRT sets the date."
      />
    </ActionDialog>
  );
}

export function Answers({ detail }: { detail: IncidentDetail }) {
  const answers = [...detail.answers].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const reports = new Map(detail.reports.map((r) => [r.id, r]));
  return (
    <div className="incident-tab">
      {detail.can.answer && (
        <div className="tab-actions">
          <Feedback detail={detail} />
          <RequestIntermediate id={detail.row.id} />
        </div>
      )}
      <SimpleTable
        label="The CSIRT's answers"
        rows={answers}
        rowKey={(a) => a.id}
        cols={[
          { header: 'When', cell: (a) => formatDateTime(a.createdAt) },
          { header: 'Kind', cell: (a) => (a.kind === 'feedback' ? 'Feedback' : 'Request for an intermediate report') },
          { header: 'About', cell: (a) => (a.reportId && reports.get(a.reportId) ? reportTitle(reports.get(a.reportId) as never) : '—') },
          { header: 'Answer', cell: (a) => <span className="prewrap">{a.content}</span> },
          { header: 'Due', cell: (a) => formatDateTime(a.dueAt) },
          { header: 'By', cell: (a) => a.ownerName },
        ]}
      />
    </div>
  );
}
