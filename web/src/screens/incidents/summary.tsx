// The quarterly summary a single point of contact sends ENISA (issue 16, must 8; NIS2 Art. 23(9)):
// anonymised, aggregated counts of the incidents the reader may read whose awareness falls in the
// period, by sector, RSIT class, severity, cross-border impact, and how timely each reporting stage
// was; the same numbers as CSV and JSON to download.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { summaryCsvUrl, type QuarterlySummary } from '../../api/incidents.ts';
import { BarList } from '../../components/BarList.tsx';
import { DayInput } from '../../components/DayInput.tsx';
import { Panel, Status } from '../../components/Panel.tsx';
import { navigate, useLocation } from '../../router.ts';
import { STAGE_NAMES, STATUS_WORDS } from './clock.tsx';
import { IncidentsNav } from './nav.tsx';
import { bounds, type Period, periodOf, recentQuarters } from './period.ts';
import { rsitName, sectorName, words } from './names.ts';
import { useSummary } from './queries.ts';
import './incidents.css';

const bars = (t: Record<string, number>, name: (k: string) => string = (k) => k) =>
  Object.entries(t)
    .sort(([, a], [, b]) => b - a)
    .map(([key, count]) => ({ key, count, label: key === 'unknown' ? 'not given' : name(key) }));

const TIMELY = ['submitted-on-time', 'submitted-late', 'overdue'] as const;

function Timeliness({ s }: { s: QuarterlySummary }) {
  const stages = Object.entries(s.timeliness) as [keyof typeof STAGE_NAMES, Partial<Record<string, number>>][];
  if (stages.length === 0) return <p className="muted">No stage was due in this period.</p>;
  return (
    <table className="grid" aria-label="Reporting timeliness per stage" data-testid="timeliness">
      <thead>
        <tr>
          <th scope="col">Stage</th>
          {TIMELY.map((t) => (
            <th key={t} scope="col" className="num">
              {STATUS_WORDS[t]}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {stages.map(([stage, counts]) => (
          <tr key={stage} data-stage={stage}>
            <th scope="row">{STAGE_NAMES[stage]}</th>
            {TIMELY.map((t) => (
              <td key={t} className="num" data-status={t}>
                {(counts[t] ?? 0).toLocaleString('en')}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PeriodPicker({ period }: { period: Period }) {
  const quarters = recentQuarters(new Date());
  const [from, setFrom] = useState(period.from);
  const [to, setTo] = useState(period.to);
  useEffect(() => {
    setFrom(period.from);
    setTo(period.to);
  }, [period]);
  const go = (p: Period): void => navigate(`/incidents/summary?from=${p.from}&to=${p.to}`, true);
  const chosen = quarters.find((q) => q.from === period.from && q.to === period.to);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (from < to) go({ from, to });
  };
  return (
    <form className="filters period" onSubmit={submit} aria-label="Period">
      <label>
        Quarter
        <select
          name="quarter"
          value={chosen?.label ?? ''}
          onChange={(e) => {
            const q = quarters.find((x) => x.label === e.target.value);
            if (q) go(q);
          }}
        >
          {!chosen && <option value="">other period</option>}
          {quarters.map((q) => (
            <option key={q.label} value={q.label}>
              {q.label}
            </option>
          ))}
        </select>
      </label>
      <DayInput label="From" name="from" value={from} onChange={setFrom} />
      <DayInput label="Before" name="to" value={to} onChange={setTo} />
      <button type="submit" disabled={!(from < to)}>
        Show
      </button>
    </form>
  );
}

export function IncidentSummary() {
  const { query } = useLocation();
  const search = query.toString();
  const period = useMemo(() => periodOf(new URLSearchParams(search), new Date()), [search]);
  const b = bounds(period);
  const summary = useSummary(b.from, b.to);
  const s = summary.data;
  const json = `/api/v1/incidents/summary?from=${encodeURIComponent(b.from)}&to=${encodeURIComponent(b.to)}&format=json`;
  return (
    <div className="page incidents">
      <div className="page-head">
        <h1>Quarterly summary</h1>
        <IncidentsNav />
      </div>
      <PeriodPicker period={period} />
      <div className="row summary-head">
        <p className="muted">
          {`Incidents whose entity became aware from ${period.from} up to (not including) ${period.to}, UTC. `}
          Counts only: no entity, incident or free text, as NIS2 Art. 23(9) asks.
        </p>
        <span className="right">
          <a className="button" href={summaryCsvUrl(b.from, b.to)} download={`nis2-summary-${period.from}-${period.to}.csv`}>
            Download CSV
          </a>{' '}
          <a className="button" href={json} download={`nis2-summary-${period.from}-${period.to}.json`}>
            Download JSON
          </a>
        </span>
      </div>
      <Status loading={summary.isPending} error={summary.error}>
        {s && (
          <div className="summary-grid" data-testid="summary" aria-busy={summary.isFetching}>
            <Panel title="Incidents" testId="summary-total">
              <p className="big" data-testid="summary-incidents">
                {s.incidents.toLocaleString('en')}
              </p>
              <p className="muted small">
                <span data-testid="summary-significant">{s.significant.toLocaleString('en')}</span> significant
              </p>
            </Panel>
            <Panel title="By severity">
              <BarList label="Incidents by severity" testId="by-severity" bars={bars(s.bySeverity, words)} />
            </Panel>
            <Panel title="Cross-border impact">
              <BarList label="Incidents by cross-border impact" testId="by-cross-border" bars={bars(s.crossBorder)} />
            </Panel>
            <Panel title="By sector" className="span-all">
              <BarList label="Incidents by sector" testId="by-sector" bars={bars(s.bySector, (k) => sectorName(k))} />
            </Panel>
            <Panel title="By RSIT class">
              <BarList label="Incidents by RSIT class" testId="by-rsit" bars={bars(s.byRsitClass, rsitName)} />
            </Panel>
            <Panel title="Reporting timeliness" className="span-2">
              <Timeliness s={s} />
            </Panel>
          </div>
        )}
      </Status>
    </div>
  );
}
