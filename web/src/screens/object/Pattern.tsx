// An indicator's pattern in monospace, with the observables it contains, each a lookup away
// (issue 15, must 3), and its validity window.
import { kindLabel } from '../../components/LookupResults.tsx';
import { Link } from '../../components/Link.tsx';
import { patternObservables } from '../../format/pattern.ts';
import { lookupPath } from '../../router.ts';

export function Pattern({ pattern, patternType }: { pattern: string; patternType: string }) {
  const { observables, error } = patternObservables(pattern, patternType);
  return (
    <div className="pattern-box">
      <pre className="pattern" data-testid="pattern">
        {pattern}
      </pre>
      {patternType !== 'stix' && <p className="muted small">{patternType} pattern: observables are read from STIX patterns only.</p>}
      {error && <p className="error small">This pattern does not parse: {error}</p>}
      {observables.length > 0 && (
        <table className="grid" aria-label="Observables in the pattern">
          <thead>
            <tr>
              <th scope="col">Observable</th>
              <th scope="col">Kind</th>
            </tr>
          </thead>
          <tbody>
            {observables.map((o) => (
              <tr key={`${o.kind}|${o.value}`}>
                <td>
                  <Link to={lookupPath(o.value)} title={`Look up ${o.value}`}>
                    {o.value}
                  </Link>
                </td>
                <td className="muted">{kindLabel(o.kind, o.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
