// The response clocks of a request for assistance (issue 18, must 5), pure: a first offer within
// a target (24 hours by default), the team on site or online within another (72 hours), and the
// after-action report one month after the deployment ends. They have the incident reports'
// states and words (incidents/clocks.ts, incidents/clock-words.ts), so "deadline exceeded" reads
// the same on a request as on an incident.
import { addHours, addMonths } from '../incidents/calendar.ts';
import { clockText } from '../incidents/clock-words.ts';
import { standing } from '../incidents/clocks.ts';
import type { ResponseClock } from './api.ts';

// The default targets (24 h, 72 h) live beside the request they default in, build.ts.
export { DEFAULT_FIRST_OFFER_HOURS, DEFAULT_TEAM_READY_HOURS } from './build.ts';

/** What a request's clocks are computed from; times are ISO 8601 (UTC). */
export interface ResponseFacts {
  /** When the request was first stored: the first two clocks start here. */
  created: string;
  firstOfferHours: number;
  teamReadyHours: number;
  /** The first offer's creation. */
  firstOfferAt: string | null;
  /** The earliest `startedAt` of the request's deployments (its status went active). */
  teamReadyAt: string | null;
  /** When the request's deployment ended: the after-action clock starts here. */
  deploymentEndedAt: string | null;
  /** The after-action report's creation. */
  afterActionAt: string | null;
}

/** One calendar month after the deployment ends (must 5), the end-of-month rule of calendar.ts. */
export function afterActionDue(endedAt: string): string {
  return addMonths(new Date(endedAt), 1).toISOString();
}

function clock(name: ResponseClock['name'], dueAt: Date | null, metAt: string | null, now: Date): ResponseClock {
  const c = { name, dueAt: dueAt === null ? null : dueAt.toISOString(), metAt, status: standing(dueAt, metAt ?? undefined, now) };
  return { ...c, text: clockText(c, now.getTime()) };
}

/** The request's three clocks at `now`: first offer, team ready, after-action report. */
export function responseClocks(f: ResponseFacts, now: Date): ResponseClock[] {
  const created = new Date(f.created);
  return [
    clock('first-offer', addHours(created, f.firstOfferHours), f.firstOfferAt, now),
    clock('team-ready', addHours(created, f.teamReadyHours), f.teamReadyAt, now),
    clock('after-action', f.deploymentEndedAt === null ? null : new Date(afterActionDue(f.deploymentEndedAt)), f.afterActionAt, now),
  ];
}
