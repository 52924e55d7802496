// The alert page's evidence (issue 17, must 4): the objects sighted, each linking to its page, and
// the sightings that made the alert fire, as far as the reader may read them. Each sighting is read
// with its neighbourhood, which brings the sighted object and the sighters the reader may know,
// with their markings for the page's banner. Who sighted is shown as the sighting discloses it
// (must 2): by name, by country and sector, or not at all.
import { useQueries } from '@tanstack/react-query';
import { CONCORD_SIGHTING_EXTENSION_ID, type ConcordSightingExtension } from '../../../../src/domain/sightings/api.ts';
import type { AlertView } from '../../api/alerts.ts';
import { displayName, fetchNeighbourhood, type Neighbourhood, type ObjectMarking, type Stix } from '../../api/objects.ts';
import { Link } from '../../components/Link.tsx';
import { TlpChip } from '../../components/MarkingBanner.tsx';
import { Panel } from '../../components/Panel.tsx';
import { countryName } from '../../components/WorldMap.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { objectPath } from '../../router.ts';
import { sectorName } from '../incidents/names.ts';

/** At most this many sightings are read one by one; the alert's counts cover the rest. */
export const SIGHTINGS_SHOWN = 50;

export interface Evidence {
  objects: Map<string, Stix>;
  markings: Map<string, ObjectMarking>;
  loading: boolean;
}

/** Folds the neighbourhoods read so far into one map of objects and one of markings. */
function combine(results: { data?: Neighbourhood; isPending: boolean }[]): Evidence {
  const objects = new Map<string, Stix>();
  const markings = new Map<string, ObjectMarking>();
  for (const r of results) {
    for (const o of r.data?.objects ?? []) objects.set(o.id, o);
    for (const [id, m] of Object.entries(r.data?.markings ?? {})) markings.set(id, m);
  }
  return { objects, markings, loading: results.some((r) => r.isPending) };
}

/** The sightings of `alert` (up to SIGHTINGS_SHOWN) with what they reference. */
export function useEvidence(alert: AlertView | undefined): Evidence {
  const refs = alert?.sightingRefs.slice(0, SIGHTINGS_SHOWN) ?? [];
  return useQueries({
    queries: refs.map((id) => ({ queryKey: ['neighbourhood', id], queryFn: () => fetchNeighbourhood(id) })),
    combine,
  });
}

const extensionOf = (s: Stix): Partial<ConcordSightingExtension> => {
  const ext = (s['extensions'] as Record<string, unknown> | undefined)?.[CONCORD_SIGHTING_EXTENSION_ID];
  return typeof ext === 'object' && ext !== null ? (ext as Partial<ConcordSightingExtension>) : {};
};

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Who sighted, as the sighting discloses it to this reader. */
function sighterText(s: Stix, objects: Map<string, Stix>): string {
  const ext = extensionOf(s);
  const named = strings(s['where_sighted_refs'])
    .map((id) => objects.get(id))
    .filter((o): o is Stix => o !== undefined)
    .map(displayName);
  const where = ext.country ? `${countryName(ext.country)} (${ext.country})` : null;
  const sectors = (ext.sectors ?? []).map((k) => sectorName(k)).join(', ');
  if (named.length > 0) return [named.join(', '), where].filter(Boolean).join(', ');
  if (where) return `An organisation in ${where}${sectors ? `, ${sectors}` : ''}`;
  return 'Undisclosed organisation';
}

export function SightedObjects({ alert, evidence }: { alert: AlertView; evidence: Evidence }) {
  return (
    <Panel title={`Sighted objects (${alert.objectRefs.length})`} testId="alert-objects">
      {alert.objectRefs.length === 0 ? (
        <p className="muted">None you may read.</p>
      ) : (
        <ul className="object-list" aria-label="Sighted objects">
          {alert.objectRefs.map((id) => {
            const o = evidence.objects.get(id);
            return (
              <li key={id}>
                <span className="type-tag">{o?.type ?? id.split('--')[0]}</span>
                <Link to={objectPath(id)}>{o ? displayName(o) : id}</Link>
                <span className="right">
                  <TlpChip tlp={evidence.markings.get(id)?.tlp} />
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </Panel>
  );
}

function SightingRow({ id, evidence }: { id: string; evidence: Evidence }) {
  const s = evidence.objects.get(id);
  if (!s)
    return (
      <tr>
        <td colSpan={6}>
          <Link to={objectPath(id)}>{id}</Link>
          {evidence.loading ? <span className="muted"> (loading…)</span> : null}
        </td>
      </tr>
    );
  const of = typeof s['sighting_of_ref'] === 'string' ? s['sighting_of_ref'] : '';
  const first = typeof s['first_seen'] === 'string' ? s['first_seen'] : null;
  const last = typeof s['last_seen'] === 'string' ? s['last_seen'] : first;
  return (
    <tr data-sighting={id} data-testid="alert-sighting">
      <td>
        <Link to={objectPath(id)}>{formatDateTime(first)}</Link>
        {last && last !== first ? <div className="muted small">{`to ${formatDateTime(last)}`}</div> : null}
      </td>
      <td>{sighterText(s, evidence.objects)}</td>
      <td>{of ? <Link to={objectPath(of)}>{displayName(evidence.objects.get(of)) || of}</Link> : '—'}</td>
      <td className="num">{typeof s['count'] === 'number' ? s['count'].toLocaleString('en') : '1'}</td>
      <td>{(extensionOf(s).sighting_type ?? 'sighting').replace('-', ' ')}</td>
      <td>
        <TlpChip tlp={evidence.markings.get(id)?.tlp} />
      </td>
    </tr>
  );
}

export function AlertSightings({ alert, evidence }: { alert: AlertView; evidence: Evidence }) {
  const shown = alert.sightingRefs.slice(0, SIGHTINGS_SHOWN);
  const more = alert.sightingRefs.length - shown.length;
  return (
    <Panel title={`Sightings that made it fire (${alert.sightingRefs.length})`} testId="alert-sightings">
      {shown.length === 0 ? (
        <p className="muted">None you may read: the alert's counts include sightings shared with others only.</p>
      ) : (
        <div className="table-scroll">
          <table className="grid" aria-label="Sightings that made the alert fire">
            <thead>
              <tr>
                <th scope="col">Seen</th>
                <th scope="col">By</th>
                <th scope="col">Of</th>
                <th scope="col" className="num">
                  Count
                </th>
                <th scope="col">Says</th>
                <th scope="col">TLP</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((id) => (
                <SightingRow key={id} id={id} evidence={evidence} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more > 0 && <p className="muted small">{`And ${more} more, counted in the totals above.`}</p>}
    </Panel>
  );
}
