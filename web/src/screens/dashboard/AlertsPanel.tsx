// The dashboard's collective alerts (issue 17, must 4: "alerts appear live … on the dashboard"):
// how many alerts the reader may read were active in the dashboard's period, and the latest ones,
// each linking to its page. The alert stream adds and updates them without a reload; those that
// arrived while the dashboard was open are highlighted and announced.
import type { AlertStream, AlertView } from '../../api/alerts.ts';
import { Link } from '../../components/Link.tsx';
import { Panel, Status } from '../../components/Panel.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { alertPath, ExerciseBadge, LiveState } from '../alerts/parts.tsx';

/** The latest this many alerts are listed; the count covers all. */
const SHOWN = 6;

const DAY_MS = 86_400_000;

function Latest({ alerts, fresh }: { alerts: AlertView[]; fresh: AlertStream['fresh'] }) {
  return (
    <ol className="object-list dash-alerts" aria-label="Latest collective alerts" data-testid="dash-alerts">
      {alerts.map((a) => {
        const state = fresh.get(a.id);
        return (
          <li key={a.id} data-alert={a.id} className={state ? `fresh ${state}` : undefined}>
            {state ? <span className={`fresh-badge ${state}`}>{state === 'new' ? 'New' : 'Updated'}</span> : null}
            <Link to={alertPath(a.id)} title={`${a.rule.name}: ${a.subject.label}`}>
              {a.subject.label}
            </Link>
            <ExerciseBadge exercise={a.exercise} />
            <span className="muted small nowrap">{`${a.organisations} org. · ${a.countries.join(', ')}`}</span>
            <span className="muted right small">{formatDateTime(a.lastSeen)}</span>
          </li>
        );
      })}
    </ol>
  );
}

export function AlertsPanel({
  alerts,
  more,
  stream,
  loading,
  error,
  days,
}: {
  alerts: AlertView[];
  /** Whether the API holds more than the page loaded (the counts then end in "+"). */
  more: boolean;
  stream: AlertStream;
  loading: boolean;
  error: unknown;
  days: number;
}) {
  const list = alerts;
  const plus = more ? '+' : '';
  // The dashboard's period, counted back from now as its other panels are.
  const since = new Date(Date.now() - days * DAY_MS).toISOString();
  const active = list.filter((a) => a.lastSeen >= since).length;
  // Newest activity first: more may be active only when the last one loaded still is.
  const activePlus = more && (list.at(-1)?.lastSeen ?? '') >= since ? '+' : '';
  return (
    <Panel
      title="Collective alerts"
      className="span-12 dash-alerts-panel"
      testId="alerts-panel"
      actions={<LiveState stream={stream} quiet />}
    >
      <Status loading={loading} error={error}>
        <div className="dash-alerts-body">
          <div>
            <p className="big" data-testid="alerts-active-count">
              {`${active.toLocaleString('en')}${activePlus}`}
            </p>
            <p className="muted small">
              {`active in the last ${days} days, of `}
              <span data-testid="alerts-total">{`${list.length.toLocaleString('en')}${plus}`}</span>
              {' you may read · '}
              <Link to="/alerts">All alerts</Link>
            </p>
          </div>
          {list.length === 0 ? (
            <p className="muted">
              No alert yet: a rule of one of your communities raises one when enough organisations sight the same thing.
            </p>
          ) : (
            <Latest alerts={list.slice(0, SHOWN)} fresh={stream.fresh} />
          )}
        </div>
      </Status>
    </Panel>
  );
}
