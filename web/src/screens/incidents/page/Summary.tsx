// The head of the incident page (issue 16, must 9): what the incident is, whose it is, and the
// clock of every NIS2 stage with its deadline and the rule that sets it; beside each stage still
// to report, the button that opens its report form (only for those who may report).
import type { IncidentDetail, StageClock } from '../../../api/incidents.ts';
import { useOrgOptions } from '../../../api/names.ts';
import { Link } from '../../../components/Link.tsx';
import { formatDateTime } from '../../../format/dates.ts';
import { sectorText } from '../choices.ts';
import { ClockChip, STAGE_NAMES } from '../clock.tsx';
import { EditIncident } from './EditIncident.tsx';

export const reportPath = (id: string, stage: string, query = ''): string => `/incidents/${encodeURIComponent(id)}/report/${stage}${query}`;

/** The report form a clock leads to: write a stage still waiting, revise one submitted. The
 *  final report follows the incident notification (Art. 23(4)(d)); before it, the final clock runs
 *  (an entity that never notifies must not stop it) but the server refuses the report, so the
 *  page says what comes first instead of offering a form it would refuse. */
function ReportLink({ id, clock, notified }: { id: string; clock: StageClock; notified: boolean }) {
  if (clock.stage === 'csirt-response') return null;
  if (clock.stage === 'final' && !notified && clock.submittedAt === null)
    return <span className="muted small">after the incident notification</span>;
  const request = clock.request === undefined ? '' : `request=${clock.request}`;
  const name = STAGE_NAMES[clock.stage].toLowerCase();
  if (clock.status === 'due' || clock.status === 'overdue')
    return (
      <Link className="button small" to={reportPath(id, clock.stage, request ? `?${request}` : '')}>
        Write the {name}
      </Link>
    );
  if (clock.submittedAt !== null)
    return (
      <Link className="button ghost small" to={reportPath(id, clock.stage, `?revise=1${request ? `&${request}` : ''}`)}>
        Revise the {name}
      </Link>
    );
  return null;
}

/** Art. 23(4)(e): an incident still ongoing when the final report falls due gets a progress
 *  report then; its clock only shows once one is sent, so the way to it is offered here. */
function progressOffered(detail: IncidentDetail): boolean {
  const final = detail.row.clocks.find((c) => c.stage === 'final');
  const started = detail.row.clocks.some((c) => c.stage === 'progress');
  return detail.can.report && !started && detail.row.handledAt === null && (final?.status === 'due' || final?.status === 'overdue');
}

export function Clocks({ detail }: { detail: IncidentDetail }) {
  const now = Date.now();
  const notified = detail.row.clocks.some((c) => c.stage === 'notification' && c.submittedAt !== null);
  return (
    <section className="incident-clocks" aria-label="Reporting clocks">
      <ul>
        {detail.row.clocks.map((c) => (
          <li key={`${c.stage}-${c.request ?? ''}`}>
            <ClockChip clock={c} now={now} />
            <span className="clock-facts">
              {c.dueAt ? `deadline ${formatDateTime(c.dueAt)}` : 'no deadline yet'}
              {c.submittedAt ? ` · submitted ${formatDateTime(c.submittedAt)}` : ''} · <span className="rule">{c.rule}</span>
            </span>
            {detail.can.report && <ReportLink id={detail.row.id} clock={c} notified={notified} />}
          </li>
        ))}
      </ul>
      {progressOffered(detail) && (
        <p className="muted small">
          Still ongoing when the final report falls due? <Link to={reportPath(detail.row.id, 'progress')}>Write a progress report</Link>{' '}
          (NIS2 Art. 23(4)(e)): the final report is then due one month after the incident is handled.
        </p>
      )}
    </section>
  );
}

const yes = (b: boolean): string => (b ? 'yes' : 'no');

export function Summary({ detail }: { detail: IncidentDetail }) {
  const orgs = useOrgOptions();
  const r = detail.row;
  const csirt = r.csirtOrg === null ? '—' : (orgs.find((o) => o.value === r.csirtOrg)?.name ?? r.csirtOrg);
  const facts: [string, string][] = [
    ['Owner', r.ownerName],
    ['CSIRT', csirt],
    ['Status', r.status],
    ['Determination', r.determination],
    ['Severity', r.severity ?? '—'],
    ['Sector', sectorText(r.sector, r.subsector)],
    ['Member states', r.memberStates.length ? r.memberStates.join(', ') : '—'],
    ['RSIT', r.rsitClass ? [r.rsitClass, r.rsitType].filter(Boolean).join(' / ') : '—'],
    ['Significant', yes(r.significant)],
    ['Cross-border', yes(r.crossBorder)],
    ['Became aware', formatDateTime(r.awareAt)],
    ['Handled', formatDateTime(r.handledAt, { empty: 'ongoing' })],
  ];
  return (
    <header className="incident-head">
      <div className="incident-title">
        <h1>{r.name}</h1>
        {detail.can.work && <EditIncident detail={detail} />}
      </div>
      <dl className="incident-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </header>
  );
}
