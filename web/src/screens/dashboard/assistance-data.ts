// The dashboard's requests for assistance (issue 18: rapid response in the one picture of the
// situation; DESIGN.md, "situational awareness: open requests, clocks, live updates"), apart from
// the panel itself: the dashboard folds the banner of the requests the panel lists into its own
// while the panel's code loads on demand, as it does for the incident panels (incident-data.ts).
import { useMemo } from 'react';
import { type AssistanceStream, type RequestSummary, URGENCIES, useAssistanceStream, useBoard } from '../../api/assistance.ts';
import type { BannerMarks } from '../../api/objects.ts';
import { mergeBanners } from '../incidents/marking.ts';

/** The clocks an open request runs while it waits for an answer (must 5): the after-action
 *  report's starts only once a deployment ends. */
export const ANSWER_CLOCKS = ['first-offer', 'team-ready'] as const;

const running = (c: RequestSummary['clocks'][number]): boolean => c.status === 'due' || c.status === 'overdue';

/** The earliest deadline of a request's running answer clocks, or "" when none runs. */
export function nextDeadline(r: RequestSummary): string {
  const due = r.clocks
    .filter((c) => (ANSWER_CLOCKS as readonly string[]).includes(c.name) && running(c) && c.dueAt !== null)
    .map((c) => c.dueAt ?? '')
    .sort();
  return due[0] ?? '';
}

/** Open requests, those needing an answer first: the most urgent, then the nearest running
 *  deadline (a passed one first), then the oldest. A request still open by its status only: a
 *  withdrawn or closed one waits for no one. */
export function needingAnswer(rows: readonly RequestSummary[]): RequestSummary[] {
  const rank = (r: RequestSummary): number => URGENCIES.length - URGENCIES.indexOf(r.urgency);
  const byDeadline = (a: string, b: string): number => (a === b ? 0 : a === '' ? 1 : b === '' ? -1 : a.localeCompare(b));
  return rows
    .filter((r) => r.status === 'open' && r.column === 'open')
    .sort((a, b) => rank(a) - rank(b) || byDeadline(nextDeadline(a), nextDeadline(b)) || a.created.localeCompare(b.created));
}

/** The banner of every request the panel loaded (those it lists among them). */
export function bannerOfSummaries(rows: readonly RequestSummary[]): BannerMarks | undefined {
  return rows.reduce<BannerMarks | undefined>((b, r) => mergeBanners(b, r.marking ?? undefined), undefined);
}

export interface AssistancePanelData {
  stream: AssistanceStream;
  /** The board's open column as the reader may read it, with every column's count. */
  board: ReturnType<typeof useBoard>;
  /** The open requests, those needing an answer first. */
  waiting: RequestSummary[];
  banner: BannerMarks | undefined;
}

/** The board's open column (the same query as the board's, so each refreshes the other), kept
 *  live by the requests stream and polled while it is down. Every role reads assistance requests
 *  (permissions.ts `assistance.read`); the server answers only those the reader may read. */
export function useAssistancePanel(): AssistancePanelData {
  const stream = useAssistanceStream();
  const board = useBoard({ column: 'open' }, stream.connected);
  const items = board.data?.items;
  const waiting = useMemo(() => needingAnswer(items ?? []), [items]);
  const banner = useMemo(() => bannerOfSummaries(items ?? []), [items]);
  return { stream, board, waiting, banner };
}
