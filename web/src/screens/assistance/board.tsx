// The requests board (issue 18, must 7): the assistance requests the reader may read in four
// columns — open (no offer accepted yet), matched (an offer accepted), deployed (a team planned
// or at work) and closed — each with its count, and each request with its urgency, the skills it
// needs, its offers and its response clocks, whose countdowns tick without a refetch. "Only
// ours" keeps the requests of the reader's organisation and those it offered to. Kept live by
// the assistance stream; the marking banner covers every request on the board.
import { useMemo } from 'react';
import { BOARD_COLUMNS, type BoardColumn, type RequestSummary, useAssistanceStream, useBoard } from '../../api/assistance.ts';
import type { BannerMarks } from '../../api/objects.ts';
import { Link } from '../../components/Link.tsx';
import { MarkingBanner, TlpChip } from '../../components/MarkingBanner.tsx';
import { Status } from '../../components/Panel.tsx';
import { navigate, useLocation } from '../../router.ts';
import { mergeBanners } from '../incidents/marking.ts';
import { useNow } from '../incidents/now.ts';
import { AssistanceNav, ClockList, LiveBadge, requestPath, SkillChips, UrgencyChip, windowText } from './parts.tsx';

const COLUMN_NAMES: Readonly<Record<BoardColumn, string>> = {
  open: 'Open',
  matched: 'Matched',
  deployed: 'Deployed',
  closed: 'Closed',
};

const COLUMN_HINTS: Readonly<Record<BoardColumn, string>> = {
  open: 'No offer accepted yet.',
  matched: 'An offer accepted, no team at work yet.',
  deployed: 'A team planned or at work.',
  closed: 'Closed, withdrawn, or its deployment ended.',
};

/** The banner of every request on the board. */
export function bannerOfRequests(rows: readonly { marking: BannerMarks | null }[]): BannerMarks | undefined {
  return rows.reduce<BannerMarks | undefined>((b, r) => mergeBanners(b, r.marking ?? undefined), undefined);
}

function Card({ r, now }: { r: RequestSummary; now: number }) {
  return (
    <li className="request-card" data-testid="request-card" data-request={r.id}>
      <div className="card-head">
        <Link to={requestPath(r.id)} className="card-title">
          {r.title}
        </Link>
        <UrgencyChip urgency={r.urgency} />
      </div>
      <div className="card-facts muted small">
        {r.requester.name} · {r.mode} · {windowText(r.window)} ·{' '}
        <span data-testid="offer-count">
          {r.offerCount} offer{r.offerCount === 1 ? '' : 's'}
        </span>
        {r.status !== 'open' && r.column !== 'closed' ? ` · ${r.status}` : ''}
      </div>
      <SkillChips skills={r.skills} label="Skills needed" />
      {r.clocks.length > 0 && <ClockList clocks={r.clocks} now={now} />}
      <div className="card-foot">
        <TlpChip tlp={r.marking?.tlp ?? undefined} />
        {r.exercise !== null && <span className="exercise-badge">EXERCISE</span>}
      </div>
    </li>
  );
}

function Column({ column, mine, live, now }: { column: BoardColumn; mine: boolean; live: boolean; now: number }) {
  const q = useBoard({ column, mine }, live);
  const rows = q.data?.items ?? [];
  const count = q.data?.counts[column] ?? rows.length;
  const id = `board-${column}`;
  return (
    <section className="board-column" aria-labelledby={id} data-testid={id}>
      <header>
        <h2 id={id}>
          {COLUMN_NAMES[column]}{' '}
          <span className="count" data-testid={`${id}-count`}>
            {count}
          </span>
        </h2>
        <span className="muted small">{COLUMN_HINTS[column]}</span>
      </header>
      <Status loading={q.isPending} error={q.error} empty={rows.length === 0 && 'None.'}>
        <ul className="request-cards">
          {rows.map((r) => (
            <Card key={r.id} r={r} now={now} />
          ))}
        </ul>
        {q.data?.next && (
          <p className="muted small">
            The first {rows.length} of {count}.
          </p>
        )}
      </Status>
    </section>
  );
}

/** The rows the four columns hold now, for the banner (they are cached by the columns' queries). */
function useAllRows(mine: boolean, live: boolean): RequestSummary[] {
  const open = useBoard({ column: 'open', mine }, live).data;
  const matched = useBoard({ column: 'matched', mine }, live).data;
  const deployed = useBoard({ column: 'deployed', mine }, live).data;
  const closed = useBoard({ column: 'closed', mine }, live).data;
  return useMemo(() => [open, matched, deployed, closed].flatMap((p) => p?.items ?? []), [open, matched, deployed, closed]);
}

export function RequestsBoard() {
  const { query } = useLocation();
  const mine = query.get('mine') === '1';
  const stream = useAssistanceStream();
  const now = useNow();
  const rows = useAllRows(mine, stream.connected);
  const banner = bannerOfRequests(rows);
  return (
    <div className="page assistance-board">
      <MarkingBanner banner={banner} position="top" />
      <div className="page-head">
        <h1>Assistance requests</h1>
        <AssistanceNav />
        <LiveBadge connected={stream.connected} />
      </div>
      <label className="check board-mine">
        <input type="checkbox" checked={mine} onChange={(e) => navigate(e.target.checked ? '/assistance?mine=1' : '/assistance', true)} />
        Only ours (asked by us, coordinated by us, or offered to)
      </label>
      <div className="board">
        {BOARD_COLUMNS.map((c) => (
          <Column key={c} column={c} mine={mine} live={stream.connected} now={now} />
        ))}
      </div>
      <MarkingBanner banner={banner} position="bottom" />
    </div>
  );
}
