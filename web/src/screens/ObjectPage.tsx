// One object: marking banner top and bottom, properties, relationships, versions, raw JSON.
import { useState, type ReactNode } from 'react';
import { bannerOf, displayName, useNeighbourhood, useObject, useVersions, type Neighbourhood, type Stix } from '../api/objects.ts';
import { Link } from '../components/Link.tsx';
import { MarkingBanner } from '../components/MarkingBanner.tsx';
import { Status } from '../components/Panel.tsx';
import { Tabs } from '../components/Tabs.tsx';
import { formatDateTime } from '../format/dates.ts';
import { objectPath } from '../router.ts';

const ID = /^[a-z0-9-]+--[0-9a-f-]{36}$/;

function value(v: unknown): ReactNode {
  if (typeof v === 'string' && ID.test(v)) return <Link to={objectPath(v)}>{v}</Link>;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    return (
      <ul className="plain">
        {v.map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list of strings that may repeat; it is never reordered
          <li key={i}>{value(x)}</li>
        ))}
      </ul>
    );
  if (typeof v === 'object' && v !== null) return <pre className="inline-json">{JSON.stringify(v, null, 2)}</pre>;
  return String(v);
}

function Properties({ o }: { o: Stix }) {
  return (
    <table className="grid props" aria-label="Properties">
      <tbody>
        {Object.entries(o).map(([k, v]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{value(v)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Relationships({ id, n }: { id: string; n: Neighbourhood | undefined }) {
  if (!n) return <p className="muted">Loading…</p>;
  const byId = new Map(n.objects.map((o) => [o.id, o]));
  const rels = n.objects.filter((o) => o.type === 'relationship' || o.type === 'sighting');
  const refs = n.edges.filter((e) => !byId.get(e.source)?.type.match(/^(relationship|sighting)$/) && e.property !== 'object_marking_refs');
  const other = (r: Stix): string =>
    r['source_ref'] === id ? String(r['target_ref'] ?? '') : String(r['source_ref'] ?? r['sighting_of_ref'] ?? '');
  return (
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
        {rels.map((r) => {
          const o = byId.get(other(r));
          return (
            <tr key={r.id}>
              <td>
                <Link to={objectPath(r.id)}>{String(r['relationship_type'] ?? r.type)}</Link>
              </td>
              <td>{r['source_ref'] === id ? '→' : '←'}</td>
              <td>{o ? <Link to={objectPath(o.id)}>{displayName(o)}</Link> : <span className="muted">{other(r)}</span>}</td>
              <td>{o?.type ?? ''}</td>
            </tr>
          );
        })}
        {refs.map((e) => {
          const far = e.source === id ? e.target : e.source;
          const o = byId.get(far);
          return (
            <tr key={`${e.source}-${e.property}-${e.target}`}>
              <td>{e.property}</td>
              <td>{e.source === id ? '→' : '←'}</td>
              <td>{o ? <Link to={objectPath(o.id)}>{displayName(o)}</Link> : <span className="muted">{far}</span>}</td>
              <td>{o?.type ?? ''}</td>
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
  );
}

function Versions({ id }: { id: string }) {
  const v = useVersions(id);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Status loading={v.isPending} error={v.error}>
      <ol className="timeline" aria-label="Versions, oldest first">
        {(v.data?.versions ?? []).map((x, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: versions may repeat or be missing; the list is a fixed history, never reordered
          <li key={`${x.version}-${i}`}>
            <button type="button" className="ghost" aria-expanded={open === i} onClick={() => setOpen(open === i ? null : i)}>
              {x.version ?? '(unversioned)'}
            </button>
            <span className="muted"> stored {formatDateTime(x.added_at, { seconds: true })}</span>
            {open === i && <pre className="json">{JSON.stringify(x.object, null, 2)}</pre>}
          </li>
        ))}
      </ol>
    </Status>
  );
}

export function ObjectPage({ id }: { id: string }) {
  const obj = useObject(id);
  const n = useNeighbourhood(id);
  const [tab, setTab] = useState('props');
  const shown = [id, ...(tab === 'rels' ? (n.data?.objects.map((o) => o.id) ?? []) : [])];
  // The neighbourhood (the object included) carries the markings of what it holds (issue 15, must 1).
  const banner = n.data ? bannerOf(shown.flatMap((k) => n.data.markings?.[k] ?? [])) : undefined;
  const o = obj.data;
  return (
    <div className="page">
      <MarkingBanner banner={banner} position="top" />
      <Status loading={obj.isPending} error={obj.error}>
        {o && (
          <>
            <div className="page-head">
              <span className="type-tag">{o.type}</span>
              <h1 data-testid="object-title">{displayName(o)}</h1>
              <Link className="button" to={`${objectPath(id)}/graph`}>
                Graph
              </Link>
            </div>
            <p className="muted">
              <code>{o.id}</code>
            </p>
            <Tabs
              label="Object"
              active={tab}
              onChange={setTab}
              tabs={[
                { id: 'props', label: 'Properties', content: () => <Properties o={o} /> },
                { id: 'rels', label: 'Relationships', content: () => <Relationships id={id} n={n.data} /> },
                { id: 'versions', label: 'Versions', content: () => <Versions id={id} /> },
                {
                  id: 'raw',
                  label: 'Raw JSON',
                  content: () => (
                    <pre className="json" data-testid="raw-json">
                      {JSON.stringify(o, null, 2)}
                    </pre>
                  ),
                },
              ]}
            />
          </>
        )}
      </Status>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
