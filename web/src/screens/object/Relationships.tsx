// Relationships, sightings and references around the object, each end named (issue 15, must 3).
import type { Neighbourhood, Stix } from '../../api/objects.ts';
import { Link } from '../../components/Link.tsx';
import { titleOf } from '../../format/object-title.ts';
import { propertyName, typeName } from '../../format/stix-names.ts';
import { objectPath } from '../../router.ts';
import type { Names } from './Properties.tsx';

function Far({ id, byId, names }: { id: string; byId: Map<string, Stix>; names: Names }) {
  const o = byId.get(id);
  return o ? (
    <Link to={objectPath(o.id)}>{titleOf(o, names)}</Link>
  ) : (
    <span className="muted" title={id}>
      {id}
    </span>
  );
}

export function Relationships({ id, n, names }: { id: string; n: Neighbourhood | undefined; names: Names }) {
  if (!n) return <p className="muted">Loading…</p>;
  const byId = new Map(n.objects.map((o) => [o.id, o]));
  const isRel = (t: string | undefined): boolean => t === 'relationship' || t === 'sighting';
  const touches = (o: Stix): boolean => o['source_ref'] === id || o['target_ref'] === id || o['sighting_of_ref'] === id;
  const rels = n.objects.filter((o) => isRel(o.type) && o.id !== id && touches(o));
  // One row per (source, property, target): a list property may name the same object twice.
  const refs = [
    ...new Map(
      n.edges
        // Edges between two neighbours (the ATT&CK collection naming each of them) are not the object's.
        .filter((e) => (e.source === id || e.target === id) && !isRel(byId.get(e.source)?.type) && e.property !== 'object_marking_refs')
        .map((e) => [`${e.source}-${e.property}-${e.target}`, e]),
    ).values(),
  ];
  const other = (r: Stix): string =>
    r['source_ref'] === id ? String(r['target_ref'] ?? '') : String(r['source_ref'] ?? r['sighting_of_ref'] ?? '');
  return (
    <div className="table-scroll">
      <table className="grid" aria-label="Relationships">
        <thead>
          <tr>
            <th scope="col">Relationship</th>
            <th scope="col">Direction</th>
            <th scope="col">Object</th>
            <th scope="col">Type</th>
          </tr>
        </thead>
        <tbody>
          {rels.map((r) => (
            <tr key={r.id}>
              <td>
                <Link to={objectPath(r.id)}>{r.type === 'sighting' ? 'sighting' : String(r['relationship_type'] ?? r.type)}</Link>
              </td>
              <td>{r['source_ref'] === id ? '→' : '←'}</td>
              <td>
                <Far id={other(r)} byId={byId} names={names} />
              </td>
              <td>{typeName(byId.get(other(r))?.type ?? '')}</td>
            </tr>
          ))}
          {refs.map((e) => {
            const far = e.source === id ? e.target : e.source;
            return (
              <tr key={`${e.source}-${e.property}-${e.target}`}>
                <td>{propertyName(e.property)}</td>
                <td>{e.source === id ? '→' : '←'}</td>
                <td>
                  <Far id={far} byId={byId} names={names} />
                </td>
                <td>{typeName(byId.get(far)?.type ?? '')}</td>
              </tr>
            );
          })}
          {rels.length + refs.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No relationships you can see.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
