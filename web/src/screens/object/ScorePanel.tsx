// An indicator's decay score and why on its page (issue 17, must 6).
import { useScore } from '../../api/decay.ts';
import { DecayScoreView } from '../../components/DecayScore.tsx';
import { Panel, Status } from '../../components/Panel.tsx';

export function ScorePanel({ id }: { id: string }) {
  const q = useScore(id);
  return (
    <Panel title="Score" testId="score-panel">
      <Status loading={q.isPending} error={q.error}>
        {q.data && (
          <>
            <DecayScoreView score={q.data} />
            <p className="muted small">
              Model: {q.data.kind}; age {Math.round(q.data.ageDays)} days
            </p>
          </>
        )}
      </Status>
    </Panel>
  );
}
