// The incidents list's rows (issue 16, must 9): name (to the incident page), owner organisation,
// sector, severity, RSIT class, status and determination, marking, and the clock of each stage
// with its countdown read at `now` (ClockChip: the standing in words, never colour alone).
import type { IncidentRow } from '../../api/incidents.ts';
import { Link } from '../../components/Link.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { ClockChip } from './clock.tsx';
import { partsOf } from './marking.ts';
import { TLP_COLOURS } from '../../components/MarkingBanner.tsx';
import { rsitName, sectorName, words } from './names.ts';

export const incidentPath = (id: string): string => `/incidents/${encodeURIComponent(id)}`;

/** The clocks a row shows: every stage that has started (one not yet started has no deadline). */
function Clocks({ row, now }: { row: IncidentRow; now: number }) {
  const running = row.clocks.filter((c) => c.status !== 'not-started');
  if (running.length === 0) return <span className="muted">no clock running</span>;
  return (
    <ul className="clocks" aria-label={`Clocks of ${row.name}`}>
      {running.map((c) => (
        <li key={`${c.stage}-${c.request ?? ''}`}>
          <ClockChip clock={c} now={now} />
        </li>
      ))}
    </ul>
  );
}

/** A row's marking as a chip, in its TLP colour and in words. */
function MarkingChip({ marking }: { marking: string }) {
  const { tlp } = partsOf(marking);
  return (
    <span className="tlp-chip" style={{ color: (tlp && TLP_COLOURS[tlp]) ?? '#fff' }} data-marking={marking}>
      {marking || '—'}
    </span>
  );
}

function Row({ row, now }: { row: IncidentRow; now: number }) {
  return (
    <tr data-incident={row.id} data-testid="incident-row">
      <td className="incident-name">
        <Link to={incidentPath(row.id)}>{row.name}</Link>
        <div className="muted small">
          <span data-testid="owner">{row.ownerName}</span>
          {row.country ? ` · ${row.country}` : ''}
          {row.memberStates.length > 0 ? ` · affects ${row.memberStates.join(', ')}` : ''}
          {row.crossBorder ? ' · cross-border' : ''}
          {` · aware ${formatDateTime(row.awareAt)}`}
        </div>
      </td>
      <td>{sectorName(row.sector, row.subsector)}</td>
      <td data-severity={row.severity ?? ''}>{row.severity ?? '—'}</td>
      <td>{rsitName(row.rsitClass)}</td>
      <td>
        {words(row.status)}
        <div className="muted small">{words(row.determination)}</div>
      </td>
      <td>
        <MarkingChip marking={row.marking} />
      </td>
      <td>
        <Clocks row={row} now={now} />
      </td>
    </tr>
  );
}

export function IncidentTable({ rows, now }: { rows: IncidentRow[]; now: number }) {
  return (
    <table className="grid incident-table" aria-label="Incidents" data-testid="incidents">
      <thead>
        <tr>
          <th scope="col">Incident</th>
          <th scope="col">Sector</th>
          <th scope="col">Severity</th>
          <th scope="col">RSIT class</th>
          <th scope="col">Status</th>
          <th scope="col">Marking</th>
          <th scope="col">Clocks</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <Row key={r.id} row={r} now={now} />
        ))}
      </tbody>
    </table>
  );
}
