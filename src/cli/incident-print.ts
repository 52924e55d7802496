// How `concord incident …` prints for people: the list as a table with each stage's standing and
// countdown, the incident page as sections (summary, clocks, timeline, tasks, impacts, links,
// notes, reports, answers, shares), the quarterly summary as counts. `--json` prints the
// services' views unchanged instead (src/domain/incidents/api.ts).
import { clockText, STAGE_NAMES, STATUS_WORDS } from '../domain/incidents/clock-words.ts';
import type { StageClock } from '../domain/incidents/clocks.ts';
import type { IncidentDetail, IncidentRow, InboxItem, QuarterlySummary, ShareView, WorkItem } from '../domain/incidents/api.ts';
import { listText, printFields, printTable } from './admin-format.ts';

/** The stages shown as columns of the list, in the order Article 23 sets them. */
const LIST_STAGES: readonly StageClock['stage'][] = [
  'early-warning',
  'notification',
  'csirt-response',
  'intermediate',
  'progress',
  'final',
];

const cut = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** One stage's cell: its clocks (several for intermediate reports), or `-` when it has none. */
function stageCell(row: IncidentRow, stage: StageClock['stage'], now: number): string {
  const cs = row.clocks.filter((c) => c.stage === stage);
  return cs.length === 0 ? '-' : cs.map((c) => clockText(c, now)).join('; ');
}

/** The incidents list: one row each, a column per stage any of them has a clock for. */
export function printRows(rows: readonly IncidentRow[], now = Date.now()): void {
  const stages = LIST_STAGES.filter((st) => rows.some((r) => r.clocks.some((c) => c.stage === st)));
  printTable(
    ['ID', 'NAME', 'OWNER', 'STATUS', 'SEVERITY', ...stages.map((st) => STAGE_NAMES[st].toUpperCase())],
    rows.map((r) => [
      r.id,
      cut(r.name, 40),
      cut(r.ownerName, 24),
      r.status,
      r.severity ?? '-',
      ...stages.map((st) => stageCell(r, st, now)),
    ]),
    'no incidents',
  );
}

const yesNo = (b: boolean): string => (b ? 'yes' : 'no');
/** ` · owner` when the view names one. */
const by = (name: string, org: string): string => (name || org ? ` · ${name || org}` : '');
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function summaryFields(d: IncidentDetail): [string, string][] {
  const r = d.row;
  return [
    ['id', r.id],
    ['name', r.name],
    ['owner', `${r.ownerName} (${r.ownerOrg})`],
    ['CSIRT', r.csirtOrg ?? '-'],
    ['status', r.status],
    ['determination', r.determination],
    ['sector', r.sector === null ? '-' : r.subsector === null ? r.sector : `${r.sector}/${r.subsector}`],
    ['country', r.country ?? '-'],
    ['member states', listText(r.memberStates)],
    ['RSIT', [r.rsitClass, r.rsitType].filter((x) => x !== null).join(' / ') || '-'],
    ['severity', r.severity ?? '-'],
    ['significant', yesNo(r.significant)],
    ['cross-border', yesNo(r.crossBorder)],
    ['aware at', r.awareAt],
    ['handled at', r.handledAt ?? '-'],
    ['marking', r.marking],
    ['modified', r.modified],
    ['description', str(d.incident['description']) ?? '-'],
  ];
}

function section(title: string, lines: readonly string[]): void {
  console.log(`\n${title}${lines.length === 0 ? ': none' : ''}`);
  for (const l of lines) console.log(`  ${l}`);
}

/** A work item's line: its name and what the suite says of its state (Incident Extension Suite §2.2–2.4). */
function workLine(w: WorkItem, keys: readonly string[]): string {
  const o = w.object;
  const title = str(o['name']) ?? str(o['impact_category']) ?? str(o['abstract']) ?? w.type;
  const facts = keys.flatMap((k) => (str(o[k]) === undefined ? [] : [`${k.replace(/_/g, ' ')} ${str(o[k])}`]));
  const assignee = Object.values((o['extensions'] as Record<string, Record<string, unknown>> | undefined) ?? {})
    .map((e) => str(e['assignee']))
    .find((a) => a !== undefined);
  if (assignee !== undefined) facts.push(`assignee ${assignee}`);
  return `${w.id}  ${title}${facts.length ? ` (${facts.join(', ')})` : ''}${by(w.ownerName, w.ownerOrg)}`;
}

