// Reading incidents (issue 16, musts 5, 8, 9): the list with its filters, an incident's page, a
// report's prefill, a CSIRT's inbox, the quarterly summary and the dashboard's panels. Rows come
// from the projection (incident-projector.ts); every incident and every work item passes the
// access policy, so a reader sees and counts only what they may read (DESIGN.md principle 2).
import { bannerOf, markingOf } from '../domain/markings/banner.ts';
import { canRead } from '../domain/access/policy.ts';
import { type AccessLabel, formatDistribution, type Reader } from '../domain/access/types.ts';
import { authorize } from '../domain/access/permissions.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type {
  IncidentDetail,
  IncidentFilter,
  IncidentPage,
  IncidentPanels,
  IncidentRef,
  IncidentRow,
  IncidentSort,
  InboxItem,
  QuarterlySummary,
  ReportContent,
  ReportStage,
  ShareView,
  WaitingIncident,
} from '../domain/incidents/api.ts';
import { clocks } from '../domain/incidents/clocks.ts';
import type { IncidentRecord } from '../domain/incidents/project.ts';
import { nis2Of } from '../domain/incidents/read.ts';
import { prefill } from '../domain/incidents/reports.ts';
import { quarterlySummary } from '../domain/incidents/summary.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import type {
  AccessRepo,
  DueStage,
  IncidentGroups,
  IncidentRepo,
  LabelledIncident,
  ObjectRepo,
  OrgRepo,
  StateWatch,
} from '../store/repositories.ts';
import { readerOf, type AccessGate } from './access-gate.ts';
import { IncidentDetails } from './incident-detail.ts';
import { IncidentProjector } from './incident-projector.ts';
import { rowOf } from './incident-views.ts';

export interface IncidentServiceDeps {
  incidents: IncidentRepo;
  objects: ObjectRepo;
  access: AccessRepo;
  orgs: OrgRepo;
  gate: AccessGate;
  schemes: SchemeRegistry;
  /** The time clocks are read at (tests pin it). */
  now?: () => Date;
  /** Cross-border shares and handovers of an incident the reader may know of (share service). */
  shares?: (p: Principal, id: string) => Promise<ShareView[]>;
  /** Tells when organisations changed (their names are kept between requests). */
  state?: StateWatch;
  /** Rows examined at most per list request (a reader who may see little gets a short page). */
  scanRows?: number;
}

/** The list's cursor: the last row's sort key and id. */
interface Position {
  key: string | null;
  id: string;
}

const encode = (p: Position): string => Buffer.from(JSON.stringify([p.key, p.id])).toString('base64url');

