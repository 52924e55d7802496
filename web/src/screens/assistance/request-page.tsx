// One assistance request (issue 18, must 7): what happened and what is needed, the response
// clocks with their deadlines, the offers with accept and decline for the requester, the proposed
// team with why each expert is in it and why others were left out, and the deployments formed
// from accepted offers. The marking banner covers the request and everything shown of it. Kept
// live by the assistance stream: an offer made on another node appears without a reload.
import { deploy, type RequestView, updateRequest, useAssistanceStream, useRequest } from '../../api/assistance.ts';
import { Link } from '../../components/Link.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { navigate } from '../../router.ts';
import { useNow } from '../incidents/now.ts';
import { useAssistAction } from './action.ts';
import { Offers } from './offers.tsx';
import { ProposalPanel } from './proposal.tsx';
import {
  ClockList,
  deploymentPath,
  editPath,
  LiveBadge,
  offerPath,
  SkillChips,
  UrgencyChip,
  windowText,
  Facts,
  PageFrame,
} from './parts.tsx';

const audienceText = (v: RequestView): string => {
  const a = v.audience;
  if (a.kind === 'federation') return 'the whole federation';
  if (a.kind === 'community') return `community ${a.id}`;
  return `${a.ids.length} named organisation${a.ids.length === 1 ? '' : 's'}`;
};

function Needs({ v }: { v: RequestView }) {
  const n = v.needs;
  return (
    <Panel title="What is needed" testId="request-needs">
      <SkillChips skills={n.skills} label="Skills needed" />
      <Facts
        label="Needs"
        facts={[
          ['Languages', n.languages.length ? n.languages.join(', ') : 'no preference'],
          ['Mode', n.mode],
          ['Where', [n.location, n.country].filter(Boolean).join(', ')],
          ['When', windowText(n.window)],
          ['Clearance', n.clearance ? `${n.clearance.scheme} ${n.clearance.level}` : 'none'],
          ['Team size', n.teamSize === undefined ? null : String(n.teamSize)],
          ['Requester’s UTC offset', n.utcOffsetMinutes === undefined ? null : `${n.utcOffsetMinutes / 60} h`],
        ]}
      />
    </Panel>
  );
}

function Situation({ v }: { v: RequestView }) {
  return (
    <Panel title="What happened" testId="request-situation">
      <p className="prewrap">{v.description || '—'}</p>
      <Facts
        label="Situation"
        facts={[
          ['Affected entity', v.affectedEntity],
          ['Impact', v.impact],
          ['Already done', v.actionsTaken],
          ['Other support', v.otherSupport],
        ]}
      />
      {v.incidentId && (
        <p>
          Incident: <Link to={`/incidents/${encodeURIComponent(v.incidentId)}`}>{v.incidentId}</Link>
        </p>
      )}
    </Panel>
  );
}

/** The requester's changes to the request itself: withdraw or close it. */
function StatusActions({ v }: { v: RequestView }) {
  const action = useAssistAction();
  if (!v.can.update || v.status !== 'open') return null;
  const set = (status: 'withdrawn' | 'closed'): void => void action.run(() => updateRequest(v.id, { status }));
  return (
    <span className="tab-actions">
      <Link className="button ghost small" to={editPath(v.id)}>
        Change the request
      </Link>
      <button type="button" className="ghost small" disabled={action.pending} onClick={() => set('withdrawn')}>
        Withdraw the request
      </button>
      <button type="button" className="ghost small" disabled={action.pending} onClick={() => set('closed')}>
        Close the request
      </button>
      {action.error && (
        <span className="error" role="alert">
          {action.error.message}
        </span>
      )}
    </span>
  );
}

function Head({ v, live }: { v: RequestView; live: boolean }) {
  return (
    <header className="request-head">
      <div className="request-title">
        <h1>{v.title}</h1>
        <UrgencyChip urgency={v.urgency} />
        <span className={`request-status status-${v.column}`} data-testid="request-column" data-column={v.column}>
          {v.column}
          {v.status !== 'open' ? ` (${v.status})` : ''}
        </span>
        <LiveBadge connected={live} />
      </div>
      <Facts
        label="Request"
        facts={[
          ['Requester', v.requester.name],
          ['Coordinator', v.coordinator.name],
          ['Goes to', audienceText(v)],
          ['Classification', v.classification ? `${v.classification.scheme} ${v.classification.level}` : null],
          ['Asked', formatDateTime(v.created)],
          ['Changed', formatDateTime(v.modified)],
        ]}
      />
      <div className="tab-actions">
        {v.can.offer && (
          <Link className="button" to={offerPath(v.id)} data-testid="offer-experts">
            Offer experts
          </Link>
        )}
        <StatusActions v={v} />
      </div>
    </header>
  );
}

/** The teams formed for the request, and forming one from the accepted offers. */
function Deployments({ v }: { v: RequestView }) {
  const action = useAssistAction();
  const accepted = v.offers.some((o) => o.decision?.decision === 'accepted');
  const running = v.deployments.some((d) => d.status !== 'ended');
  const form = (): void =>
    void action.run(async () => {
      const made = await deploy(v.id, {});
      navigate(deploymentPath(made.id));
    });
  return (
    <Panel title="Deployments" testId="request-deployments">
      {v.deployments.length === 0 ? (
        <p className="muted">No team formed yet.</p>
      ) : (
        <ul className="deployments">
          {v.deployments.map((d) => (
            <li key={d.id}>
              <Link to={deploymentPath(d.id)}>{d.name}</Link> · {d.status} · {windowText(d.window)} · {d.memberCount} member
              {d.memberCount === 1 ? '' : 's'} · {d.hours} h
            </li>
          ))}
        </ul>
      )}
      {v.can.deploy && accepted && !running && (
        <button type="button" disabled={action.pending} onClick={form}>
          Form the team from the accepted offers
        </button>
      )}
      {action.error && (
        <p className="error" role="alert">
          {action.error.message}
        </p>
      )}
    </Panel>
  );
}

export function RequestPage({ id }: { id: string }) {
  const stream = useAssistanceStream();
  const q = useRequest(id, stream.connected);
  const now = useNow();
  const v = q.data;
  return (
    <PageFrame className="request-page" banner={v?.marking} loading={q.isPending} error={q.error}>
      {v && (
        <>
          <Head v={v} live={stream.connected} />
          <section className="request-clocks" aria-label="Request clocks">
            <ClockList clocks={v.clocks} now={now} facts />
          </section>
          <div className="request-grid">
            <Situation v={v} />
            <Needs v={v} />
            <Offers v={v} />
            {(v.can.decide || v.can.deploy) && <ProposalPanel requestId={v.id} />}
            <Deployments v={v} />
          </div>
        </>
      )}
    </PageFrame>
  );
}
