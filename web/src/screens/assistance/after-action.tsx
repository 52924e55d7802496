// The after-action report (issue 18, must 6): what was found, what was done, what worked, the
// recommendations, and the skills the team lacked (lessons for the roster). Written by the
// requester once the deployment has ended, shared with the requester and the contributing
// organisations; it counts in each member's past deployments. Checked by the domain's rule
// (check.ts afterActionIssues) in the browser, each issue at its field.
import { useState } from 'react';
import { type AfterActionInput, type AfterActionView as Report, reportAfterAction, useDeployment } from '../../api/assistance.ts';
import { Panel } from '../../components/Panel.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { navigate } from '../../router.ts';
import { afterActionIssues } from '../../../../src/domain/assistance/check.ts';
import { TextArea } from '../admin/fields.tsx';
import { Form } from '../admin/forms.tsx';
import { issuesError, useAssistAction } from './action.ts';
import { SkillsField } from './form-parts.tsx';
import { deploymentPath, PageFrame, SkillChips } from './parts.tsx';

const SECTIONS: readonly [keyof Omit<AfterActionInput, 'missingSkills'>, string][] = [
  ['findings', 'What was found'],
  ['actions', 'What was done'],
  ['worked', 'What worked'],
  ['recommendations', 'Recommendations'],
];

/** A written report, on the deployment's page. */
export function AfterActionView({ report }: { report: Report }) {
  return (
    <Panel title="After-action report" testId="deployment-after-action">
      <p className="muted small">
        By {report.org.name}, {formatDateTime(report.created)}
      </p>
      <dl className="report-fields">
        {SECTIONS.map(([k, label]) => (
          <div key={k}>
            <dt>{label}</dt>
            <dd>{report[k]}</dd>
          </div>
        ))}
        <div>
          <dt>Skills the team lacked</dt>
          <dd>
            <SkillChips skills={report.missingSkills} label="Skills the team lacked" />
          </dd>
        </div>
      </dl>
    </Panel>
  );
}

export function AfterActionForm({ id }: { id: string }) {
  const q = useDeployment(id, false);
  const action = useAssistAction();
  const [r, setR] = useState<AfterActionInput>({ findings: '', actions: '', worked: '', recommendations: '', missingSkills: [] });
  const send = (): void => {
    const issues = afterActionIssues(r);
    if (issues.length > 0) return action.fail(issuesError(issues));
    void action.run(async () => {
      await reportAfterAction(id, r);
      navigate(deploymentPath(id));
    });
  };
  const d = q.data;
  return (
    <PageFrame className="after-action-new" title="After-action report" banner={d?.marking} loading={q.isPending} error={q.error}>
      {d && !d.can.report && <p className="muted">Only the requester writes the deployment's after-action report, once it has ended.</p>}
      {d?.can.report && (
        <>
          <p>
            For <strong>{d.name}</strong> ({d.requester.name}): shared with the requester and every organisation that contributed.
          </p>
          <Form
            title="After-action report"
            submit="Send the report"
            onSubmit={send}
            onCancel={() => navigate(deploymentPath(id))}
            error={action.error}
            pending={action.pending}
            className="write-form"
            fieldErrors={action.fields}
          >
            {SECTIONS.map(([k, label]) => (
              <TextArea key={k} label={label} name={k} value={r[k]} onChange={(v) => setR((o) => ({ ...o, [k]: v }))} />
            ))}
            <SkillsField
              name="missingSkills"
              legend="Skills the team lacked (lessons for the roster)"
              value={r.missingSkills}
              onChange={(missingSkills) => setR((o) => ({ ...o, missingSkills }))}
            />
          </Form>
        </>
      )}
    </PageFrame>
  );
}
