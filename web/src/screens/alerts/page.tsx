// One alert (issue 17, musts 4 and 7): what was sighted and by how many organisations in which
// countries, the map of where (more is darker, the numbers at the legend's ends, a table beside),
// the sightings over time, the objects sighted and the sightings that made it fire as far as the
// reader may read them, and the rule that raised it. Kept live by the alert stream.
import { useMemo } from 'react';
import { type AlertView, useAlert, useAlertStream, useRules } from '../../api/alerts.ts';
import { ApiError } from '../../api/client.ts';
import { bannerOf } from '../../api/objects.ts';
import { Link } from '../../components/Link.tsx';
import { MarkingBanner } from '../../components/MarkingBanner.tsx';
import { Panel, Status } from '../../components/Panel.tsx';
import { SIGHTED_RAMP } from '../../components/ramp.ts';
import { StackedColumns } from '../../components/StackedColumns.tsx';
import { WorldMap } from '../../components/WorldMap.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { mergeBanners } from '../incidents/marking.ts';
import { sectorName } from '../incidents/names.ts';
import { MapLegend, PlacesTable } from '../dashboard/PlacesPanel.tsx';
import { AlertsNav, countriesText, ExerciseBadge, KIND_NAMES, LiveState, useCommunityNames } from './parts.tsx';
import { ruleText, SUBJECT_LABELS } from './rule-draft.ts';
import { seriesColumns } from './series.ts';
import { AlertSightings, SightedObjects, useEvidence } from './sightings.tsx';
import '../dashboard/dashboard.css';
import './alerts.css';

function Where({ alert }: { alert: AlertView }) {
  const counts = alert.places.map((p) => ({ key: p.country, count: p.count }));
  const max = Math.max(1, ...counts.map((c) => c.count));
  return (
    <Panel title="Where it was sighted" testId="alert-map" className="alert-where">
      <div className="places">
        <WorldMap counts={counts} ramp={SIGHTED_RAMP} noun="sightings" label="Sightings of this alert per country" />
        <div className="places-side">
          <MapLegend noun="sightings" ramp={SIGHTED_RAMP} max={max} />
          <p className="muted small">By the sighter's country, as far as each sighting discloses it.</p>
          {counts.length === 0 ? (
            <p className="muted">No country disclosed.</p>
          ) : (
            <PlacesTable label="Sightings per country" noun="sightings" counts={counts} testId="alert-places" />
          )}
        </div>
      </div>
    </Panel>
  );
}

function Series({ alert }: { alert: AlertView }) {
  const { unit, columns } = seriesColumns(alert.series);
  return (
    <Panel title="Sightings over time" testId="alert-series" className="alert-series">
      {columns.length === 0 ? (
        <p className="muted">No sighting time you may read.</p>
      ) : (
        <StackedColumns
          series={[{ key: 'sightings', label: 'Sightings', className: 'k-sightings' }]}
          columns={columns}
          unit={unit}
          title="Sightings of this alert"
          legend="What is counted"
          describe={(c) => `${c.counts['sightings'] ?? 0} sightings`}
          testId="alert-chart"
        />
      )}
    </Panel>
  );
}

function Facts({ alert }: { alert: AlertView }) {
  const rules = useRules();
  const communities = useCommunityNames();
  const rule = rules.data?.find((r) => r.id === alert.rule.id);
  return (
    <Panel title="The alert" testId="alert-facts" className="alert-facts">
      <table className="props">
        <tbody>
          <tr>
            <th scope="row">Sighted</th>
            <td>{`${alert.subject.label} (same ${KIND_NAMES[alert.subject.kind]})`}</td>
          </tr>
          <tr>
            <th scope="row">Organisations</th>
            <td data-testid="alert-orgs">{alert.organisations}</td>
          </tr>
          <tr>
            <th scope="row">Countries</th>
            <td data-testid="alert-countries">{countriesText(alert.countries)}</td>
          </tr>
          <tr>
            <th scope="row">Sectors</th>
            <td>{alert.sectors.length === 0 ? '—' : alert.sectors.map((s) => sectorName(s)).join(', ')}</td>
          </tr>
          <tr>
            <th scope="row">Sightings</th>
            <td data-testid="alert-sightings-count">{alert.sightings.toLocaleString('en')}</td>
          </tr>
          <tr>
            <th scope="row">First seen</th>
            <td>{formatDateTime(alert.firstSeen)}</td>
          </tr>
          <tr>
            <th scope="row">Last seen</th>
            <td>{formatDateTime(alert.lastSeen)}</td>
          </tr>
          <tr>
            <th scope="row">Raised · updated</th>
            <td>{`${formatDateTime(alert.created)} · ${formatDateTime(alert.modified)}`}</td>
          </tr>
          <tr>
            <th scope="row">Rule</th>
            <td data-testid="alert-rule">
              <Link to="/alerts/rules">{alert.rule.name}</Link>
              <div className="muted small">
                {`Community ${communities.get(alert.rule.community) ?? alert.rule.community}`}
                {rule ? ` · ${ruleText(rule)} · ${rule.subjects.map((s) => SUBJECT_LABELS[s].toLowerCase()).join('; ')}` : ''}
              </div>
            </td>
          </tr>
        </tbody>
      </table>
    </Panel>
  );
}

export function AlertPage({ id }: { id: string }) {
  const stream = useAlertStream();
  const q = useAlert(id, stream.connected);
  const alert = q.data;
  const evidence = useEvidence(alert);
  // The alert's own marking, and that of every sighting and object shown under it.
  const banner = useMemo(
    () => mergeBanners(alert?.marking ?? undefined, evidence.markings.size > 0 ? bannerOf(evidence.markings.values()) : undefined),
    [alert, evidence],
  );
  const missing = q.error instanceof ApiError && q.error.status === 404;
  return (
    <div className="page alerts alert-page">
      <MarkingBanner banner={banner} position="top" />
      <div className="page-head">
        <h1 className="alert-heading">
          {alert ? `Alert: ${alert.subject.label}` : 'Alert'}
          {alert && <ExerciseBadge exercise={alert.exercise} />}
        </h1>
        <AlertsNav />
        <LiveState stream={stream} />
      </div>
      <Status loading={q.isPending} error={missing ? undefined : q.error}>
        {missing && (
          <div className="empty" data-testid="alert-missing">
            <p>
              No alert you may read has this id. <Link to="/alerts">All alerts</Link>
            </p>
          </div>
        )}
        {alert && (
          <div className="alert-grid">
            <Facts alert={alert} />
            <Series alert={alert} />
            <Where alert={alert} />
            <SightedObjects alert={alert} evidence={evidence} />
            <AlertSightings alert={alert} evidence={evidence} />
          </div>
        )}
      </Status>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
