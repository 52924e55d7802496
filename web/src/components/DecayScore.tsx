// An indicator's decay score and why (issue 17, must 6: "the UI shows the score and why"): the
// number, a flag when it fell below the model's threshold, and the reasons, on hover (title)
// and, for keyboards and screen readers, in a disclosure that expands.
import './sightings.css';
import type { DecayScore } from '../../../src/domain/decay/api.ts';

/** The score's band, for its colour (the number and the words say the same). */
const band = (s: DecayScore): string => (s.expired ? 'expired' : s.score >= 70 ? 'high' : s.score >= 40 ? 'mid' : 'low');

export function DecayScoreView({ score, compact }: { score: DecayScore; compact?: boolean }) {
  const why = score.reasons.join('\n');
  return (
    <span className={`decay${compact ? ' compact' : ''}`} data-testid="decay-score" data-score={score.score}>
      <span className={`score-chip ${band(score)}`} title={why}>
        Score {Math.round(score.score)}
        {score.expired && <span className="sr-only"> (expired)</span>}
      </span>
      {score.expired && !compact && <span className="flag expired">expired</span>}
      <details className="score-why">
        <summary>Why</summary>
        <ul className="plain" aria-label="Why this score">
          {score.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </details>
    </span>
  );
}
