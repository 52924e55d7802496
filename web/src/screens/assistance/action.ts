// A change made on a rapid-response screen: sent, then every assistance query refreshed (the
// board, the request, its proposal and deployments), and a refusal kept with the fields it names
// so that the form shows each at its field. The incident page's Action, so its dialogs serve here.
import { useInvalidateAssistance } from '../../api/assistance.ts';
import { ApiError } from '../../api/client.ts';
import { type Action, useChange } from '../../components/useChange.ts';
import { problemFields } from '../incidents/problem.ts';

export type { Action };

/** The domain's issues (check.ts) as a refusal, shown the way the API's is: each at its field. */
export function issuesError(issues: readonly { field: string; message: string }[]): ApiError {
  const first = issues[0];
  const field = first ? formField(first.field) : undefined;
  return new ApiError(400, 'INVALID_INPUT', first ? first.message : 'invalid', { field, errors: [...issues] });
}

/** An issue's field as the form names it: a list's item (`needs.skills[2]`) is shown at the list,
 *  a clearance's scheme or level (`needs.clearance.level`) at the clearance. */
export const formField = (field: string): string => field.replace(/\.(scheme|level)$/, '').replace(/\[\d+\]$/, '');

/** The domain's issues, each at the field the form shows it at (the first issue of a field wins). */
export function issueFields(issues: readonly { field: string; message: string }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of issues) if (!out.has(formField(i.field))) out.set(formField(i.field), i.message);
  return out;
}

/** A refusal's fields (problem.ts) shown the same way. */
export const collapseFields = (fields: ReadonlyMap<string, string>): Map<string, string> =>
  issueFields([...fields].map(([field, message]) => ({ field, message })));

/** A change; `roster`: it touches the roster too; `strip`: the request member the form's fields sit under. */
export function useAssistAction(roster = false, strip?: string): Action {
  const invalidate = useInvalidateAssistance();
  return useChange(
    () => invalidate(roster),
    (e) => collapseFields(problemFields(e, strip)),
  );
}
