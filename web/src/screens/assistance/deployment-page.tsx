// A deployment (issue 18, must 4 and 7): the team formed from accepted offers — each member by
// pseudonym and organisation with what they cover, and by name and contact only where the API
// gives them (to the deployment's members, once the expert's organisation released them, must 2)
// — its dates, place and state (the requester starts and ends it), its tasks, the daily status
// notes with the time spent, the after-action clock, and the after-action report or the way to
// write it. The marking banner covers the deployment; kept live by the assistance stream.
import { useState } from 'react';
import { type DeploymentView, updateDeployment, useAssistanceStream, useDeployment, type Window } from '../../api/assistance.ts';
import { Link } from '../../components/Link.tsx';
import { Panel } from '../../components/Panel.tsx';
import { SimpleTable } from '../../components/SimpleTable.tsx';
import { TextField } from '../admin/fields.tsx';
import { useNow } from '../incidents/now.ts';
import { ActionDialog } from '../incidents/page/AddDialog.tsx';
import { useAssistAction } from './action.ts';
import { AfterActionView } from './after-action.tsx';
import { Notes, Tasks } from './deployment-work.tsx';
import { WindowFields } from './form-parts.tsx';
import { afterActionPath, ClockList, LiveBadge, requestPath, SkillChips, windowText, Facts, PageFrame } from './parts.tsx';

/** The deployment's dates and place, changed by the requester (checked by the server, shown at the field). */
function Reschedule({ d }: { d: DeploymentView }) {
  const action = useAssistAction();
  const [dates, setDates] = useState<Window>(d.window);
  const [location, setLocation] = useState(d.location ?? '');
  return (
    <ActionDialog
      open="Change dates or place"
      title="Dates and place of the deployment"
      submit="Save"
      action={action}
      small
      onOpen={() => {
        setDates(d.window);
        setLocation(d.location ?? '');
      }}
      onSubmit={() =>
        action.run(() => updateDeployment(d.id, { window: dates, ...(location.trim() ? { location: location.trim() } : {}) }))
      }
    >
      <WindowFields name="window" value={dates} onChange={setDates} />
      <TextField label="Where" name="location" value={location} onChange={setLocation} />
    </ActionDialog>
  );
}

/** Start a planned deployment, end an active one (the requester's). */
function StateActions({ d }: { d: DeploymentView }) {
  const action = useAssistAction();
  if (!d.can.update || d.status === 'ended') return null;
  const next = d.status === 'planned' ? 'active' : 'ended';
  return (
    <span className="tab-actions">
      <button type="button" disabled={action.pending} onClick={() => void action.run(() => updateDeployment(d.id, { status: next }))}>
        {next === 'active' ? 'Start the deployment' : 'End the deployment'}
      </button>
      <Reschedule d={d} />
      {action.error && (
        <span className="error" role="alert">
          {action.error.message}
        </span>
      )}
    </span>
  );
}

function Head({ d, live }: { d: DeploymentView; live: boolean }) {
  const facts: [string, string][] = [
    ['Requester', d.requester.name],
    ['When', windowText(d.window)],
    ['Mode', d.mode],
    ['Where', d.location ?? '—'],
    ['Members', String(d.memberCount)],
    ['Time spent', `${d.hours} h`],
  ];
  return (
    <header className="request-head">
      <div className="request-title">
        <h1>{d.name}</h1>
        <span className={`request-status status-${d.status}`} data-testid="deployment-status">
          {d.status}
        </span>
        <LiveBadge connected={live} />
      </div>
      <Facts label="Deployment" facts={facts} />
      <div className="tab-actions">
        <Link to={requestPath(d.requestId)}>The request</Link>
        {d.incidentId && <Link to={`/incidents/${encodeURIComponent(d.incidentId)}`}>The incident</Link>}
        <StateActions d={d} />
      </div>
    </header>
  );
}

function Members({ d }: { d: DeploymentView }) {
  const named = d.members.some((m) => m.name !== null);
  return (
    <Panel title={`Members (${d.members.length})`} testId="deployment-members">
      <SimpleTable
        label="Members"
        rows={d.members}
        rowKey={(m) => m.profileId}
        cols={[
          { header: 'Expert', cell: (m) => m.name ?? m.pseudonym },
          { header: 'Pseudonym', cell: (m) => m.pseudonym },
          { header: 'Organisation', cell: (m) => m.org.name },
          { header: 'Covers', cell: (m) => <SkillChips skills={m.covers} label={`What ${m.pseudonym} covers`} /> },
          { header: 'Contact', cell: (m) => [m.email, m.phone].filter(Boolean).join(' · ') || '—' },
        ]}
      />
      {!named && <p className="muted small">Names and contacts appear to the deployment's members once each organisation releases them.</p>}
    </Panel>
  );
}

function AfterAction({ d }: { d: DeploymentView }) {
  if (d.afterAction) return <AfterActionView report={d.afterAction} />;
  return (
    <Panel title="After-action report" testId="deployment-after-action">
      <p className="muted">
        {d.status === 'ended'
          ? 'Not written yet: due one month after the deployment ended.'
          : 'Written once the deployment has ended, within one month.'}
      </p>
      {d.can.report && d.status === 'ended' && (
        <Link className="button" to={afterActionPath(d.id)}>
          Write the after-action report
        </Link>
      )}
    </Panel>
  );
}

export function DeploymentPage({ id }: { id: string }) {
  const stream = useAssistanceStream();
  const q = useDeployment(id, stream.connected);
  const now = useNow();
  const d = q.data;
  return (
    <PageFrame className="deployment-page" banner={d?.marking} loading={q.isPending} error={q.error}>
      {d && (
        <>
          <Head d={d} live={stream.connected} />
          {d.clocks.length > 0 && (
            <section aria-label="Deployment clocks">
              <ClockList clocks={d.clocks} now={now} facts />
            </section>
          )}
          <div className="deployment-grid">
            <div className="span-all">
              <Members d={d} />
            </div>
            <Tasks d={d} />
            <Notes d={d} />
            <div className="span-all">
              <AfterAction d={d} />
            </div>
          </div>
        </>
      )}
    </PageFrame>
  );
}