function clockLine(c: StageClock, now: number): string {
  const name = STAGE_NAMES[c.stage] + (c.request === undefined ? '' : ` ${c.request + 1}`);
  const when = c.submittedAt ?? c.dueAt;
  const at = when === null ? '' : c.submittedAt !== null ? `, submitted ${when}` : `, deadline ${when}`;
  return `${name}: ${clockText(c, now)}${at} (${c.rule})`;
}

function shareLine(s: ShareView): string {
  const to = s.recipients.map((r) => `${r.name}${r.node === null ? '' : ` @ ${r.node}`}`).join(', ');
  return `${s.at}  ${s.kind === 'handover' ? 'handed over' : `shared (${s.mode})`} to ${to} by ${s.by}`;
}

/** The incident page on a terminal. */
export function printDetail(d: IncidentDetail, now = Date.now()): void {
  printFields(summaryFields(d));
  section(
    'Clocks',
    d.row.clocks.map((c) => clockLine(c, now)),
  );
  const byStart = [...d.events].sort((a, b) => String(a.object['start_time'] ?? '').localeCompare(String(b.object['start_time'] ?? '')));
  section(
    'Timeline',
    byStart.map((e) => workLine(e, ['start_time', 'end_time', 'status'])),
  );
  section(
    'Tasks',
    d.tasks.map((t) => workLine(t, ['outcome', 'due_date', 'priority'])),
  );
  section(
    'Impacts',
    d.impacts.map((i) => workLine(i, ['criticality', 'recoverability', 'start_time', 'end_time'])),
  );
  section(
    'Linked intelligence',
    d.links.map((l) => `${l.objectId}  ${l.name} (${l.relationshipType}${l.confidence === null ? '' : `, confidence ${l.confidence}`})`),
  );
  section(
    'Notes',
    d.notes.map((n) => `${n.id}  ${str(n.object['content']) ?? ''}${by(n.ownerName, n.ownerOrg)}`),
  );
  section(
    'Reports',
    d.reports.map(
      (r) =>
        `${r.id}  ${STAGE_NAMES[r.stage]}${r.request === null ? '' : ` ${r.request + 1}`} submitted ${r.submittedAt}` +
        `${r.versions > 1 ? ` (${r.versions} versions)` : ''}: ${Object.keys(r.content).join(', ')}`,
    ),
  );
  section(
    "CSIRT's answers",
    d.answers.map(
      (a) =>
        `${a.createdAt}  ${a.kind === 'feedback' ? 'feedback' : `intermediate report requested by ${a.dueAt ?? '-'}`}: ${a.content}${by(a.ownerName, a.ownerOrg)}`,
    ),
  );
  section('Shares', d.shares.map(shareLine));
}

/** The CSIRT's inbox: reports not yet answered, with the CSIRT's own clock (Art. 23(5)). */
export function printInbox(items: readonly InboxItem[], now = Date.now()): void {
  printTable(
    ['INCIDENT', 'NAME', 'ENTITY', 'REPORT', 'SUBMITTED', 'ANSWER'],
    items.map((i) => {
      const answer =
        i.answerDueAt === null
          ? '-'
          : clockText({ status: Date.parse(i.answerDueAt) >= now ? 'due' : 'overdue', dueAt: i.answerDueAt }, now);
      return [i.incidentId, cut(i.incidentName, 40), cut(i.ownerName, 24), STAGE_NAMES[i.stage], i.submittedAt, answer];
    }),
    'no reports waiting for an answer',
  );
}

function tally(title: string, t: Record<string, number>): void {
  const entries = Object.entries(t).sort(([a], [b]) => a.localeCompare(b));
  section(
    title,
    entries.map(([k, n]) => `${k.padEnd(36)} ${n}`),
  );
}

/** The quarterly summary (Art. 23(9)) as counts for people. */
export function printSummary(s: QuarterlySummary): void {
  printFields([
    ['period', `${s.from} to ${s.to}`],
    ['incidents', String(s.incidents)],
    ['significant', String(s.significant)],
  ]);
  tally('By sector', s.bySector);
  tally('By RSIT class', s.byRsitClass);
  tally('By severity', s.bySeverity);
  tally('Cross-border impact', s.crossBorder);
  section(
    'Reporting timeliness',
    Object.entries(s.timeliness).map(
      ([stage, counts]) =>
        `${STAGE_NAMES[stage as StageClock['stage']]}: ${Object.entries(counts)
          .map(([st, n]) => `${STATUS_WORDS[st as StageClock['status']]} ${n}`)
          .join(', ')}`,
    ),
  );
}
