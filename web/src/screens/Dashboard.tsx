// Situational awareness (issue 6, item 2; issue 15, must 7). Every number is computed by the server
// over what the signed-in user may read, for the period chosen at the top (kept in the URL); the
// live stream refreshes it without a reload. The grid has twelve columns and every row's spans add
// up to twelve at every width, so that no row has a hole (dashboard.css).
import './dashboard/dashboard.css';
import { useDashboard, useLiveEvents, type Dashboard as DashboardData, type ObjectSummary } from '../api/dashboard.ts';
import { usePeers, type Peer } from '../api/peers.ts';
import { isAdmin, useMe } from '../api/session.ts';
import { ActivityChart } from '../components/ActivityChart.tsx';
import { BarList } from '../components/BarList.tsx';
import { Link } from '../components/Link.tsx';
import { MarkingBanner, TLP_COLOURS, tlpText } from '../components/MarkingBanner.tsx';
import { Panel, Status } from '../components/Panel.tsx';
import { formatDateTime } from '../format/dates.ts';
import { objectPath } from '../router.ts';
import { useIncidentPanels } from './dashboard/incident-data.ts';
import { AssistancePanel, IncidentPanels } from './dashboard/lazy.tsx';
import { useAssistancePanel } from './dashboard/assistance-data.ts';
import { mergeBanners } from './incidents/marking.ts';
import { PlacesPanel } from './dashboard/PlacesPanel.tsx';
import { RangeControl, useDays } from './dashboard/RangeControl.tsx';
import { alertsOf, useAlerts, useAlertStream } from '../api/alerts.ts';
import { AlertsPanel } from './dashboard/AlertsPanel.tsx';
import { bannerOfAlerts } from './alerts/marking.ts';

function ObjectList({ items, label, testId }: { items: ObjectSummary[]; label: string; testId: string }) {
  if (items.length === 0) return <p className="muted">Nothing in this period.</p>;
  return (
    <ol className="object-list" aria-label={label} data-testid={testId}>
      {items.map((o) => (
        <li key={o.id}>
          <span className="type-tag">{o.type}</span>
          <Link to={objectPath(o.id)}>{o.name}</Link>
          <span className="muted right">{formatDateTime(o.addedAt, { empty: '' })}</span>
        </li>
      ))}
    </ol>
  );
}

const ACTIVITY_MEANS =
  'Activity: relationships created in the period with the threat at either end (indicators that indicate it included) plus sightings of it sighted in the period; only what you may read counts.';

