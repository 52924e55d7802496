// The reporting clocks of NIS2 Article 23 (issue 16, must 3), pure: from what happened when (the
// entity became aware, submitted each report, the CSIRT answered or asked for more), the deadline
// of every stage and where it stands at a given moment. Every screen, list filter, reminder and
// the quarterly summary read their clocks from here, so "overdue" means one thing everywhere.
import { addHours, addMonths } from './calendar.ts';

/** The stages Article 23 sets, and the CSIRT's own answer (Art. 23(5)). */
export type Stage = 'early-warning' | 'notification' | 'intermediate' | 'progress' | 'final' | 'csirt-response';

/**
 * Where a stage stands. `due`: its deadline has not passed and it was not submitted; `overdue`:
 * the deadline passed without it (a deadline exceeded, not "not delivered"); `not-started`: its
 * clock has not started (the final report before the notification, the CSIRT's answer before
 * the early warning, a final report waiting for the incident to be handled).
 */
export type StageStatus = 'due' | 'submitted-on-time' | 'submitted-late' | 'overdue' | 'not-started';

/** What the clocks are computed from; times are ISO 8601 (UTC). */
export interface ClockFacts {
  /** When the entity became aware of the significant incident: every clock starts here. */
  awareAt: string;
  /** Trust service providers notify within 24 hours instead of 72 (Art. 23(4), second subparagraph). */
  trustServiceProvider: boolean;
  earlyWarningAt?: string | undefined;
  notificationAt?: string | undefined;
  /** The CSIRT's requests for an intermediate report (Art. 23(4)(c)), each with the date it set. */
  intermediateRequests?: readonly { requestedAt: string; dueAt: string; submittedAt?: string | undefined }[] | undefined;
  /** When the incident was handled; absent while it is ongoing (Art. 23(4)(e)). */
  handledAt?: string | undefined;
  progressReportAt?: string | undefined;
  finalReportAt?: string | undefined;
  /** The CSIRT's initial feedback on the early warning (Art. 23(5)). */
  csirtResponseAt?: string | undefined;
}

/** One stage's clock. */
export interface StageClock {
  stage: Stage;
  status: StageStatus;
  /** The deadline; null while the clock has not started or has no date yet. */
  dueAt: string | null;
  submittedAt: string | null;
  /** The provision that sets the deadline, for people to read and check. */
  rule: string;
  /** For intermediate reports: which request (0-based), in the order of the facts. */
  request?: number;
}

const ms = (s: string): number => Date.parse(s);
const iso = (d: Date): string => d.toISOString();

/** Where a clock stands at `now` from its deadline (null: not started) and when it was met; the
 *  response clocks of issue 18 (assistance/clocks.ts) share it. */
export function standing(dueAt: Date | null, submittedAt: string | undefined, now: Date): StageStatus {
  if (dueAt === null) return submittedAt === undefined ? 'not-started' : 'submitted-on-time';
  if (submittedAt !== undefined) return ms(submittedAt) <= dueAt.getTime() ? 'submitted-on-time' : 'submitted-late';
  return now.getTime() <= dueAt.getTime() ? 'due' : 'overdue';
}

function clock(stage: Stage, rule: string, dueAt: Date | null, submittedAt: string | undefined, now: Date): StageClock {
  return { stage, status: standing(dueAt, submittedAt, now), dueAt: dueAt ? iso(dueAt) : null, submittedAt: submittedAt ?? null, rule };
}

/**
 * The one-month clock of the final report runs from the notification's submission (Art.
 * 23(4)(d)). An entity that never notifies must not stop it: once the notification is overdue,
 * the month runs from the notification's own deadline.
 */
function finalAnchor(f: ClockFacts, notificationDue: Date, now: Date): Date | null {
  if (f.notificationAt !== undefined) return new Date(f.notificationAt);
  return now.getTime() > notificationDue.getTime() ? notificationDue : null;
}

