// A deployment's page as one reader may read it (issue 18, musts 2, 4, 5, 6): its members (names
// only to readers whose organisation is in the deployment, and only once the expert's
// organisation has released its member card), its tasks, daily status notes with the time
// spent, its after-action report and the request's response clocks. Every object shown passes
// the access gate; what the reader may not read is left out as if absent.
import { allowed } from '../domain/access/permissions.ts';
import { canRead } from '../domain/access/policy.ts';
import type { AccessLabel } from '../domain/access/types.ts';
import type { AfterActionView, DeploymentView, MemberView, ResponseClock, StatusNoteView, TaskView } from '../domain/assistance/api.ts';
import { responseClocks } from '../domain/assistance/clocks.ts';
import { pseudonymOf } from '../domain/assistance/pseudonym.ts';
import { afterActionFields, deploymentFields, memberCardFields, statusNoteFields, taskFields } from '../domain/assistance/read.ts';
import type { DeploymentRecord, RequestRecord, WorkRecord } from '../domain/assistance/types.ts';
import type { Principal } from '../domain/identity/principal.ts';
import { bannerOf, markingOf } from '../domain/markings/banner.ts';
import type { SchemeRegistry } from '../domain/markings/classification.ts';
import type { JsonObject } from '../domain/stix/types.ts';
import type { AssistanceRepo } from '../store/assistance-repositories.ts';
import type { ObjectRepo } from '../store/repositories.ts';
import { type AccessGate, readAs, type Visible } from './access-gate.ts';
import type { OrgDirectory } from './org-directory.ts';

/** A deployment as its reader holds it: the projected record, its label and its object. */
export interface HeldDeployment {
  record: DeploymentRecord;
  label: AccessLabel;
  object: JsonObject;
  request: RequestRecord | undefined;
}

export interface DeploymentViewDeps {
  assistance: Pick<AssistanceRepo, 'workOf' | 'offersOf' | 'deploymentsOf'>;
  objects: Pick<ObjectRepo, 'getMany'>;
  gate: AccessGate;
  directory: OrgDirectory;
  schemes: SchemeRegistry;
  now?: () => Date;
}

/** The deployment's work the reader may read, parsed, by kind. */
interface Work {
  cards: Map<string, { name: string; email: string | null; phone: string | null }>;
  tasks: TaskView[];
  notes: StatusNoteView[];
  afterAction: AfterActionView | null;
  /** The labels of what is shown, for the marking banner. */
  labels: AccessLabel[];
}

/** Whether the reader's organisation is one of the deployment's (the command line reads all). */
export function inDeployment(p: Principal, d: HeldDeployment): boolean {
  return p.kind === 'system' || deploymentOrgs(d).has(p.org.id);
}

/** The deployment's organisations: its members', the requester and the request's coordinator. */
export function deploymentOrgs(d: HeldDeployment): Set<string> {
  return new Set([...d.record.memberOrgs, d.record.orgId, ...(d.request ? [d.request.coordinatorOrg] : [])]);
}

/** Whether the principal may change the deployment: the requester's coordinators. */
export function mayManage(p: Principal, d: HeldDeployment): boolean {
  return allowed(p, 'assistance.request', { orgId: d.record.orgId }) && (p.kind === 'system' || p.org.id === d.record.orgId);
}

/** Builds deployment pages. */
export class DeploymentViews {
  private readonly deps: DeploymentViewDeps;

  constructor(deps: DeploymentViewDeps) {
    this.deps = deps;
  }

  /** The page of `d` for `p`. */
  async view(p: Principal, d: HeldDeployment): Promise<DeploymentView> {
    const fields = deploymentFields(d.object);
    const member = inDeployment(p, d);
    const work = await this.work(p, d.record.id);
    const ref = (id: string) => this.deps.directory.ref(id);
    const members: MemberView[] = [];
    for (const m of fields.members) {
      // Names only to the deployment's members (must 2), once released (assistance-reactor.ts).
      const card = member ? work.cards.get(m.profileId) : undefined;
      members.push({
        profileId: m.profileId,
        pseudonym: pseudonymOf(m.profileId),
        org: await ref(m.orgId),
        covers: [...m.covers],
        name: card?.name ?? null,
        email: card?.email ?? null,
        phone: card?.phone ?? null,
      });
    }
    const hours = work.notes.reduce((sum, n) => sum + n.hours, 0);
    const manage = mayManage(p, d);
    return {
      id: d.record.id,
      requestId: d.record.requestId,
      name: fields.name,
      status: fields.status,
      window: fields.window,
      memberCount: members.length,
      hours,
      incidentId: fields.incidentId,
      mode: fields.mode,
      location: fields.location,
      requester: await ref(d.record.orgId),
      members,
      tasks: work.tasks,
      notes: work.notes,
      afterAction: work.afterAction,
      clocks: await this.clocks(p, d, work.afterAction),
      can: {
        update: manage && fields.status !== 'ended',
        work: member && allowed(p, 'deployment.work', p.kind === 'user' ? { orgId: p.org.id } : undefined),
        report: manage && fields.status === 'ended' && work.afterAction === null,
      },
      // The banner covers everything on the page (CONVENTIONS.md, Front end): the deployment and its work.
      marking: bannerOf([d.label, ...work.labels].map((l) => markingOf(l, (id) => this.deps.schemes.get(id)))),
    };
  }

