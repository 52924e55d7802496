// A choropleth by country: the world and Europe, drawn from Natural Earth's 1:110m country shapes
// bundled with the app (world-atlas), never from map tiles on the internet. Plate carrée
// projection; the Europe view is narrowed by cos(50°) so that shapes keep their proportions at
// that latitude. More is darker, on a scale from 1 to the largest count (issue 15, must 7).
import { useMemo } from 'react';
import { feature } from 'topojson-client';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import countries from 'i18n-iso-countries';
import atlas from 'world-atlas/countries-110m.json';
import type { Count } from '../api/dashboard.ts';
import { rampColour, type Ramp } from './ramp.ts';

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

let names: Map<string, string> | undefined;
/** The English name of an ISO 3166-1 alpha-2 country, from the bundled shapes; the code otherwise. */
export function countryName(alpha2: string): string {
  names ??= new Map(allShapes().map((s) => [s.id, s.name]));
  const numeric = countries.alpha2ToNumeric(alpha2);
  return (numeric && names.get(numeric)) || alpha2;
}

/** A place key of the dashboard (domain/dashboard/types.ts PlaceLayers) as a reader names it. */
export function placeName(key: string): string {
  if (key.startsWith('region:')) return `Region ${key.slice(7)}`;
  const point = pointOf(key);
  if (point) return `Point ${point.lat.toFixed(2)}, ${point.lon.toFixed(2)}`;
  return `${countryName(key)} (${key})`;
}

/** The coordinates of a `@<latitude>,<longitude>` key (a location with no country). */
function pointOf(key: string): { lat: number; lon: number } | undefined {
  const m = /^@(-?[\d.]+),(-?[\d.]+)$/.exec(key);
  return m ? { lat: Number(m[1]), lon: Number(m[2]) } : undefined;
}

interface Hit {
  n: number;
  code: string;
}

function MapView({
  label,
  viewBox,
  transform,
  byNumeric,
  points,
  max,
  ramp,
  noun,
  xScale = 1,
  radius,
}: {
  label: string;
  viewBox: string;
  transform?: string;
  byNumeric: Map<string, Hit>;
  points: { lat: number; lon: number; n: number; key: string }[];
  max: number;
  ramp: Ramp;
  noun: string;
  /** Horizontal scale of the view (the Europe view narrows x); points stay round. */
  xScale?: number;
  /** A point's radius in degrees of latitude. */
  radius: number;
}) {
  return (
    <svg viewBox={viewBox} className="map" role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
      <g transform={transform}>
        {allShapes().map((s, i) => {
          const hit = byNumeric.get(s.id);
          const n = hit?.n ?? 0;
          return (
            <path
              // biome-ignore lint/suspicious/noArrayIndexKey: the shapes are a fixed list (never reordered) and one country id can have several shapes
              key={`${s.id}-${i}`}
              d={s.d}
              fill={n > 0 ? rampColour(ramp, n / max) : 'var(--map-empty)'}
              className={n > 0 ? 'country hit' : 'country'}
              data-country={hit?.code}
              data-count={n > 0 ? n : undefined}
            >
              <title>{`${s.name}: ${n.toLocaleString('en')} ${noun}`}</title>
            </path>
          );
        })}
        {points.map((p) => (
          <ellipse
            key={p.key}
            cx={p.lon}
            cy={-p.lat}
            rx={radius / xScale}
            ry={radius}
            fill={rampColour(ramp, p.n / max)}
            className="point"
            data-point={p.key}
            data-count={p.n}
          >
            <title>{`${placeName(p.key)}: ${p.n.toLocaleString('en')} ${noun}`}</title>
          </ellipse>
        ))}
      </g>
    </svg>
  );
}

const EUROPE_SCALE = Math.cos((50 * Math.PI) / 180);

/** The world and Europe coloured by `counts` (alpha-2 keys) on `ramp`; `noun` names what is counted. */
export function WorldMap({ counts, ramp, noun, label }: { counts: Count[]; ramp: Ramp; noun: string; label: string }) {
  const byNumeric = useMemo(() => {
    const m = new Map<string, Hit>();
    for (const c of counts) {
      const numeric = countries.alpha2ToNumeric(c.key);
      if (numeric) m.set(numeric, { n: c.count, code: c.key });
    }
    return m;
  }, [counts]);
  const points = useMemo(
    () =>
      counts.flatMap((c) => {
        const p = pointOf(c.key);
        return p ? [{ ...p, n: c.count, key: c.key }] : [];
      }),
    [counts],
  );
  const max = Math.max(1, ...counts.map((c) => c.count));
  const ex = (-25 * EUROPE_SCALE).toFixed(1);
  const ew = (70 * EUROPE_SCALE).toFixed(1);
  const common = { byNumeric, points, max, ramp, noun };
  return (
    <div className="maps" data-testid="map">
      <MapView label={`${label}, world`} viewBox="-170 -62 360 148" radius={1.8} {...common} />
      <MapView
        label={`${label}, Europe`}
        viewBox={`${ex} -72 ${ew} 38`}
        transform={`scale(${EUROPE_SCALE} 1)`}
        xScale={EUROPE_SCALE}
        radius={0.6}
        {...common}
      />
    </div>
  );
}
