// The incident page (issue 16, must 9): the marking banner top and bottom, the summary, the clock
// of every NIS2 stage with the button that writes its report, then tabs: the timeline, tasks,
// impacts, linked intelligence, notes, reports, the CSIRT's answers and the shares. Each action
// is offered only when the server says the reader may take it (IncidentDetail.can).
import { useState } from 'react';
import { MarkingBanner } from '../../../components/MarkingBanner.tsx';
import { Status } from '../../../components/Panel.tsx';
import { Tabs } from '../../../components/Tabs.tsx';
import { bannerOfMarking } from '../banner.ts';
import { useIncident } from './action.ts';
import { Answers } from './Answers.tsx';
import { Impacts } from './Impacts.tsx';
import { Linked } from './Linked.tsx';
import { Notes } from './Notes.tsx';
import { Reports } from './Reports.tsx';
import { Shares } from './Shares.tsx';
import { Clocks, Summary } from './Summary.tsx';
import { Tasks } from './Tasks.tsx';
import { Timeline } from './Timeline.tsx';
import '../../write/write.css';
import '../incidents-page.css';

const n = (xs: readonly unknown[]): string => (xs.length ? ` (${xs.length})` : '');

export function IncidentPage({ id }: { id: string }) {
  const q = useIncident(id);
  const [tab, setTab] = useState('timeline');
  const d = q.data;
  const banner = bannerOfMarking(d?.row.marking);
  return (
    <div className="page incident-page">
      <MarkingBanner banner={banner} position="top" />
      <Status loading={q.isPending} error={q.error}>
        {d && (
          <>
            <Summary detail={d} />
            <Clocks detail={d} />
            <Tabs
              label="Incident"
              active={tab}
              onChange={setTab}
              tabs={[
                { id: 'timeline', label: `Timeline${n(d.events)}`, content: () => <Timeline detail={d} /> },
                { id: 'tasks', label: `Tasks${n([...new Set(d.tasks.map((t) => t.id))])}`, content: () => <Tasks detail={d} /> },
                { id: 'impacts', label: `Impacts${n([...new Set(d.impacts.map((t) => t.id))])}`, content: () => <Impacts detail={d} /> },
                { id: 'linked', label: `Linked intelligence${n(d.links)}`, content: () => <Linked detail={d} /> },
                { id: 'notes', label: `Notes${n(d.notes)}`, content: () => <Notes detail={d} /> },
                { id: 'reports', label: `Reports${n(d.reports)}`, content: () => <Reports detail={d} /> },
                { id: 'answers', label: `CSIRT answers${n(d.answers)}`, content: () => <Answers detail={d} /> },
                { id: 'shares', label: `Shares${n(d.shares)}`, content: () => <Shares detail={d} /> },
              ]}
            />
          </>
        )}
      </Status>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