  /** The deployment's work rows the reader may read, as views. */
  private async work(p: Principal, deploymentId: string): Promise<Work> {
    const rows = await this.deps.assistance.workOf([deploymentId]);
    const byId = new Map(rows.map((r) => [r.record.id, r.record]));
    const seen = await this.deps.gate.filter(readAs(p), await this.deps.objects.getMany([...byId.keys()]));
    const out: Work = { cards: new Map(), tasks: [], notes: [], afterAction: null, labels: [] };
    const names = await this.deps.directory.all();
    const org = (id: string) => ({ id, name: names.get(id)?.name ?? id });
    for (const v of seen) {
      const row = byId.get(v.id);
      if (row === undefined) continue;
      const o = JSON.parse(v.json) as JsonObject;
      this.add(out, row, o, v, org(row.orgId));
      if (v.label !== undefined) out.labels.push(v.label);
    }
    out.tasks.sort((a, b) => a.created.localeCompare(b.created) || a.id.localeCompare(b.id));
    out.notes.sort((a, b) => a.day.localeCompare(b.day) || a.created.localeCompare(b.created));
    return out;
  }

  private add(out: Work, row: WorkRecord, o: JsonObject, v: Visible, org: { id: string; name: string }): void {
    if (row.kind === 'member-card') {
      const c = memberCardFields(o);
      out.cards.set(c.profileId, { name: c.name, email: c.email, phone: c.phone });
    } else if (row.kind === 'task') {
      const t = taskFields(o);
      if (t === null) return;
      out.tasks.push({
        id: v.id,
        name: t.name,
        description: t.description,
        outcome: t.outcome,
        assignee: t.assignee,
        due: t.due,
        created: row.created,
        modified: row.modified,
      });
    } else if (row.kind === 'status-note') {
      const n = statusNoteFields(o);
      if (n === null) return;
      out.notes.push({ id: v.id, org, day: n.day, text: n.text, hours: n.hours, created: row.created });
    } else {
      const a = afterActionFields(o);
      if (a === null) return;
      out.afterAction = {
        id: v.id,
        deploymentId: row.deploymentId,
        org,
        created: row.created,
        findings: a.findings,
        actions: a.actions,
        worked: a.worked,
        recommendations: a.recommendations,
        missingSkills: [...a.missingSkills],
      };
    }
  }

  /** The request's response clocks (must 5), from what the reader may read of it. */
  private async clocks(p: Principal, d: HeldDeployment, afterAction: AfterActionView | null): Promise<ResponseClock[]> {
    const request = d.request;
    if (request === undefined) return [];
    const readable = (label: AccessLabel | null): boolean =>
      label !== null && (p.kind === 'system' || canRead(p.reader, label, this.deps.schemes));
    const offers = (await this.deps.assistance.offersOf([request.id])).filter((o) => readable(o.label));
    const deployments = (await this.deps.assistance.deploymentsOf([request.id])).filter((x) => readable(x.label));
    const earliest = (values: (string | null)[]): string | null => values.filter((x): x is string => x !== null).sort()[0] ?? null;
    const hours = (due: string): number => (Date.parse(due) - Date.parse(request.created)) / 3_600_000;
    return responseClocks(
      {
        created: request.created,
        firstOfferHours: hours(request.firstOfferDue),
        teamReadyHours: hours(request.teamReadyDue),
        firstOfferAt: earliest(offers.map((o) => o.record.created)),
        teamReadyAt: earliest(deployments.map((x) => x.record.startedAt)),
        deploymentEndedAt: d.record.endedAt,
        afterActionAt: afterAction?.created ?? null,
      },
      this.deps.now?.() ?? new Date(),
    );
  }
}
