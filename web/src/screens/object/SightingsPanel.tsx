// The sightings of the object on its page (issue 17, musts 3 and 7), with "we saw this".
import { useSightings } from '../../api/sightings.ts';
import { Panel, Status } from '../../components/Panel.tsx';
import { SightingSummary } from '../../components/SightingSummary.tsx';
import { WeSawThis } from '../sightings/WeSawThis.tsx';
import '../dashboard/dashboard.css';

/** `record`: whether "We saw this" is offered (an observable is sighted through its indicators). */
export function SightingsPanel({ id, name, record }: { id: string; name: string; record: boolean }) {
  const q = useSightings(id);
  return (
    <Panel title="Sightings" testId="sightings-panel" actions={record ? <WeSawThis id={id} name={name} /> : undefined}>
      <Status loading={q.isPending} error={q.error}>
        {q.data && <SightingSummary a={q.data} />}
      </Status>
    </Panel>
  );
}
