// Where threats were sighted and where targets are (issue 15, must 7): two layers the reader
// switches between, a legend whose scale runs from 1 (light) to the largest count (dark), counts on
// hover and in a table beside the maps.
import { useState, type ReactNode } from 'react';
import type { Dashboard } from '../../api/dashboard.ts';
import { Panel } from '../../components/Panel.tsx';
import { placeName, WorldMap } from '../../components/WorldMap.tsx';
import { rampGradient, SIGHTED_RAMP, TARGETED_RAMP, type Ramp } from '../../components/ramp.ts';

type Layer = keyof Dashboard['places'];

const LAYERS: Record<Layer, { label: string; noun: string; ramp: Ramp; about: string }> = {
  sighted: {
    label: 'Sighted',
    noun: 'sightings',
    ramp: SIGHTED_RAMP,
    about:
      'Sightings by where they were seen (where_sighted_refs): a location’s country, else its coordinates (a dot) or region; an organisation’s country',
  },
  targeted: {
    label: 'Targeted',
    noun: 'targets relationships',
    ramp: TARGETED_RAMP,
    about: '“targets” relationships by the country of the location or organisation targeted',
  },
};

/** The map's legend: `noun` per country, from 1 (lightest) to `max` (darkest), with the numbers
 *  at its ends; also used by the alert page's map (issue 17, must 4). */
export function MapLegend({ noun, ramp, max }: { noun: string; ramp: Ramp; max: number }) {
  return (
    <figure
      className="map-legend"
      data-testid="map-legend"
      aria-label={`Legend: ${noun} per country, from 1 (lightest) to ${max} (darkest)`}
    >
      <figcaption>{`${noun[0]?.toUpperCase()}${noun.slice(1)} per country`}</figcaption>
      <div className="legend-bar" style={{ background: rampGradient(ramp) }} />
      <div className="legend-ends">
        <span data-testid="legend-min">1</span>
        <span data-testid="legend-max">{max.toLocaleString('en')}</span>
      </div>
      <div className="legend-empty">
        <span className="swatch empty" aria-hidden="true" /> none
      </div>
    </figure>
  );
}

/** Counts per country in a table beside a map: the map's numbers for whoever does not read the
 *  colours (dashboard places, incidents by member state, an alert's places). */
export function PlacesTable({
  label,
  where = 'Where',
  noun,
  counts,
  testId,
  place = (key) => placeName(key),
}: {
  label: string;
  where?: string;
  noun: string;
  counts: readonly { key: string; count: number }[];
  testId?: string;
  /** How a country is shown (a link, for a list filtered by it). */
  place?: (key: string) => ReactNode;
}) {
  return (
    <div className="places-table">
      <table className="grid" aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{where}</th>
            <th scope="col" className="num">
              {noun[0]?.toUpperCase() + noun.slice(1)}
            </th>
          </tr>
        </thead>
        <tbody>
          {counts.map((c) => (
            <tr key={c.key} data-country={c.key}>
              <td>{place(c.key)}</td>
              <td className="num">{c.count.toLocaleString('en')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PlacesPanel({ places, days }: { places: Dashboard['places']; days: number }) {
  const [layer, setLayer] = useState<Layer>('sighted');
  const l = LAYERS[layer];
  const counts = places[layer];
  const max = Math.max(1, ...counts.map((c) => c.count));
  const switcher = (
    <fieldset className="range-control">
      <legend className="sr-only">Map layer</legend>
      {(Object.keys(LAYERS) as Layer[]).map((k) => (
        <button key={k} type="button" aria-pressed={k === layer} className={k === layer ? 'on' : ''} onClick={() => setLayer(k)}>
          {`${LAYERS[k].label} (${places[k].reduce((a, c) => a + c.count, 0)})`}
        </button>
      ))}
    </fieldset>
  );
  return (
    <Panel title="Where threats were sighted and where targets are" className="span-12" testId="places-panel" actions={switcher}>
      <div className="places">
        <WorldMap counts={counts} ramp={l.ramp} noun={l.noun} label={`${l.label}: ${l.noun} per country, last ${days} days`} />
        <div className="places-side">
          <MapLegend noun={l.noun} ramp={l.ramp} max={max} />
          <p className="muted small">{l.about}.</p>
          {counts.length === 0 ? (
            <p className="muted">{`No ${l.noun} in the last ${days} days.`}</p>
          ) : (
            <PlacesTable label={`${l.label}: ${l.noun} per country`} noun={l.noun} counts={counts} />
          )}
        </div>
      </div>
    </Panel>
  );
}
