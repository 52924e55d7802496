// Situational awareness (issue 6, item 2). Every number is computed by the server over what the
// signed-in user may read; the live stream refreshes it without a reload.
import { useDashboard, useLiveEvents, type ObjectSummary } from '../api/dashboard.ts';
import { usePeers, type Peer } from '../api/peers.ts';
import { isAdmin, useMe } from '../api/session.ts';
import { ActivityChart } from '../components/ActivityChart.tsx';
import { BarList } from '../components/BarList.tsx';
import { Link } from '../components/Link.tsx';
import { MarkingBanner, TLP_COLOURS, tlpText } from '../components/MarkingBanner.tsx';
import { Panel, Status } from '../components/Panel.tsx';
import { formatDateTime } from '../format/dates.ts';
import { WorldMap } from '../components/WorldMap.tsx';
import { objectPath } from '../router.ts';

function ObjectList({ items, label, testId, showCount }: { items: ObjectSummary[]; label: string; testId: string; showCount?: boolean }) {
  if (items.length === 0) return <p className="muted">Nothing yet.</p>;
  return (
    <ol className="object-list" aria-label={label} data-testid={testId}>
      {items.map((o) => (
        <li key={o.id}>
          <span className="type-tag">{o.type}</span>
          <Link to={objectPath(o.id)}>{o.name}</Link>
          <span className="muted right">{showCount ? `${o.count ?? 0} links` : formatDateTime(o.addedAt, { empty: '' })}</span>
        </li>
      ))}
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
    <Panel title="Peers" testId="peers-panel">
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
  const dash = useDashboard();
  const live = useLiveEvents();
  const d = dash.data;
  // The server's banner of everything counted, not only of the objects the panels name.
  const banner = d?.banner;
  return (
    <div className="page">
      <MarkingBanner banner={banner} position="top" />
      <div className="page-head">
        <h1>Situational awareness</h1>
        <span className={`live ${live.connected ? 'on' : ''}`} role="status" data-testid="live">
          {live.connected ? 'Live' : 'Connecting…'}
          {live.received > 0 ? ` · ${live.received} new since opened` : ''}
        </span>
      </div>
      <Status loading={dash.isPending} error={dash.error}>
        {d && (
          <div className="dash-grid">
            <Panel title="Objects you can read" className="kpi">
              <p className="big" data-testid="total-count">
                {d.total.toLocaleString('en')}
              </p>
              <BarList
                label="Objects by TLP"
                testId="by-tlp"
                bars={d.byTlp.map((t) => ({ key: t.key, label: tlpText(t.key), count: t.count, colour: TLP_COLOURS[t.key] ?? '#fff' }))}
              />
            </Panel>
            <Panel title="By type">
              <BarList label="Objects by type" testId="by-type" bars={d.byType.slice(0, 12)} />
            </Panel>
            <Panel title="By classification">
              <BarList label="Objects by classification" testId="by-classification" bars={d.byClassification} />
            </Panel>
            <Peers />
            <Panel title="Activity (30 days)" className="wide">
              <ActivityChart days={d.activity} />
            </Panel>
            <Panel title="By country of origin" className="wide">
              <WorldMap counts={d.byCountry} />
              <BarList label="Objects by country" bars={d.byCountry.slice(0, 8)} />
            </Panel>
            <Panel title="Most active intrusion sets and malware">
              <ObjectList items={d.topThreats} label="Most active threats" testId="top-threats" showCount />
            </Panel>
            <Panel title="Latest shared with your organisation">
              <ObjectList items={d.recent} label="Latest shared objects" testId="recent" />
            </Panel>
          </div>
        )}
      </Status>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
