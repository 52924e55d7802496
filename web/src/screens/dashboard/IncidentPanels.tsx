// The dashboard's incident panels (issue 16, must 9), for the dashboard's own period: incidents by
// member state on the map, by sector, by severity over time, and the stages whose deadline falls
// in the next 24 hours. Shown only to readers of incidents; every count is the server's, over the
// incidents the reader may see. A grid of their own below the dashboard's, whose rows add up to
// twelve columns as the dashboard's do (dashboard.css).
import type { Dashboard } from '../../api/dashboard.ts';
import type { IncidentPanels as Panels } from '../../api/incidents.ts';
import { useMe } from '../../api/session.ts';
import { BarList } from '../../components/BarList.tsx';
import { Link } from '../../components/Link.tsx';
import { Panel, Status } from '../../components/Panel.tsx';
import { placeName, WorldMap } from '../../components/WorldMap.tsx';
import { SIGHTED_RAMP } from '../../components/ramp.ts';
import { ClockChip } from '../incidents/clock.tsx';
import { incidentPath } from '../incidents/list-table.tsx';
import { sectorName } from '../incidents/names.ts';
import { useNow } from '../incidents/now.ts';
import { useIncidentPanels } from './incident-data.ts';
import { PlacesTable } from './PlacesPanel.tsx';
import { SeverityChart } from './SeverityChart.tsx';

function ByMemberState({ counts, days }: { counts: Panels['byMemberState']; days: number }) {
  const keyed = counts.map((c) => ({ key: c.country, count: c.count }));
  return (
    <Panel title="Incidents by member state" className="span-12" testId="incident-map-panel">
      <div className="places">
        <WorldMap counts={keyed} ramp={SIGHTED_RAMP} noun="incidents" label={`Incidents per member state affected, last ${days} days`} />
        <div className="places-side">
          <p className="muted small">Each incident counts in its entity's country and in every member state it affects.</p>
          {keyed.length === 0 ? (
            <p className="muted">{`No incident in the last ${days} days.`}</p>
          ) : (
            <PlacesTable
              label="Incidents per member state"
              where="Member state"
              noun="incidents"
              counts={keyed}
              testId="incidents-by-state"
              place={(key) => <Link to={`/incidents?country=${encodeURIComponent(key)}`}>{placeName(key)}</Link>}
            />
          )}
        </div>
      </div>
    </Panel>
  );
}

function DueSoon({ items }: { items: Panels['dueSoon'] }) {
  const now = useNow();
  if (items.length === 0) return <p className="muted">No deadline in the next 24 hours.</p>;
  const sorted = [...items].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <ol className="object-list due-soon" aria-label="Deadlines in the next 24 hours" data-testid="due-soon">
      {sorted.map((d) => (
        <li key={`${d.incidentId}-${d.stage}-${d.dueAt}`}>
          <Link to={incidentPath(d.incidentId)} title={d.incidentName}>
            {d.incidentName}
          </Link>
          <span className="right">
            <ClockChip
              clock={{
                stage: d.stage,
                status: Date.parse(d.dueAt) >= now ? 'due' : 'overdue',
                dueAt: d.dueAt,
                submittedAt: null,
                rule: '',
              }}
              now={now}
            />
          </span>
        </li>
      ))}
    </ol>
  );
}

/** Whether the panels have anything to show: an organisation outside NIS2 reporting that sees no
 *  incident (nothing shared with it) is not shown four empty panels. */
const anything = (p: Panels): boolean => p.byMemberState.length + p.bySector.length + p.severityOverTime.length + p.dueSoon.length > 0;

export function IncidentPanels({ days, range }: { days: number; range: Dashboard['range'] }) {
  const { readable, ...panels } = useIncidentPanels(days);
  const involved = Boolean(useMe().data?.org.nis2Role);
  const p = panels.data;
  if (!readable || (!involved && (!p || !anything(p)))) return null;
  return (
    <section aria-label="Incidents" className="incident-panels">
      <Status loading={panels.isPending} error={panels.error}>
        {p && (
          <div className="dash-board" data-testid="incident-grid" aria-busy={panels.isFetching}>
            <ByMemberState counts={p.byMemberState} days={days} />
            <Panel title="Incidents by sector" className="span-4" testId="incident-sector-panel">
              {p.bySector.length === 0 ? (
                <p className="muted">{`No incident in the last ${days} days.`}</p>
              ) : (
                <BarList
                  label="Incidents by sector"
                  testId="incidents-by-sector"
                  bars={p.bySector.map((s) => ({ key: s.sector, label: sectorName(s.sector), count: s.count }))}
                />
              )}
            </Panel>
            <Panel title={`Incident severity (last ${days} days)`} className="span-5" testId="incident-severity-panel">
              <SeverityChart points={p.severityOverTime} range={range} />
            </Panel>
            <Panel
              title="Deadlines in the next 24 hours"
              className="span-3"
              testId="due-soon-panel"
              actions={<Link to="/incidents?dueWithinHours=24&sort=due">All</Link>}
            >
              <DueSoon items={p.dueSoon} />
            </Panel>
          </div>
        )}
      </Status>
    </section>
  );
}
