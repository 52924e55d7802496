// An object's sightings as the reader may know them (issue 17, must 3): true sightings against
// false positives over time, where (by country, bars and a small table), by whom ("undisclosed"
// where the sighting does not name its organisation to this reader), first and last seen, and
// the latest sightings with what each said. Presentational: the screen fetches.
import './sightings.css';
import type { SightingAggregate } from '../../../src/domain/sightings/api.ts';
import { formatDateTime } from '../format/dates.ts';
import { countryName, sectorName, sightingColumns, sighterText, TYPE_LABELS } from '../format/sightings.ts';
import { BarList } from './BarList.tsx';
import { StackedColumns, type Series } from './StackedColumns.tsx';

const SERIES: readonly Series[] = [
  { key: 'sightings', label: 'True sightings', className: 's-true' },
  { key: 'falsePositives', label: 'False positives', className: 's-false' },
  { key: 'expired', label: 'Expired', className: 's-expired' },
];

const n = (x: number): string => x.toLocaleString('en');

function Facts({ a }: { a: SightingAggregate }) {
  return (
    <dl className="facts sighting-facts" data-testid="sighting-facts">
      <dt>True sightings</dt>
      <dd data-testid="sightings-true">{n(a.sightings)}</dd>
      <dt>Times seen</dt>
      <dd data-testid="sightings-total" title="The sum of the true sightings' counts">
        {n(a.total)}
      </dd>
      <dt>False positives</dt>
      <dd data-testid="sightings-false-positives">{n(a.falsePositives)}</dd>
      <dt>Expired</dt>
      <dd>{n(a.expired)}</dd>
      <dt>First seen</dt>
      <dd data-testid="sightings-first-seen">{formatDateTime(a.firstSeen)}</dd>
      <dt>Last seen</dt>
      <dd data-testid="sightings-last-seen">{formatDateTime(a.lastSeen)}</dd>
      <dt>Organisations</dt>
      <dd title="Distinct sighters, disclosed or not">{n(a.organisations)}</dd>
    </dl>
  );
}

function Where({ a }: { a: SightingAggregate }) {
  const rows = a.byCountry.map((c) => ({
    key: c.country ?? 'undisclosed',
    label: c.country ? `${countryName(c.country)} (${c.country})` : 'undisclosed',
    count: c.count,
  }));
  return (
    <div className="sighting-where">
      <h3>Where</h3>
      <BarList bars={rows} label="Sightings by country" testId="sightings-by-country" />
      <table className="grid compact" aria-label="Sightings by country, table">
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col" className="num">
              Sightings
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.label}</td>
              <td className="num">{n(r.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ByWhom({ a }: { a: SightingAggregate }) {
  return (
    <div className="sighting-who">
      <h3>By whom</h3>
      <ul className="plain sighters" aria-label="Sightings by organisation" data-testid="sightings-by-org">
        {a.byOrg.map((o) => (
          <li key={o.org?.id ?? 'undisclosed'} data-org={o.org?.name ?? 'undisclosed'}>
            <span className={o.org ? '' : 'muted'}>{o.org?.name ?? 'undisclosed'}</span> <span className="num">{n(o.count)}</span>
          </li>
        ))}
      </ul>
      {a.bySector.some((s) => s.sector) && (
        <p className="muted small">
          Sectors: {a.bySector.map((s) => `${s.sector ? sectorName(s.sector) : 'undisclosed'} (${s.count})`).join(', ')}
        </p>
      )}
    </div>
  );
}

function Recent({ a }: { a: SightingAggregate }) {
  return (
    <table className="grid" aria-label="Recent sightings" data-testid="recent-sightings">
      <thead>
        <tr>
          <th scope="col">Last seen</th>
          <th scope="col">Type</th>
          <th scope="col" className="num">
            Count
          </th>
          <th scope="col">By</th>
        </tr>
      </thead>
      <tbody>
        {a.recent.map((s) => (
          <tr key={s.id} data-type={s.type} data-count={s.count}>
            <td>{formatDateTime(s.lastSeen)}</td>
            <td>
              <span className={`sighting-type t-${s.type}`}>{TYPE_LABELS[s.type]}</span>
            </td>
            <td className="num">{n(s.count)}</td>
            <td>{sighterText(s.sighter)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The sightings panel's body: nothing but a sentence when there are none. */
export function SightingSummary({ a }: { a: SightingAggregate }) {
  if (a.sightings + a.falsePositives + a.expired === 0)
    return (
      <p className="muted" data-testid="sightings-none">
        No sightings you may see.
      </p>
    );
  const { unit, columns } = sightingColumns(a.series, Date.now());
  return (
    <div className="sighting-summary">
      <Facts a={a} />
      <StackedColumns
        series={SERIES}
        columns={columns}
        unit={unit}
        title="Sightings"
        legend="Sighting types"
        describe={(c) =>
          `${c.counts['sightings'] ?? 0} true sightings, ${c.counts['falsePositives'] ?? 0} false positives, ${c.counts['expired'] ?? 0} expired`
        }
        testId="sightings-series"
        height={120}
      />
      <div className="sighting-split">
        <Where a={a} />
        <ByWhom a={a} />
      </div>
      <h3>Recent sightings</h3>
      <Recent a={a} />
    </div>
  );
}
