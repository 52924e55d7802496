// Facets of the current search (issue 15, must 5): counts by type, TLP, owner and label over what
// the reader may see; a click filters by the value, a second click removes it.
import type { FacetCount, Facets as FacetData, SearchFilters, Total } from '../../api/objects.ts';
import { tlpText } from '../../components/MarkingBanner.tsx';
import { toggled } from './query.ts';

const GROUPS = [
  { key: 'type', title: 'Type', param: 'type' },
  { key: 'tlp', title: 'TLP', param: 'tlp' },
  { key: 'owner', title: 'Owner', param: 'owner' },
  { key: 'label', title: 'Label', param: 'label' },
] as const;

export function Facets({
  facets,
  total,
  filters,
  onFilter,
}: {
  facets: FacetData | undefined;
  total: Total | undefined;
  filters: SearchFilters;
  onFilter: (f: SearchFilters) => void;
}) {
  if (!facets) return <p className="muted">Counting…</p>;
  const label = (g: (typeof GROUPS)[number], f: FacetCount): string =>
    g.key === 'tlp' ? tlpText(f.value) : g.key === 'owner' ? (f.name ?? f.value) : f.value;
  return (
    <nav className="facets" aria-label="Facets">
      {total && !total.exact && <p className="muted small">Counted over the first {total.count.toLocaleString('en')} matches.</p>}
      {GROUPS.map((g) => {
        const values = facets[g.key];
        const active = new Set((filters[g.param] ?? '').split(','));
        return (
          // Unlabelled: a label "Type" would also answer to the search form's Type field.
          <section key={g.key} data-facet={g.key}>
            <h2>{g.title}</h2>
            {values.length === 0 && <p className="muted small">none</p>}
            <ul>
              {values.map((f) => (
                <li key={f.value}>
                  <button
                    type="button"
                    className="facet"
                    aria-pressed={active.has(f.value)}
                    title={label(g, f)}
                    onClick={() => onFilter({ ...filters, [g.param]: toggled(filters[g.param], f.value) })}
                  >
                    <span className="facet-name">{label(g, f)}</span>
                    <span className="facet-count">{f.count.toLocaleString('en')}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