/** Threat actors, intrusion sets, malware and campaigns by activity in the period. */
function TopThreats({ items, days }: { items: DashboardData['topThreats']; days: number }) {
  if (items.length === 0) return <p className="muted">No activity in this period.</p>;
  return (
    <ol className="object-list" aria-label="Most active threats" data-testid="top-threats">
      {items.map((t) => {
        const a = t.activity;
        const why = `${a.relationships} relationships (${a.indicators} from indicators) and ${a.sightings} sightings in the last ${days} days`;
        return (
          <li key={t.id}>
            <span className="type-tag">{t.type}</span>
            <Link to={objectPath(t.id)}>{t.name}</Link>
            <span
              className="right muted small"
              aria-hidden="true"
            >{`${a.relationships} rel. (${a.indicators} ind.) · ${a.sightings} sight.`}</span>
            <span className="activity-count" title={why}>
              {t.count ?? 0}
              <span className="sr-only">{`: ${why}`}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

/** Peer status: lag and last error per peer (federation, issue 5). */
export function PeerTable({ peers }: { peers: Peer[] }) {
  return (
    <table className="grid" aria-label="Peers">
      <thead>
        <tr>
          <th scope="col">Peer</th>
          <th scope="col">Lag</th>
          <th scope="col">Last success</th>
          <th scope="col">Last error</th>
        </tr>
      </thead>
      <tbody>
        {peers.map((p) => (
          <tr key={p.id}>
            <td title={p.url}>
              {p.name || p.url}
              {p.disabled ? ' (disabled)' : ''}
            </td>
            <td>{`${p.lag.versions} versions · ${p.lag.seconds}s`}</td>
            <td>{formatDateTime(p.state.lastSuccessAt)}</td>
            <td className={p.state.lastResult?.ok === false ? 'error' : ''}>{p.state.lastResult?.error ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Peers() {
  const me = useMe();
  const admin = isAdmin(me.data);
  const peers = usePeers(admin);
  return (
    <Panel title="Peers" testId="peers-panel" className="span-3">
      {admin ? (
        <Status loading={peers.isPending} error={peers.error} empty={peers.data?.length === 0 ? 'No peers configured.' : false}>
          <PeerTable peers={peers.data ?? []} />
        </Status>
      ) : (
        <p className="muted">Peer status is shown to node administrators.</p>
      )}
    </Panel>
  );
}

export function Dashboard() {
  const days = useDays();
  const dash = useDashboard(days);
  const live = useLiveEvents();
  const d = dash.data;
  // The server's banner of everything counted, not only of the objects the panels name, with the
  // incident panels' own (issue 16).
  const incidents = useIncidentPanels(days);
  // The collective alerts' panel (issue 17) is kept live by the alert stream, and its alerts'
  // markings join the banner.
  const alertStream = useAlertStream();
  const alerts = useAlerts(alertStream.connected);
  // The requests for assistance (issue 18) the panel loaded, live by the requests stream: their
  // markings join the banner too, so a request that arrived since the counts were taken is covered.
  const assistance = useAssistancePanel();
  const banner = mergeBanners(
    mergeBanners(mergeBanners(d?.banner, incidents.data?.banner), bannerOfAlerts(alertsOf(alerts.data))),
    assistance.banner,
  );
  const period = `last ${days} days`;
  return (
    <div className="page">
      <MarkingBanner banner={banner} position="top" />
      <div className="page-head">
        <h1>Situational awareness</h1>
        <RangeControl days={days} />
        {d && <span className="muted small" data-testid="range">{`${d.range.from} – ${d.range.to} (UTC)`}</span>}
        <span className={`live ${live.connected ? 'on' : ''}`} role="status" data-testid="live">
          {live.connected ? 'Live' : 'Connecting…'}
          {live.received > 0 ? ` · ${live.received} new since opened` : ''}
        </span>
      </div>
      <Status loading={dash.isPending} error={dash.error}>
        {d && (
          <div className="dash-board" data-testid="dash-grid" aria-busy={dash.isFetching}>
            <Panel title="Objects made in the period" className="span-3" testId="kpi-panel">
              <p className="big" data-testid="in-range-count">
                {d.inRange.toLocaleString('en')}
              </p>
              <p className="muted small">
                {'of '}
                <span data-testid="total-count">{d.total.toLocaleString('en')}</span>
                {` you can read, by when each was made, sighted or first seen (${period})`}
              </p>
              <BarList
                label="Objects by TLP"
                testId="by-tlp"
                bars={d.byTlp.map((t) => ({ key: t.key, label: tlpText(t.key), count: t.count, colour: TLP_COLOURS[t.key] ?? '#fff' }))}
              />
            </Panel>
            <Panel title="By type" className="span-3" testId="type-panel">
              <BarList label="Objects by type" testId="by-type" bars={d.byType.slice(0, 10)} />
            </Panel>
            <Panel title="By classification" className="span-3" testId="classification-panel">
              <BarList label="Objects by classification" testId="by-classification" bars={d.byClassification} />
            </Panel>
            <Peers />
            <AlertsPanel
              alerts={alertsOf(alerts.data)}
              more={alerts.hasNextPage}
              stream={alertStream}
              loading={alerts.isPending}
              error={alerts.error}
              days={days}
            />
            <AssistancePanel data={assistance} />
            <PlacesPanel places={d.places} days={days} />
            <Panel title={`Activity by own time (${period})`} className="span-activity" testId="activity-panel">
              <ActivityChart buckets={d.activity} bucket={d.range.bucket} />
            </Panel>
            <Panel
              title="Most active threats"
              className="span-side"
              testId="threats-panel"
              actions={
                <span className="info" title={ACTIVITY_MEANS} role="note" aria-label={ACTIVITY_MEANS}>
                  ?
                </span>
              }
            >
              <TopThreats items={d.topThreats} days={days} />
            </Panel>
            <Panel title={`Shared with your organisation (${period})`} className="span-side" testId="recent-panel">
              <ObjectList items={d.recent} label="Latest shared objects" testId="recent" />
            </Panel>
          </div>
        )}
        {d && <IncidentPanels days={days} range={d.range} />}
      </Status>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
