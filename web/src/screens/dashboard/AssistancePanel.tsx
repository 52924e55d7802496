// The dashboard's requests for assistance (issue 18, musts 5 and 7: rapid response in the one
// picture analysts already look at): how many requests the reader may read stand in each column
// of the board, and the open ones needing an answer first — urgency, the skills by their ECSF
// titles, the first-offer and team-ready clocks in the incident reports' words — each linking to
// its page. The requests stream refreshes it without a reload; its data and banner come from
// assistance-data.ts, which the dashboard reads too.
import { BOARD_COLUMNS, type BoardColumn, type RequestSummary } from '../../api/assistance.ts';
import { useMe } from '../../api/session.ts';
import { Link } from '../../components/Link.tsx';
import { Panel, Status } from '../../components/Panel.tsx';
import { formatDateTime } from '../../format/dates.ts';
import { askPath, boardPath, LiveBadge, mayAsk, requestPath, ResponseClockChip, SkillChips, UrgencyChip } from '../assistance/parts.tsx';
import { useNow } from '../incidents/now.ts';
import { ANSWER_CLOCKS, type AssistancePanelData } from './assistance-data.ts';

/** The first this many waiting requests are listed; the open column's count covers all. */
const SHOWN = 6;

const COLUMN_NAMES: Readonly<Record<BoardColumn, string>> = {
  open: 'Open',
  matched: 'Matched',
  deployed: 'Deployed',
  closed: 'Closed',
};

function Counts({ counts }: { counts: Record<BoardColumn, number> }) {
  return (
    <dl className="assist-counts" aria-label="Requests per column of the board" data-testid="assist-counts">
      {BOARD_COLUMNS.map((c) => (
        <div key={c} data-column={c}>
          <dt>{COLUMN_NAMES[c]}</dt>
          <dd data-testid={`assist-count-${c}`}>{(counts[c] ?? 0).toLocaleString('en')}</dd>
        </div>
      ))}
    </dl>
  );
}

function Waiting({ rows, now }: { rows: RequestSummary[]; now: number }) {
  return (
    <ol className="object-list assist-waiting" aria-label="Open requests needing an answer" data-testid="assist-waiting">
      {rows.map((r) => (
        <li key={r.id} data-request={r.id}>
          <div className="assist-line">
            <UrgencyChip urgency={r.urgency} />
            <Link to={requestPath(r.id)} title={`${r.title} (${r.requester.name})`}>
              {r.title}
            </Link>
            {r.exercise !== null && <span className="exercise-badge">EXERCISE</span>}
            <span className="muted small nowrap">{`${r.requester.name} · ${r.offerCount} offer${r.offerCount === 1 ? '' : 's'}`}</span>
            <span className="muted right small">{formatDateTime(r.created)}</span>
          </div>
          <SkillChips skills={r.skills} label="Skills needed" />
          <ul className="clocks" aria-label="Response clocks">
            {r.clocks
              .filter((c) => (ANSWER_CLOCKS as readonly string[]).includes(c.name))
              .map((c) => (
                <li key={c.name}>
                  <ResponseClockChip clock={c} now={now} />
                </li>
              ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

/** What to do when nothing waits: ask (for those who may), or where requests will appear. */
function Empty() {
  const me = useMe().data;
  return (
    <p className="muted" data-testid="assist-empty">
      {'No open request for assistance. '}
      {mayAsk(me) ? (
        <>
          {'When an incident needs experts your organisation lacks, '}
          <Link to={askPath}>Ask for assistance</Link>
          {': partners offer theirs, matched to the skills you need.'}
        </>
      ) : (
        "Requests partners send to your organisation appear here; your organisation's coordinators Ask for assistance from the board."
      )}
    </p>
  );
}

export function AssistancePanel({ data }: { data: AssistancePanelData }) {
  const { board, waiting, stream } = data;
  const now = useNow();
  const page = board.data;
  const more = page?.next ? '+' : '';
  return (
    <Panel
      title="Requests for assistance"
      className="span-12 dash-assist-panel"
      testId="assistance-panel"
      actions={<LiveBadge connected={stream.connected} />}
    >
      <Status loading={board.isPending} error={board.error}>
        {page && (
          <div className="dash-alerts-body">
            <div>
              <Counts counts={page.counts} />
              <p className="muted small">
                {'requests you may read, by column of the board · '}
                <Link to={boardPath}>The board</Link>
              </p>
            </div>
            {waiting.length === 0 ? (
              <Empty />
            ) : (
              <div>
                <Waiting rows={waiting.slice(0, SHOWN)} now={now} />
                {waiting.length > SHOWN && (
                  <p className="muted small">{`The first ${SHOWN} of ${waiting.length}${more} open requests; the rest on the board.`}</p>
                )}
              </div>
            )}
          </div>
        )}
      </Status>
    </Panel>
  );
}
