// A choropleth of objects by country: the world and Europe, drawn from Natural Earth's 1:110m
// country shapes bundled with the app (world-atlas), never from map tiles on the internet.
// Plate carrée projection; the Europe view is narrowed by cos(50°) so that shapes keep their
// proportions at that latitude.
import { useMemo } from 'react';
import { feature } from 'topojson-client';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import countries from 'i18n-iso-countries';
import atlas from 'world-atlas/countries-110m.json';
import type { Count } from '../api/dashboard.ts';

interface Shape {
  id: string;
  name: string;
  d: string;
}

/** A ring as SVG path data; a step across the antimeridian starts a new subpath rather than
 *  drawing a line across the whole map (Russia and Fiji cross it). */
function ringPath(ring: number[][]): string {
  let d = '';
  let prev: number | undefined;
  for (const [lon = 0, lat = 0] of ring) {
    d += `${prev === undefined || Math.abs(lon - prev) > 180 ? 'M' : 'L'}${lon.toFixed(2)},${(-lat).toFixed(2)}`;
    prev = lon;
  }
  return d;
}

/** Antarctica (ISO 3166-1 numeric 010) holds no organisations and takes a band of the map. */
const LEFT_OUT = new Set(['010']);

function pathOf(g: Geometry | null): string {
  if (g === null) return '';
  if (g.type === 'Polygon') return (g as Polygon).coordinates.map(ringPath).join('');
  if (g.type === 'MultiPolygon') return (g as MultiPolygon).coordinates.flatMap((p) => p.map(ringPath)).join('');
  return '';
}

let shapes: Shape[] | undefined;
/** The country shapes, projected once. */
function allShapes(): Shape[] {
  if (shapes) return shapes;
  const fc = feature(atlas, atlas.objects.countries);
  shapes = fc.features
    .filter((f) => !LEFT_OUT.has(String(f.id ?? '')))
    .map((f: Feature<Geometry, { name: string }>) => ({ id: String(f.id ?? ''), name: f.properties.name, d: pathOf(f.geometry) }));
  return shapes;
}

/** Colour of a count on a log scale from dim to bright. */
function colour(n: number, max: number): string {
  if (n <= 0) return 'var(--map-empty)';
  const t = Math.log1p(n) / Math.log1p(max);
  const l = 28 + 42 * t;
  return `hsl(197 85% ${l.toFixed(0)}%)`;
}

function MapView({
  label,
  viewBox,
  transform,
  byNumeric,
  max,
}: {
  label: string;
  viewBox: string;
  transform?: string;
  byNumeric: Map<string, { n: number; code: string }>;
  max: number;
}) {
  return (
    <svg viewBox={viewBox} className="map" role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
      <g transform={transform}>
        {allShapes().map((s, i) => {
          const hit = byNumeric.get(s.id);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the shapes are a fixed list (never reordered) and one country id can have several shapes
            <path key={`${s.id}-${i}`} d={s.d} fill={colour(hit?.n ?? 0, max)} className="country" data-country={hit?.code}>
              <title>{`${s.name}: ${hit?.n ?? 0}`}</title>
            </path>
          );
        })}
      </g>
    </svg>
  );
}

const EUROPE_SCALE = Math.cos((50 * Math.PI) / 180);

export function WorldMap({ counts }: { counts: Count[] }) {
  const byNumeric = useMemo(() => {
    const m = new Map<string, { n: number; code: string }>();
    for (const c of counts) {
      const numeric = countries.alpha2ToNumeric(c.key);
      if (numeric) m.set(numeric, { n: c.count, code: c.key });
    }
    return m;
  }, [counts]);
  const max = Math.max(1, ...counts.filter((c) => c.key !== 'unknown').map((c) => c.count));
  const ex = (-25 * EUROPE_SCALE).toFixed(1);
  const ew = (70 * EUROPE_SCALE).toFixed(1);
  return (
    <div className="maps" data-testid="map">
      <MapView label="Objects by country of the owning organisation, world" viewBox="-170 -84 360 142" byNumeric={byNumeric} max={max} />
      <MapView
        label="Objects by country of the owning organisation, Europe"
        viewBox={`${ex} -72 ${ew} 38`}
        transform={`scale(${EUROPE_SCALE} 1)`}
        byNumeric={byNumeric}
        max={max}
      />
    </div>
  );
}
