// The organisation's roster (issue 18, must 2 and 7): its experts with the personal details only
// the organisation's own staff read, the pseudonym partners see each one under, skills, languages,
// clearances, country, on site or not, past deployments; adding, changing and removing experts
// (coordinators and administrators); and the availability calendar of the whole roster.
import { type ExpertView, removeExpert, useRoster } from '../../api/assistance.ts';
import { useMe } from '../../api/session.ts';
import { Panel, Status } from '../../components/Panel.tsx';
import { useAssistAction } from './action.ts';
import { AvailabilityCalendar } from './calendar.tsx';
import { ExpertDialog } from './expert-form.tsx';
import { AssistanceNav, mayManageRoster, mayReadRoster, SkillChips, windowText } from './parts.tsx';

/** The expert's next window still open at `now`, or the last one. */
function nextWindow(e: ExpertView, now: number): string {
  const open = e.availability.filter((w) => Date.parse(w.until) > now).sort((a, b) => a.from.localeCompare(b.from));
  const w = open[0];
  return w ? windowText(w) : 'none ahead';
}

function Remove({ e }: { e: ExpertView }) {
  const action = useAssistAction(true);
  return (
    <>
      <button
        type="button"
        className="ghost small"
        aria-label={`Remove ${e.name}`}
        disabled={action.pending}
        onClick={() => {
          if (window.confirm(`Remove ${e.name} from the roster? Partners stop seeing the profile ${e.pseudonym}.`))
            void action.run(() => removeExpert(e.id));
        }}
      >
        Remove
      </button>
      {action.error && (
        <span className="error" role="alert">
          {action.error.message}
        </span>
      )}
    </>
  );
}

function ExpertTable({ experts, manage }: { experts: readonly ExpertView[]; manage: boolean }) {
  const now = Date.now();
  return (
    <table className="grid roster-table" aria-label="Experts">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Pseudonym</th>
          <th scope="col">Skills</th>
          <th scope="col">Languages</th>
          <th scope="col">Clearances</th>
          <th scope="col">Country</th>
          <th scope="col">On site</th>
          <th scope="col">Next available</th>
          <th scope="col" className="num">
            Deployments
          </th>
          {manage && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {experts.map((e) => (
          <tr key={e.id} data-testid="expert-row">
            <td>
              {e.name}
              {e.published === false && <span className="muted small"> (not published)</span>}
            </td>
            <td>{e.pseudonym}</td>
            <td>
              <SkillChips skills={e.skills} label={`Skills of ${e.name}`} />
            </td>
            <td>{e.languages.join(', ') || '—'}</td>
            <td>{e.clearances?.map((c) => `${c.scheme} ${c.level}`).join(', ') || '—'}</td>
            <td>{e.country}</td>
            <td>{e.onSite ? 'yes' : 'no'}</td>
            <td>{nextWindow(e, now)}</td>
            <td className="num">{e.pastDeployments}</td>
            {manage && (
              <td className="row-actions">
                <ExpertDialog expert={e} />
                <Remove e={e} />
              </td>
            )}
          </tr>
        ))}
        {experts.length === 0 && (
          <tr>
            <td colSpan={manage ? 10 : 9} className="muted">
              No expert yet.
            </td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

export function Roster() {
  const me = useMe().data;
  const read = mayReadRoster(me);
  const q = useRoster(read);
  const manage = mayManageRoster(me);
  const experts = q.data ?? [];
  return (
    <div className="page roster">
      <div className="page-head">
        <h1>Roster</h1>
        <AssistanceNav />
      </div>
      <p className="muted small">
        Names and contacts stay with {me?.org.name ?? 'your organisation'}: partners see each expert under the pseudonym only, and the name
        only once the expert is accepted into a deployment, and then only its members.
      </p>
      <div className="roster-grid">
        <Panel title={`Experts (${experts.length})`} actions={manage ? <ExpertDialog /> : undefined} testId="roster-experts">
          <Status
            loading={read && q.isPending}
            error={q.error}
            empty={!read && 'Only your organisation’s analysts, coordinators and administrators read its roster.'}
          >
            <ExpertTable experts={experts} manage={manage} />
          </Status>
        </Panel>
        <Panel title="Availability" testId="roster-calendar">
          <AvailabilityCalendar experts={experts.map((e) => ({ id: e.id, label: e.name, availability: e.availability }))} />
        </Panel>
      </div>
    </div>
  );
}
