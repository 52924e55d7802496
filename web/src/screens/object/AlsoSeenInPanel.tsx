// "Also seen in" on the object page (issue 17, must 5).
import { useCorrelations } from '../../api/correlation.ts';
import { AlsoSeenIn } from '../../components/AlsoSeenIn.tsx';
import { Panel, Status } from '../../components/Panel.tsx';

export function AlsoSeenInPanel({ id }: { id: string }) {
  const q = useCorrelations(id);
  return (
    <Panel title="Also seen in" testId="also-seen-in-panel">
      <Status loading={q.isPending} error={q.error}>
        {q.data && <AlsoSeenIn c={q.data} />}
      </Status>
    </Panel>
  );
}