/** Every stage's clock at `now`, in the order the Directive sets them. */
export function clocks(f: ClockFacts, now: Date): StageClock[] {
  const aware = new Date(f.awareAt);
  const earlyDue = addHours(aware, 24);
  const notificationDue = addHours(aware, f.trustServiceProvider ? 24 : 72);
  const out: StageClock[] = [
    clock('early-warning', 'NIS2 Art. 23(4)(a): within 24 hours of becoming aware', earlyDue, f.earlyWarningAt, now),
    clock(
      'notification',
      f.trustServiceProvider
        ? 'NIS2 Art. 23(4), second subparagraph: a trust service provider notifies within 24 hours'
        : 'NIS2 Art. 23(4)(b): within 72 hours of becoming aware',
      notificationDue,
      f.notificationAt,
      now,
    ),
    clock(
      'csirt-response',
      "NIS2 Art. 23(5): the CSIRT's initial feedback, where possible within 24 hours of the early warning",
      f.earlyWarningAt === undefined ? null : addHours(new Date(f.earlyWarningAt), 24),
      f.csirtResponseAt,
      now,
    ),
  ];
  (f.intermediateRequests ?? []).forEach((r, request) => {
    out.push({
      ...clock('intermediate', 'NIS2 Art. 23(4)(c): by the date the CSIRT set in its request', new Date(r.dueAt), r.submittedAt, now),
      request,
    });
  });
  const anchor = finalAnchor(f, notificationDue, now);
  const monthAfter = anchor === null ? null : addMonths(anchor, 1);
  // Art. 23(4)(e): an entity whose incident is still ongoing when the final report falls due
  // sends a progress report then, and the final report within one month of handling the
  // incident. Sending nothing is not "ongoing": the final report is then simply overdue.
  const handled = f.handledAt === undefined ? null : ms(f.handledAt);
  const ongoing = monthAfter !== null && f.progressReportAt !== undefined && (handled === null || handled > monthAfter.getTime());
  if (ongoing) {
    out.push(
      clock(
        'progress',
        'NIS2 Art. 23(4)(e): when the final report falls due, if the incident is ongoing',
        monthAfter,
        f.progressReportAt,
        now,
      ),
    );
    const due = handled === null ? null : addMonths(new Date(handled), 1);
    out.push(clock('final', 'NIS2 Art. 23(4)(e): within one month of handling the incident', due, f.finalReportAt, now));
  } else {
    out.push(clock('final', 'NIS2 Art. 23(4)(d): within one month of the incident notification', monthAfter, f.finalReportAt, now));
  }
  return out;
}

/** A problem with the facts, naming the field at fault. */
export interface FactIssue {
  field: keyof ClockFacts | `intermediateRequests[${number}].${'requestedAt' | 'dueAt' | 'submittedAt'}`;
  message: string;
}

/**
 * What cannot be true of the facts at `now`: a time that is not a time or lies in the future,
 * a report before the awareness that starts every clock, a final report without or before the
 * notification, the CSIRT's answer without or before the early warning it answers.
 */
export function checkFacts(f: ClockFacts, now: Date): FactIssue[] {
  const issues: FactIssue[] = [];
  const times: [FactIssue['field'], string | undefined][] = [
    ['awareAt', f.awareAt],
    ['earlyWarningAt', f.earlyWarningAt],
    ['notificationAt', f.notificationAt],
    ['handledAt', f.handledAt],
    ['progressReportAt', f.progressReportAt],
    ['finalReportAt', f.finalReportAt],
    ['csirtResponseAt', f.csirtResponseAt],
  ];
  (f.intermediateRequests ?? []).forEach((r, i) => {
    times.push([`intermediateRequests[${i}].requestedAt`, r.requestedAt], [`intermediateRequests[${i}].submittedAt`, r.submittedAt]);
    if (Number.isNaN(ms(r.dueAt)))
      issues.push({ field: `intermediateRequests[${i}].dueAt`, message: `"${r.dueAt}" is not an ISO 8601 time` });
    else if (ms(r.dueAt) <= ms(r.requestedAt))
      issues.push({ field: `intermediateRequests[${i}].dueAt`, message: 'the date set must come after the request' });
  });
  for (const [field, value] of times) {
    if (value === undefined) continue;
    if (Number.isNaN(ms(value))) issues.push({ field, message: `"${value}" is not an ISO 8601 time` });
    else if (ms(value) > now.getTime()) issues.push({ field, message: `${value} is in the future` });
    else if (field !== 'awareAt' && ms(value) < ms(f.awareAt))
      issues.push({ field, message: 'it comes before the entity became aware of the incident' });
  }
  const before = (field: FactIssue['field'], value: string | undefined, earlier: string | undefined, what: string): void => {
    if (value === undefined) return;
    if (earlier === undefined) issues.push({ field, message: `there is no ${what} yet` });
    else if (ms(value) < ms(earlier)) issues.push({ field, message: `it comes before the ${what}` });
  };
  if (f.finalReportAt !== undefined) before('finalReportAt', f.finalReportAt, f.notificationAt, 'incident notification');
  if (f.csirtResponseAt !== undefined) before('csirtResponseAt', f.csirtResponseAt, f.earlyWarningAt, 'early warning');
  return issues;
}
