// The report form of one NIS2 stage (issue 16, must 4): the fields Article 23(4) requires of the
// stage first, each marked required with the provision that requires it, then what the stage may
// also say; prefilled from the incident and the earlier reports (GET …/prefill). The server
// decides: a submission missing what the stage requires is refused naming each missing field,
// and each is shown at its field. Once submitted, back to the incident page.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { prefillReport, submitReport, type IncidentDetail, type ReportContent, type ReportStage } from '../../api/incidents.ts';
import { MarkingBanner } from '../../components/MarkingBanner.tsx';
import { Status } from '../../components/Panel.tsx';
import { Link } from '../../components/Link.tsx';
import { navigate } from '../../router.ts';
import { SelectField, TextArea } from '../admin/fields.tsx';
import { Form } from '../admin/forms.tsx';
import { ObjectPicker } from '../write/ObjectPicker.tsx';
import { bannerOfMarking } from './banner.ts';
import { SEVERITY_OPTIONS } from './choices.ts';
import { ClockChip, STAGE_NAMES } from './clock.tsx';
import { YesNoField } from './fields.tsx';
import { useAction, useIncident } from './page/action.ts';
import { fieldsOf, LABEL_OF, type REPORT_FIELDS, ruleOf, type ReportField } from './report-fields.ts';
import '../write/write.css';
import './incidents-page.css';

export const REPORT_STAGES: readonly ReportStage[] = ['early-warning', 'notification', 'intermediate', 'progress', 'final'];
export const isReportStage = (s: string): s is ReportStage => (REPORT_STAGES as readonly string[]).includes(s);

function ContentField({
  stage,
  spec,
  content,
  set,
}: {
  stage: ReportStage;
  spec: (typeof REPORT_FIELDS)[number];
  content: ReportContent;
  set: (f: ReportField, v: unknown) => void;
}) {
  const rule = ruleOf(stage, spec.field);
  const hint = rule ? `Required: ${rule}.` : undefined;
  const v = content[spec.field];
  const common = { label: spec.label, name: spec.field, ...(hint ? { hint } : {}) };
  if (spec.kind === 'yesno')
    return <YesNoField {...common} value={typeof v === 'boolean' ? v : undefined} onChange={(x) => set(spec.field, x)} />;
  if (spec.kind === 'severity')
    return (
      <SelectField
        label={spec.label + (rule ? ` (required: ${rule})` : '')}
        name={spec.field}
        value={typeof v === 'string' ? v : ''}
        onChange={(x) => set(spec.field, x)}
        options={SEVERITY_OPTIONS}
      />
    );
  if (spec.kind === 'refs')
    return (
      <ObjectPicker
        {...common}
        value={Array.isArray(v) ? v : []}
        onChange={(ids) => set(spec.field, ids)}
        hint="Art. 23(4)(b): indicators of compromise, where available."
      />
    );
  return <TextArea {...common} value={typeof v === 'string' ? v : ''} onChange={(x) => set(spec.field, x)} />;
}

/** Blank text and unanswered questions are left out: the server names them as missing. */
function cleaned(c: ReportContent): ReportContent {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)) out[k] = v;
  return out as ReportContent;
}

function ReportEditor({
  detail,
  stage,
  start,
  revise,
  request,
}: {
  detail: IncidentDetail;
  stage: ReportStage;
  start: ReportContent;
  revise: boolean;
  request: number | undefined;
}) {
  const id = detail.row.id;
  const action = useAction(id, 'content');
  const [content, setContent] = useState<ReportContent>(start);
  const [touched, setTouched] = useState(new Set<string>());
  const set = (f: ReportField, v: unknown): void => {
    setContent((o) => ({ ...o, [f]: v }));
    setTouched((o) => new Set(o).add(f));
  };
  const shown = new Map([...action.fields].filter(([f]) => !touched.has(f)));
  const missing = [...action.fields.keys()].map((f) => LABEL_OF.get(f) ?? f);
  const error = action.error && missing.length ? new Error(`Not submitted: ${missing.join(', ')} — see each field.`) : action.error;
  const send = async (): Promise<void> => {
    setTouched(new Set());
    const ok = await action.run(() =>
      submitReport(id, {
        stage,
        content: cleaned(content),
        ...(request === undefined ? {} : { request }),
        ...(revise ? { revise: true } : {}),
      }),
    );
    if (ok) navigate(`/incidents/${encodeURIComponent(id)}`);
  };
  const fields = fieldsOf(stage);
  const required = fields.filter((f) => ruleOf(stage, f.field));
  const optional = fields.filter((f) => !ruleOf(stage, f.field));
  const name = STAGE_NAMES[stage].toLowerCase();
  return (
    <Form
      title={revise ? `Revise the ${name}` : `The ${name}`}
      submit={revise ? `Submit the revised ${name}` : `Submit the ${name}`}
      onSubmit={() => void send()}
      onCancel={() => navigate(`/incidents/${encodeURIComponent(id)}`)}
      error={error}
      pending={action.pending}
      className="write-form report-form"
      fieldErrors={shown}
    >
      <h2 className="wide">What Article 23(4) requires of the {name}</h2>
      {required.map((f) => (
        <ContentField key={f.field} stage={stage} spec={f} content={content} set={set} />
      ))}
      <h2 className="wide">What it may also say</h2>
      {optional.map((f) => (
        <ContentField key={f.field} stage={stage} spec={f} content={content} set={set} />
      ))}
    </Form>
  );
}

/** A revision starts from the report it revises: the latest of its stage (and request). */
function revised(d: IncidentDetail, stage: string, request: number | undefined): ReportContent | undefined {
  const same = d.reports.filter((r) => r.stage === stage && (request === undefined || r.request === request));
  return same.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)).at(-1)?.content;
}

export function ReportForm({ id, stage, revise, request }: { id: string; stage: string; revise: boolean; request: number | undefined }) {
  const q = useIncident(id);
  const valid = isReportStage(stage);
  const pre = useQuery({
    queryKey: ['incident', id, 'prefill', stage],
    queryFn: () => prefillReport(id, stage as ReportStage),
    enabled: valid,
  });
  const banner = bannerOfMarking(q.data?.row.marking);
  if (!valid)
    return (
      <p className="error" role="alert">
        No NIS2 report stage is called “{stage}”.
      </p>
    );
  const clock = q.data?.row.clocks.find((c) => c.stage === stage && (request === undefined || c.request === request));
  return (
    <div className="page incident-report">
      <MarkingBanner banner={banner} position="top" />
      <Status loading={q.isPending || pre.isPending} error={q.error ?? pre.error}>
        {q.data && pre.data && (
          <>
            <header className="incident-head">
              <h1>
                {revise ? 'Revise the ' : ''}
                {STAGE_NAMES[stage]}
                {request === undefined ? '' : ` ${request + 1}`} ·{' '}
                <Link to={`/incidents/${encodeURIComponent(id)}`}>{q.data.row.name}</Link>
              </h1>
              {clock && <ClockChip clock={clock} />}
            </header>
            <ReportEditor
              detail={q.data}
              stage={stage}
              start={(revise && revised(q.data, stage, request)) || pre.data}
              revise={revise}
              request={request}
            />
          </>
        )}
      </Status>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
