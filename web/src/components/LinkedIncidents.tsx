// The incidents an object is linked to (issue 16, must 5): on an object page and under lookup
// results, only when there are some, and only those the reader may see (the server answers
// GET /api/v1/objects/{id}/incidents under the access policy). A lookup asks for each matching
// object, up to MAX_ASKED of them.
import { useQueries } from '@tanstack/react-query';
import { incidentsOfObject, type IncidentRef } from '../api/incidents.ts';
import { Link } from './Link.tsx';

export const MAX_ASKED = 25;

interface Linked extends IncidentRef {
  /** The objects (of those asked about) that link to it, by name. */
  via: string[];
}

/** The incidents linked to any of `objects`, each once, with the objects that link to it. */
export function useLinkedIncidents(objects: { id: string; name: string }[]): Linked[] {
  const asked = objects.slice(0, MAX_ASKED);
  const answers = useQueries({
    queries: asked.map((o) => ({
      queryKey: ['incidents', 'of', o.id],
      queryFn: () => incidentsOfObject(o.id),
      retry: false,
    })),
  });
  const byId = new Map<string, Linked>();
  answers.forEach((a, i) => {
    for (const ref of a.data?.incidents ?? []) {
      const held = byId.get(ref.id) ?? { ...ref, via: [] };
      const name = asked[i]?.name;
      if (name && !held.via.includes(name)) held.via.push(name);
      byId.set(ref.id, held);
    }
  });
  return [...byId.values()];
}

/** A small "Incidents" section; nothing at all when no incident is linked (or may be seen). */
export function LinkedIncidents({ objects, showVia = false }: { objects: { id: string; name: string }[]; showVia?: boolean }) {
  const linked = useLinkedIncidents(objects);
  if (linked.length === 0) return null;
  return (
    <section className="panel linked-incidents" aria-labelledby="linked-incidents" data-testid="linked-incidents">
      <header className="panel-head">
        <h2 id="linked-incidents">Incidents</h2>
      </header>
      <div className="panel-body">
        <ul className="plain">
          {linked.map((i) => (
            <li key={i.id} data-incident={i.id}>
              <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.name}</Link>{' '}
              <span className="muted small">
                {i.status} · {i.relationshipType.replaceAll('-', ' ')}
                {showVia && i.via.length > 0 ? ` · via ${i.via.join(', ')}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
