// The CSIRT's inbox (issue 16, must 9; NIS2 Art. 23(5)): reports of its constituency it has not
// answered yet, oldest first, each with the CSIRT's own clock for its answer (24 hours after an
// early warning) read at a ticking now; each opens the incident page, where the answer is written.
import type { InboxItem, StageClock } from '../../api/incidents.ts';
import { Link } from '../../components/Link.tsx';
import { MarkingBanner } from '../../components/MarkingBanner.tsx';
import { Status } from '../../components/Panel.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { ClockChip, STAGE_NAMES } from './clock.tsx';
import { incidentPath } from './list-table.tsx';
import { bannerOfMarkings } from './marking.ts';
import { IncidentsNav } from './nav.tsx';
import { useNow } from './now.ts';
import { useInbox } from './queries.ts';
import './incidents.css';

/** The CSIRT's answer clock of an item, as every incident screen shows a clock; null when no
 *  provision sets one for this stage. */
export function answerClock(item: InboxItem, now: number): StageClock | null {
  if (item.answerDueAt === null) return null;
  return {
    stage: 'csirt-response',
    status: Date.parse(item.answerDueAt) >= now ? 'due' : 'overdue',
    dueAt: item.answerDueAt,
    submittedAt: null,
    rule: 'NIS2 Art. 23(5): the CSIRT answers an early warning within 24 hours',
  };
}

function Row({ item, now }: { item: InboxItem; now: number }) {
  const clock = answerClock(item, now);
  return (
    <tr data-report={item.reportId} data-testid="inbox-row">
      <td>{STAGE_NAMES[item.stage]}</td>
      <td>
        <Link to={incidentPath(item.incidentId)}>{item.incidentName}</Link>
      </td>
      <td>{item.ownerName}</td>
      <td>{formatDateTime(item.submittedAt)}</td>
      <td>{clock ? <ClockChip clock={clock} now={now} short /> : <span className="muted">no deadline set</span>}</td>
    </tr>
  );
}

export function IncidentInbox() {
  const inbox = useInbox();
  const now = useNow();
  const items = [...(inbox.data?.items ?? [])].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  const marked = items.flatMap((i) => (i.marking ? [i.marking] : []));
  const banner = marked.length > 0 ? bannerOfMarkings(marked) : undefined;
  return (
    <div className="page incidents">
      <MarkingBanner banner={banner} position="top" />
      <div className="page-head">
        <h1>Inbox</h1>
        <IncidentsNav />
      </div>
      <p className="muted">Reports of your constituency not answered yet, oldest first. Open one to answer it.</p>
      <Status
        loading={inbox.isPending}
        error={inbox.error}
        empty={items.length === 0 ? 'Nothing waiting: every report of your constituency has an answer.' : false}
      >
        <table className="grid" aria-label="Reports waiting for an answer" data-testid="inbox">
          <thead>
            <tr>
              <th scope="col">Report</th>
              <th scope="col">Incident</th>
              <th scope="col">Entity</th>
              <th scope="col">Submitted</th>
              <th scope="col">Your answer</th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <Row key={i.reportId} item={i} now={now} />
            ))}
          </tbody>
        </table>
      </Status>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
