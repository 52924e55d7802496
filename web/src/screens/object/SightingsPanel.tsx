// The sightings of the object on its page (issue 17, musts 3 and 7), with "we saw this".
import { useSightings } from '../../api/sightings.ts';
import { Panel, Status } from '../../components/Panel.tsx';
import { SightingSummary } from '../../components/SightingSummary.tsx';
import { WeSawThis } from '../sightings/WeSawThis.tsx';
import '../dashboard/dashboard.css';

export function SightingsPanel({ id, name }: { id: string; name: string }) {
  const q = useSightings(id);
  return (
    <Panel title="Sightings" testId="sightings-panel" actions={<WeSawThis id={id} name={name} />}>
      <Status loading={q.isPending} error={q.error}>
        {q.data && <SightingSummary a={q.data} />}
      </Status>
    </Panel>
  );
}
