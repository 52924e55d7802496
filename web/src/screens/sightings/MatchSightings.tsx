// A lookup match's sightings when the lookup answer does not carry them: the object's own
// aggregate (GET /objects/{id}/sightings): how many true sightings, and the latest (issue 17, must 3),
// as the lookup counts them.
import { useSightings } from '../../api/sightings.ts';
import { SightingsCell } from '../../components/LookupResults.tsx';

export function MatchSightings({ id }: { id: string }) {
  const q = useSightings(id);
  if (q.error) return <span className="muted">—</span>;
  if (!q.data) return <span className="muted">…</span>;
  return <SightingsCell s={{ count: q.data.sightings, lastSeen: q.data.lastSeen }} />;
}
