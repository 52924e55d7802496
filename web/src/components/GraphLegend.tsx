// The graph's legend, which is also its filter (issue 15, must 6): each object type with its
// shape and colour, each relationship type with its stroke, the count of each on the graph, and
// a checkbox that shows or hides it; then what the markers mean.
import type { GraphFilter } from '../graph/filters.ts';
import { type LegendEntries, REFERENCE_STYLE } from '../graph/legend.ts';
import { EdgeSwatch, TypeSwatch } from './GraphShapes.tsx';

export interface GraphLegendProps extends LegendEntries {
  filter: GraphFilter;
  onToggleType: (type: string) => void;
  onToggleRelation: (label: string) => void;
}

export function GraphLegend({ types, relations, filter, onToggleType, onToggleRelation }: GraphLegendProps) {
  return (
    <div className="graph-legend" data-testid="graph-legend">
      <fieldset>
        <legend>Object types</legend>
        {types.map((t) => (
          <label key={t.type} className="legend-row">
            <input
              type="checkbox"
              aria-label={`Show ${t.type} (${t.count})`}
              checked={!filter.hiddenTypes.has(t.type)}
              onChange={() => onToggleType(t.type)}
            />
            <TypeSwatch type={t.type} />
            <span className="legend-name">{t.type}</span>
            <span className="legend-count">{t.count}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Relationship types</legend>
        {relations.length === 0 && <p className="muted small">No links on the graph.</p>}
        {relations.map((r) => {
          const st = r.style;
          return (
            <label key={r.label} className="legend-row">
              <input
                type="checkbox"
                aria-label={`Show ${r.label} links (${r.count})`}
                checked={!filter.hiddenRelations.has(r.label)}
                onChange={() => onToggleRelation(r.label)}
              />
              <EdgeSwatch colour={st.colour} dash={st.dash} />
              <span className="legend-name">
                {r.label}
                {r.kind === 'reference' && <span className="muted"> (reference)</span>}
              </span>
              <span className="legend-count">{r.count}</span>
            </label>
          );
        })}
      </fieldset>
      <dl className="legend-markers" aria-label="What the markers mean">
        <dt>
          <svg className="swatch" width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
            <circle r="6" fill="#768390" />
            <text y="3.5" textAnchor="middle" className="plus">
              +
            </text>
          </svg>
        </dt>
        <dd>not expanded yet: double-click or Enter brings its neighbours</dd>
        <dt>
          <EdgeSwatch colour="#909dab" dash="" />
        </dt>
        <dd>a relationship, from its source to its target</dd>
        <dt>
          <EdgeSwatch colour={REFERENCE_STYLE.colour} dash={REFERENCE_STYLE.dash} />
        </dt>
        <dd>a reference inside an object (created by, object refs…)</dd>
        <dt>
          <svg className="swatch" width="16" height="16" viewBox="-8 -8 16 16" aria-hidden="true">
            <circle r="5" fill="#768390" stroke="#fff" strokeWidth="2" />
          </svg>
        </dt>
        <dd>selected: its links are highlighted</dd>
        <dt className="muted small">size</dt>
        <dd>larger nodes have more links; zoomed out, only they keep their names</dd>
      </dl>
    </div>
  );
}
