// An incident's page, a CSIRT's inbox and an object's incidents (issue 16, musts 5 and 9): the
// incident's work, links, reports and answers, each only if the reader may read it.
import type { AccessLabel } from '../domain/access/types.ts';
import { allowed } from '../domain/access/permissions.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { AnswerView, IncidentDetail, IncidentRef, InboxItem, LinkedObject, ReportView, WorkItem } from '../domain/incidents/api.ts';
import { addHours } from '../domain/incidents/calendar.ts';
import type { IncidentLink } from '../domain/incidents/project.ts';
import { nis2Of } from '../domain/incidents/read.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import type { AccessRepo, IncidentRepo, LabelledIncident, ObjectRepo, OrgRepo, StateWatch } from '../store/repositories.ts';
import { readAs, type AccessGate, type Visible } from './access-gate.ts';
import { answerViewOf, markingText, reportViewOf, rowOf } from './incident-views.ts';

export interface IncidentDetailsDeps {
  incidents: IncidentRepo;
  objects: ObjectRepo;
  access: AccessRepo;
  orgs: OrgRepo;
  gate: AccessGate;
  visible: (p: Principal, label: AccessLabel | null) => boolean;
  now: () => Date;
  /** Tells when organisations changed, so their names are kept between requests. */
  state?: StateWatch;
}

const WORK_KINDS = ['event', 'task', 'impact', 'note'] as const;

/** Builds the views that need an incident's stored objects. */
export class IncidentDetails {
  private readonly deps: IncidentDetailsDeps;
  private names: { version: number; map: Map<string, string> } = { version: -1, map: new Map() };

  constructor(deps: IncidentDetailsDeps) {
    this.deps = deps;
  }

  /** Names of organisations (their id when unknown here); kept while the directory is unchanged. */
  async orgNames(ids: readonly string[]): Promise<Map<string, string>> {
    const version = this.deps.state === undefined ? undefined : (await this.deps.state.versions()).directory;
    if (version === undefined || version !== this.names.version) this.names = { version: version ?? -1, map: new Map() };
    const known = this.names.map;
    for (const id of new Set(ids)) if (!known.has(id)) known.set(id, (await this.deps.orgs.getOrg(id))?.name ?? id);
    return known;
  }

  /** The latest versions of `ids` the reader may read, by id (redacted as the gate does). */
  private async readable(p: Principal, ids: readonly string[]): Promise<Map<string, Visible>> {
    if (ids.length === 0) return new Map();
    const held = await this.deps.objects.getMany([...new Set(ids)]);
    const seen = await this.deps.gate.filter(readAs(p), held);
    // The command line reads without a policy decision, so without labels: its owners are read here.
    const unlabelled = seen.filter((v) => v.label === undefined);
    const labels = unlabelled.length === 0 ? new Map() : await this.deps.access.labels(unlabelled.map((v) => v.seq));
    return new Map(seen.map((v) => [v.id, v.label === undefined && labels.has(v.seq) ? { ...v, label: labels.get(v.seq) } : v]));
  }

