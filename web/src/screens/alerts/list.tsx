// The alerts screen (issue 17, musts 4 and 7): the collective-threat alerts the reader may read,
// newest activity first, each with its rule, what was sighted, how many organisations in which
// countries, the sightings, first and last seen, and an exercise badge. The alert stream puts new
// and updated alerts on screen without a reload, highlighted, and announces them politely.
import { useMemo } from 'react';
import { alertsOf, useAlerts, useAlertStream } from '../../api/alerts.ts';
import { MarkingBanner } from '../../components/MarkingBanner.tsx';
import { Status } from '../../components/Panel.tsx';
import { bannerOfAlerts } from './marking.ts';
import { AlertsNav, AlertTable, LiveState } from './parts.tsx';
import './alerts.css';

export function AlertList() {
  const stream = useAlertStream();
  const list = useAlerts(stream.connected);
  const alerts = useMemo(() => alertsOf(list.data), [list.data]);
  const banner = useMemo(() => bannerOfAlerts(alerts), [alerts]);
  return (
    <div className="page alerts">
      <MarkingBanner banner={banner} position="top" />
      <div className="page-head">
        <h1>Collective alerts</h1>
        <AlertsNav />
        <LiveState stream={stream} />
      </div>
      <p className="muted small alerts-about">
        An alert is raised when a rule of one of your communities holds: the same indicator, observable value or malware family sighted by
        enough organisations in enough countries within the rule's window. Each alert is updated as more sightings arrive.
      </p>
      <p className="total" data-testid="alert-count">
        {list.isPending
          ? 'Loading…'
          : `${alerts.length.toLocaleString('en')}${list.hasNextPage ? '+' : ''} alert${alerts.length === 1 && !list.hasNextPage ? '' : 's'}`}
      </p>
      <Status loading={list.isPending} error={list.error}>
        {alerts.length === 0 ? (
          <div className="empty" data-testid="alerts-empty">
            <p>No alert you may read yet. Alerts appear here as soon as a rule of one of your communities fires.</p>
          </div>
        ) : (
          <AlertTable alerts={alerts} fresh={stream.fresh} />
        )}
        {list.hasNextPage && (
          <button type="button" className="more" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            {list.isFetchingNextPage ? 'Loading…' : 'More'}
          </button>
        )}
      </Status>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