function decode(text: string): Position {
  try {
    const [key, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    if ((key === null || typeof key === 'string') && typeof id === 'string') return { key, id };
  } catch {
    // Falls through to the error below.
  }
  throw new InvalidInputError('after is not a cursor this list gave', { parameter: 'after' });
}

/**
 * What the policy's audience test (domain/access/policy.ts inAudience) asks of a label, as the
 * store can test it: owned by the reader's organisation, or distributed to the federation, a
 * sharing group or a community of the reader. Only a prefilter: every row is still decided.
 */
function audienceOf(reader: Reader): { orgs: string[]; distributions: string[] } {
  return {
    orgs: [...reader.orgIds],
    distributions: [
      'federation',
      ...reader.sharingGroups.map((g) => formatDistribution({ kind: 'sharing-group', id: g })),
      ...reader.communities.map((c) => formatDistribution({ kind: 'community', id: c })),
    ],
  };
}

const sortKey = (r: IncidentRecord, sort: IncidentSort): string | null =>
  sort === 'due' ? r.nextDueAt : sort === 'modified' ? r.modified : r.awareAt;

/** Reads incidents as each reader may see them. */
export class IncidentService {
  private readonly deps: IncidentServiceDeps;
  private readonly projector: IncidentProjector;
  private readonly details: IncidentDetails;
  private cached: { key: string; value: Promise<IncidentGroups> } | undefined;
  private soon: { key: string; value: Promise<DueStage[]> } | undefined;

  constructor(deps: IncidentServiceDeps) {
    this.deps = deps;
    this.projector = new IncidentProjector(deps);
    this.details = new IncidentDetails({ ...deps, visible: (p, l) => this.visible(p, l), now: () => this.now() });
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Whether the principal may read an incident version with this label (the command line reads all). */
  private visible(p: Principal, label: AccessLabel | null): boolean {
    const reader: Reader | null = readerOf(p);
    if (reader === null) return true;
    return label !== null && canRead(reader, label, this.deps.schemes);
  }

  /** Brings the projection up to date with everything stored; cheap when nothing is new. */
  catchUp(): Promise<void> {
    return this.projector.catchUp();
  }

  /** Resolves when no catch-up is under way (before a store is closed). */
  idle(): Promise<void> {
    return this.projector.idle();
  }

  /** Starts no catch-up from now on and waits for the one under way: call before closing the store. */
  close(): Promise<void> {
    return this.projector.close();
  }

  async list(p: Principal, filter: IncidentFilter, sort: IncidentSort, page: { limit: number; after?: string }): Promise<IncidentPage> {
    authorize(p, 'incident.read');
    await this.catchUp();
    const now = this.now();
    let after = page.after === undefined ? undefined : decode(page.after);
    const items: LabelledIncident[] = [];
    const cap = this.deps.scanRows ?? 20_000;
    const reader = readerOf(p);
    const audience = reader === null ? undefined : audienceOf(reader);
    let examined = 0;
    for (;;) {
      const chunk = Math.min(Math.max(page.limit + 1, examined === 0 ? 0 : 500), 2000);
      const rows = await this.deps.incidents.list({
        filter,
        sort,
        now: now.toISOString(),
        limit: chunk,
        ...(after ? { after } : {}),
        ...(audience ? { audience } : {}),
      });
      examined += rows.length;
      for (const r of rows) {
        if (!this.visible(p, r.label)) continue;
        if (items.length === page.limit) return this.page(items, sort, now, true);
        items.push(r);
      }
      const last = rows.at(-1);
      if (rows.length < chunk || last === undefined) return this.page(items, sort, now, false);
      after = { key: sortKey(last.record, sort), id: last.record.id };
      if (examined >= cap) return { items: await this.rows(items, now), next: encode(after) };
    }
  }

  private async page(items: LabelledIncident[], sort: IncidentSort, now: Date, more: boolean): Promise<IncidentPage> {
    const last = items.at(-1);
    return {
      items: await this.rows(items, now),
      next: more && last ? encode({ key: sortKey(last.record, sort), id: last.record.id }) : null,
    };
  }

  private async rows(items: readonly LabelledIncident[], now: Date): Promise<IncidentRow[]> {
    const names = await this.details.orgNames(items.map((i) => i.record.ownerOrg));
    return items.map((i) => rowOf(i.record, i.label, names.get(i.record.ownerOrg) ?? i.record.ownerOrg, now));
  }

  /** One incident as the reader may see it; NotFoundError when they may not read it. */
  async get(p: Principal, id: string): Promise<IncidentDetail> {
    authorize(p, 'incident.read');
    await this.catchUp();
    const found = await this.deps.incidents.get(id);
    if (found === undefined || !this.visible(p, found.label)) throw new NotFoundError(`incident ${id}`, { id });
    const detail = await this.details.detail(p, found);
    detail.shares = (await this.deps.shares?.(p, id)) ?? [];
    return detail;
  }

  /** The starting content of a new `stage` report: the incident's own NIS2 fields, then what the
   *  earlier reports said, the latest winning (reports.ts prefill). */
  async prefill(p: Principal, id: string, stage: ReportStage): Promise<ReportContent> {
    const detail = await this.get(p, id);
    const nis2 = nis2Of(detail.incident as JsonObject);
    const own: ReportContent = {};
    const description = detail.incident['description'];
    if (typeof description === 'string') own.summary = description;
    if (nis2?.suspected_unlawful_or_malicious !== undefined) own.suspectedMalicious = nis2.suspected_unlawful_or_malicious;
    if (nis2?.cross_border_impact !== undefined) own.crossBorderImpact = nis2.cross_border_impact;
    if (nis2?.severity !== undefined) own.severity = nis2.severity;
    const earlier = [...detail.reports].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)).map((r) => r.content);
    return prefill(stage, [own, ...earlier]);
  }

  /** A CSIRT's inbox: its constituency's reports not yet answered. A user reads their own
   *  organisation's (`org` is ignored); the command line names the CSIRT (none: empty). */
  async inbox(p: Principal, org?: string): Promise<InboxItem[]> {
    authorize(p, 'incident.read');
    const csirt = p.kind === 'user' ? p.org.id : org;
    if (csirt === undefined) return [];
    await this.catchUp();
    return this.details.inbox(p, csirt);
  }

  /** The NIS2 Art. 23(9) summary of the incidents aware in [from, to) the reader may read. */
  async summary(p: Principal, from: string, to: string): Promise<QuarterlySummary> {
    authorize(p, 'incident.summary');
    for (const [parameter, value] of [
      ['from', from],
      ['to', to],
    ] as const)
      if (Number.isNaN(Date.parse(value)))
        throw new InvalidInputError(`${parameter} must be an ISO 8601 time, got "${value}"`, { parameter });
    await this.catchUp();
    const now = this.now();
    const start = new Date(from).toISOString();
    const end = new Date(to).toISOString();
    const rows = (await this.deps.incidents.aware(start, end)).filter((r) => this.visible(p, r.label));
    return quarterlySummary(
      rows.map(({ record: r }) => ({
        awareAt: r.awareAt,
        significant: r.significant,
        sector: r.sector,
        rsitClass: r.rsitClass,
        severity: r.severity,
        crossBorderImpact: r.crossBorder,
        clocks: clocks(r.facts, now),
      })),
      start,
      end,
    );
  }

  /** The dashboard's panels over what the reader may read: member states, sectors, severity
   *  per day over the last `days` days, and the deadlines of the next 24 hours. */
  async panels(p: Principal, days: number): Promise<IncidentPanels> {
    authorize(p, 'incident.read');
    await this.catchUp();
    const now = this.now();
    // The series starts at the beginning of the first day, so that each day counts whole.
    const since = new Date(Math.floor((now.getTime() - days * 86_400_000) / 86_400_000) * 86_400_000).toISOString();
    const until = new Date(now.getTime() + 86_400_000).toISOString();
    const [g, soon] = await Promise.all([this.groups(since), this.dueSoon(now)]);
    const due = soon.filter((d) => d.dueAt >= now.toISOString() && d.dueAt <= until);
    const decided = new Map<AccessLabel, boolean>();
    const ok = (l: AccessLabel): boolean => {
      const known = decided.get(l);
      if (known !== undefined) return known;
      const v = this.visible(p, l);
      decided.set(l, v);
      return v;
    };
    const tally = new Map<string, number>();
    const add = (key: string, n: number): void => {
      tally.set(key, (tally.get(key) ?? 0) + n);
    };
    for (const r of g.places.filter((x) => ok(x.label))) {
      // Per member state affected (NIS2 Art. 23(1)); the owner's country when none is named.
      for (const c of r.memberStates.length > 0 ? r.memberStates : r.country ? [r.country] : []) add(`m\u0000${c}`, r.count);
      add(`s\u0000${r.sector ?? 'unknown'}`, r.count);
    }
    for (const r of g.severities.filter((x) => ok(x.label))) add(`v\u0000${r.day}\u0000${r.severity ?? 'unknown'}`, r.count);
    const of = (prefix: string): [string[], number][] =>
      [...tally].filter(([k]) => k.startsWith(`${prefix}\u0000`)).map(([k, n]) => [k.split('\u0000').slice(1), n]);
    const byCount = (a: { count: number }, b: { count: number }): number => b.count - a.count;
    return {
      byMemberState: of('m')
        .map(([[country = ''], count]) => ({ country, count }))
        .sort(byCount),
      bySector: of('s')
        .map(([[sector = ''], count]) => ({ sector, count }))
        .sort(byCount),
      severityOverTime: of('v')
        .map(([[day = '', severity = ''], count]) => ({ day, severity, count }))
        .sort((a, b) => a.day.localeCompare(b.day) || a.severity.localeCompare(b.severity)),
      dueSoon: due
        .filter((d) => ok(d.label))
        .slice(0, 50)
        .map(({ incidentId, incidentName, stage, dueAt }) => ({ incidentId, incidentName, stage, dueAt })),
      // The marking banner of everything counted (CONVENTIONS.md, Front end), as the dashboard's.
      banner: bannerOf([...decided].filter(([, v]) => v).map(([l]) => markingOf(l, (s) => this.deps.schemes.get(s)))),
    };
  }

  /**
   * The panels' counts per access label, the same for every reader (each keeps the labels it
   * may read): computed once per projection state and first day, as they scan every incident.
   */
  private async groups(since: string): Promise<IncidentGroups> {
    const key = `${await this.deps.incidents.cursor()}|${since}`;
    if (this.cached?.key !== key) {
      const value = this.deps.incidents.groups(since);
      this.cached = { key, value };
      value.catch(() => {
        if (this.cached?.value === value) this.cached = undefined;
      });
    }
    return this.cached.value;
  }

  /** The deadlines of the next 24 hours (and a minute), read once per projection state and minute. */
  private async dueSoon(now: Date): Promise<DueStage[]> {
    const minute = Math.floor(now.getTime() / 60_000) * 60_000;
    const key = `${await this.deps.incidents.cursor()}|${minute}`;
    if (this.soon?.key !== key) {
      const from = new Date(minute).toISOString();
      const value = this.deps.incidents.dueSoon(from, new Date(minute + 86_400_000 + 60_000).toISOString(), 1000);
      this.soon = { key, value };
      value.catch(() => {
        if (this.soon?.value === value) this.soon = undefined;
      });
    }
    return this.soon.value;
  }

  /** The incidents an object is tied to (as work or a linked object), as the reader may see them. */
  async ofObject(p: Principal, objectId: string): Promise<IncidentRef[]> {
    authorize(p, 'incident.read');
    await this.catchUp();
    return this.details.ofObject(p, objectId);
  }

  /** Incidents with a stage still due or overdue, with their clocks (system use: reminders). */
  async waiting(): Promise<WaitingIncident[]> {
    await this.catchUp();
    const now = this.now();
    return (await this.deps.incidents.waiting(now.toISOString())).map(({ record: r }) => ({
      id: r.id,
      name: r.name,
      ownerOrg: r.ownerOrg,
      csirtOrg: r.csirtOrg,
      clocks: clocks(r.facts, now),
    }));
  }
}
