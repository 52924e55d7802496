// The summary a single point of contact sends ENISA every three months (NIS2 Art. 23(9); issue
// 16, must 8), pure: anonymised and aggregated. Only counts leave this module — no entity, no
// incident id, no free text — by sector, RSIT class, severity, cross-border impact and how
// timely each reporting stage was.
import type { Stage, StageClock, StageStatus } from './clocks.ts';

/** What the summary reads of one incident; nothing that names the entity. */
export interface SummaryFacts {
  /** When the entity became aware (ISO 8601): what places the incident in a period. */
  awareAt: string;
  significant: boolean;
  sector: string | null;
  rsitClass: string | null;
  severity: string | null;
  crossBorderImpact: boolean | null;
  clocks: readonly StageClock[];
}

/** Counts per value; `unknown` for incidents that do not say. */
export type Tally = Record<string, number>;

export interface QuarterlySummary {
  from: string;
  to: string;
  incidents: number;
  significant: number;
  bySector: Tally;
  byRsitClass: Tally;
  bySeverity: Tally;
  crossBorder: Tally;
  /** Per stage, how many were submitted on time, late, or are overdue (due and not-started are left out). */
  timeliness: Partial<Record<Stage, Partial<Record<StageStatus, number>>>>;
}

const UNKNOWN = 'unknown';

function add(t: Tally, key: string | null): void {
  const k = key ?? UNKNOWN;
  t[k] = (t[k] ?? 0) + 1;
}

const COUNTED: ReadonlySet<StageStatus> = new Set(['submitted-on-time', 'submitted-late', 'overdue']);

/** The summary of the incidents whose awareness falls in [from, to). */
export function quarterlySummary(incidents: Iterable<SummaryFacts>, from: string, to: string): QuarterlySummary {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const s: QuarterlySummary = {
    from,
    to,
    incidents: 0,
    significant: 0,
    bySector: {},
    byRsitClass: {},
    bySeverity: {},
    crossBorder: {},
    timeliness: {},
  };
  for (const i of incidents) {
    const t = Date.parse(i.awareAt);
    if (!(t >= start && t < end)) continue;
    s.incidents++;
    if (i.significant) s.significant++;
    add(s.bySector, i.sector);
    add(s.byRsitClass, i.rsitClass);
    add(s.bySeverity, i.severity);
    add(s.crossBorder, i.crossBorderImpact === null ? null : i.crossBorderImpact ? 'yes' : 'no');
    for (const c of i.clocks) {
      if (!COUNTED.has(c.status)) continue;
      const stage = s.timeliness[c.stage] ?? {};
      stage[c.status] = (stage[c.status] ?? 0) + 1;
      s.timeliness[c.stage] = stage;
    }
  }
  return s;
}

/** The quarter (UTC) that contains `at`: [first day, first day of the next). */
export function quarterOf(at: Date): { from: string; to: string } {
  const q = Math.floor(at.getUTCMonth() / 3) * 3;
  return {
    from: new Date(Date.UTC(at.getUTCFullYear(), q, 1)).toISOString(),
    to: new Date(Date.UTC(at.getUTCFullYear(), q + 3, 1)).toISOString(),
  };
}

/** The summary as CSV rows `dimension,value,count` (RFC 4180; values are codes, never free text). */
export function summaryCsv(s: QuarterlySummary): string {
  const rows: [string, string, number][] = [
    ['period', `${s.from}/${s.to}`, s.incidents],
    ['significant', 'yes', s.significant],
  ];
  const dims: [string, Tally][] = [
    ['sector', s.bySector],
    ['rsit-class', s.byRsitClass],
    ['severity', s.bySeverity],
    ['cross-border', s.crossBorder],
  ];
  for (const [dim, tally] of dims) for (const [value, n] of Object.entries(tally).sort()) rows.push([dim, value, n]);
  for (const [stage, counts] of Object.entries(s.timeliness))
    for (const [status, n] of Object.entries(counts)) rows.push([`timeliness:${stage}`, status, n]);
  const cell = (v: string): string => (/[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `dimension,value,count\r\n${rows.map(([d, v, n]) => `${cell(d)},${cell(v)},${n}`).join('\r\n')}\r\n`;
}
