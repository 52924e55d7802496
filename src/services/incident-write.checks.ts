// The checks an incident write passes before anything is stored (issue 16, "bad input gets a
// clear error naming the field; nothing already stored changes"): STIX validation of what was
// composed, told in the request's own field names; times not in the future; the Article 23
// clock facts after the change (clocks.ts checkFacts: a final report needs a notification first).
import { type ClockFacts, type FactIssue, checkFacts } from '../domain/incidents/clocks.ts';
import { requestFieldOf } from '../domain/incidents/compose.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { validateObject } from '../domain/stix/validate.ts';
import { InvalidInputError } from '../errors.ts';

/** Clock skew tolerated before a time counts as "in the future" (as the NIS2 extension's check). */
export const FUTURE_SKEW_MS = 5 * 60 * 1000;

/** Throws INVALID_INPUT naming the request field of the first error STIX validation finds in
 *  `o`; every issue travels in `issues`. `report`: paths inside a report's content. */
export function checkComposed(o: StixObject, report = false): void {
  const errors = validateObject(o).issues.filter((i) => i.severity === 'error');
  const first = errors[0];
  if (first === undefined) return;
  const field = requestFieldOf(first.path, report);
  // Each issue names the request field first (what a form shows it at), the STIX path after.
  const issues = errors.map((i) => ({ field: requestFieldOf(i.path, report), path: i.path, rule: i.rule, message: i.message }));
  throw new InvalidInputError(`${field}: ${first.message}`, { field, issues });
}

/** Refuses `value` (a request time) when it lies in the future, naming `field`. */
export function notFuture(value: string | undefined, field: string, now: Date): void {
  if (value === undefined) return;
  const t = Date.parse(value);
  if (Number.isFinite(t) && t > now.getTime() + FUTURE_SKEW_MS)
    throw new InvalidInputError(`${field} must not be in the future (${value})`, { field });
}

/** The request field a fact issue is about: report times are the report's `stage`. */
function factField(issue: FactIssue): string {
  if (issue.field === 'awareAt' || issue.field === 'handledAt') return issue.field;
  if (issue.field === 'csirtResponseAt') return 'kind';
  if (issue.field.endsWith('.dueAt')) return 'dueAt';
  return 'stage';
}

const STAGE_OF: Partial<Record<string, string>> = {
  earlyWarningAt: 'early warning',
  notificationAt: 'incident notification',
  progressReportAt: 'progress report',
  finalReportAt: 'final report',
  csirtResponseAt: "CSIRT's feedback",
};

const BEFORE_AWARE = 'it comes before the entity became aware of the incident';

/** Throws INVALID_INPUT naming the field when the facts after a change cannot hold at `now`.
 *  `movedAwareAt`: the change is to awareAt, so a report now before it is awareAt's fault. */
export function checkFactsAfter(facts: ClockFacts, now: Date, movedAwareAt = false): void {
  const [first, ...rest] = checkFacts(facts, new Date(now.getTime() + FUTURE_SKEW_MS));
  if (first === undefined) return;
  const field = movedAwareAt && first.message === BEFORE_AWARE ? 'awareAt' : factField(first);
  const what = STAGE_OF[first.field] ?? first.field;
  throw new InvalidInputError(`${field}: the ${what}: ${first.message} (NIS2 Art. 23(4))`, {
    field,
    issues: [first, ...rest].map((i) => ({ field: factField(i), fact: i.field, message: i.message })),
  });
}