  async detail(p: Principal, found: LabelledIncident): Promise<IncidentDetail> {
    const { record } = found;
    const links = await this.deps.incidents.links([record.id]);
    const ids = [record.id, ...links.flatMap((l) => (l.declaredBy === record.id ? [l.objectId] : [l.objectId, l.declaredBy]))];
    const seen = await this.readable(p, ids);
    const incident = seen.get(record.id);
    const names = await this.orgNames([record.ownerOrg, ...[...seen.values()].map((v) => v.label?.ownerOrg ?? '')]);
    const ownerOf = (v: Visible): { ownerOrg: string; ownerName: string } => {
      const ownerOrg = v.label?.ownerOrg ?? '';
      return { ownerOrg, ownerName: names.get(ownerOrg) ?? ownerOrg };
    };
    // A link the reader sees: its object, and the relationship that declares it when it is one.
    const shown = (l: IncidentLink): Visible | undefined =>
      l.declaredBy === record.id || seen.has(l.declaredBy) ? seen.get(l.objectId) : undefined;
    const work: Record<(typeof WORK_KINDS)[number], WorkItem[]> = { event: [], task: [], impact: [], note: [] };
    const linked: LinkedObject[] = [];
    const reports: ReportView[] = [];
    const answers: AnswerView[] = [];
    const done = new Set<string>();
    for (const l of links) {
      const v = shown(l);
      if (v === undefined) continue;
      const object = JSON.parse(v.json) as JsonObject;
      const key = `${l.kind} ${v.id}`;
      if (l.kind === 'relationship') {
        const rel = JSON.parse(seen.get(l.declaredBy)?.json ?? '{}') as JsonObject;
        linked.push({
          relationshipId: l.declaredBy,
          relationshipType: l.relationshipType ?? 'related-to',
          confidence: typeof rel['confidence'] === 'number' ? rel['confidence'] : null,
          objectId: v.id,
          objectType: v.type,
          name: String(object['name'] ?? object['value'] ?? v.id),
        });
      } else if (done.has(key)) continue;
      else if (l.kind === 'report') {
        const view = reportViewOf(object, ownerOf(v).ownerOrg, (await this.deps.objects.versions(v.id)).length);
        if (view) reports.push(view);
      } else if (l.kind === 'answer') {
        const view = answerViewOf(object, ownerOf(v).ownerOrg, ownerOf(v).ownerName);
        if (view) answers.push(view);
      } else work[l.kind].push({ id: v.id, type: v.type, object, ...ownerOf(v) });
      done.add(key);
    }
    const now = this.deps.now();
    return {
      row: rowOf(record, found.label, names.get(record.ownerOrg) ?? record.ownerOrg, now),
      incident: incident === undefined ? {} : (JSON.parse(incident.json) as Record<string, unknown>),
      events: work.event,
      tasks: work.task,
      impacts: work.impact,
      notes: work.note,
      links: linked,
      reports: reports.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt)),
      answers: answers.sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      shares: [],
      can: this.can(p, found, incident),
    };
  }

  /** What the reader may do on the incident page (issue 16, must 9). */
  private can(p: Principal, found: LabelledIncident, incident: Visible | undefined): IncidentDetail['can'] {
    const { ownerOrg, csirtOrg } = found.record;
    if (p.kind === 'system') return { work: true, report: true, answer: true, share: true };
    const org = p.org.id;
    const coordinator = incident === undefined ? undefined : nis2Of(JSON.parse(incident.json) as JsonObject)?.coordinator_ref;
    const owner = org === ownerOrg;
    const csirt = csirtOrg !== null && org === csirtOrg;
    return {
      work: allowed(p, 'incident.manage') && (owner || csirt || org === coordinator),
      report: allowed(p, 'incident.manage') && owner,
      answer: allowed(p, 'incident.answer') && csirt,
      // Shared by the owner's CSIRT, or by a CSIRT that owns it (incident-share.service.ts).
      share: allowed(p, 'incident.share') && (csirt || (owner && p.org.nis2Role === 'csirt')),
    };
  }

  /** Reports of `csirt`'s constituency it has not answered with feedback yet, oldest first. */
  async inbox(p: Principal, csirt: string): Promise<InboxItem[]> {
    const rows = (
      await this.deps.incidents.list({ filter: {}, sort: 'newest', now: this.deps.now().toISOString(), limit: 10_000, csirtOrg: csirt })
    ).filter((r) => this.deps.visible(p, r.label));
    const out: InboxItem[] = [];
    const names = await this.orgNames(rows.map((r) => r.record.ownerOrg));
    for (const { record, label } of rows) {
      const links = (await this.deps.incidents.links([record.id])).filter((l) => l.kind === 'report' || l.kind === 'answer');
      if (!links.some((l) => l.kind === 'report')) continue;
      const seen = await this.readable(
        p,
        links.map((l) => l.objectId),
      );
      const answered = new Set<string>();
      const reports: ReportView[] = [];
      for (const v of seen.values()) {
        const o = JSON.parse(v.json) as JsonObject;
        const answer = v.label?.ownerOrg === csirt ? answerViewOf(o, csirt, '') : undefined;
        if (answer?.kind === 'feedback' && answer.reportId !== null) answered.add(answer.reportId);
        const report = reportViewOf(o, v.label?.ownerOrg ?? '', 1);
        if (report) reports.push(report);
      }
      for (const r of reports.filter((x) => !answered.has(x.id)))
        out.push({
          incidentId: record.id,
          incidentName: record.name,
          ownerName: names.get(record.ownerOrg) ?? record.ownerOrg,
          reportId: r.id,
          stage: r.stage,
          submittedAt: r.submittedAt,
          // NIS2 Art. 23(5): the CSIRT's initial feedback on an early warning, within 24 hours.
          answerDueAt: r.stage === 'early-warning' ? addHours(new Date(r.submittedAt), 24).toISOString() : null,
          // The inbox's marking banner covers the incidents it names.
          ...(label ? { marking: markingText(label) } : {}),
        });
    }
    return out.sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
  }

  async ofObject(p: Principal, objectId: string): Promise<IncidentRef[]> {
    const links = await this.deps.incidents.linksTo(objectId);
    const declared = await this.readable(
      p,
      links.map((l) => l.declaredBy),
    );
    const out = new Map<string, IncidentRef>();
    for (const l of links) {
      if (out.has(l.incidentId) || (l.declaredBy !== l.incidentId && !declared.has(l.declaredBy))) continue;
      const found = await this.deps.incidents.get(l.incidentId);
      if (found === undefined || !this.deps.visible(p, found.label)) continue;
      out.set(l.incidentId, {
        id: l.incidentId,
        name: found.record.name,
        status: found.record.status,
        relationshipType: l.relationshipType ?? l.kind,
      });
    }
    return [...out.values()];
  }
}
