// "Also seen in" (issue 17, must 5): per observable value of an object, the other objects that
// carry it, drawn from the observables index. A value on a warninglist, or carried by more
// objects than the correlation limit, is said to be so and not expanded (MISP's correlation
// limit). Presentational: the screen fetches.
import './sightings.css';
import type { Correlation, CorrelatedValue, WarninglistHit } from '../../../src/domain/correlation/api.ts';
import { objectPath } from '../router.ts';
import { Link } from './Link.tsx';

/** "on warninglist: Public DNS resolvers — not correlated" */
export function WarninglistFlag({ hits }: { hits: readonly WarninglistHit[] }) {
  if (hits.length === 0) return null;
  return (
    <span className="flag warninglist" data-testid="warninglist-flag" title={hits.map((h) => h.id).join(', ')}>
      on warninglist: {hits.map((h) => h.name).join('; ')} — not correlated
    </span>
  );
}

function ValueRow({ v, limit }: { v: CorrelatedValue; limit: number }) {
  return (
    <li className="correlated" data-value={v.value}>
      <div className="correlated-head">
        <span className="type-tag">{v.kind}</span> <code>{v.value}</code> <WarninglistFlag hits={v.warninglists} />
        {v.tooCommon && v.warninglists.length === 0 && (
          <span className="flag too-common" data-testid="too-common">
            in more than {limit.toLocaleString('en')} objects — too common to correlate
          </span>
        )}
      </div>
      {v.warninglists.length === 0 && !v.tooCommon && (
        <ul className="plain seen-in">
          {v.seenIn.length === 0 && <li className="muted">nowhere else you may see</li>}
          {v.seenIn.map((o) => (
            <li key={o.id}>
              <Link to={objectPath(o.id)}>{o.name ?? o.id}</Link> <span className="type-tag">{o.type}</span>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function AlsoSeenIn({ c }: { c: Correlation }) {
  if (c.values.length === 0) return <p className="muted">This object carries no observable value.</p>;
  return (
    <ul className="plain also-seen-in" data-testid="also-seen-in" aria-label="Observable values and where else they are seen">
      {c.values.map((v) => (
        <ValueRow key={`${v.kind}\u0000${v.value}`} v={v} limit={c.limit} />
      ))}
    </ul>
  );
}
