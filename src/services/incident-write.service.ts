// Writing incidents (issue 16, musts 1, 4 and 5): opening and changing an incident, its events,
// tasks, impacts, links and notes, NIS2 reports and the CSIRT's answers. Each write composes STIX
// (domain/incidents/compose.ts), checks who may write it and that the facts after it hold, and
// only then stores everything it composed through the write API's one ingest path
// (WriteService.storeAll), so that a refusal stores nothing. The incident's owner versions its
// incident (STIX 2.1 §3.6: only the creator versions an object); work its CSIRT or coordinator
// adds is linked to the incident by a `related-to` from the item.
import { randomUUID } from 'node:crypto';
import { authorize } from '../domain/access/permissions.ts';
import { formatDistribution } from '../domain/access/types.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type {
  AddEventRequest,
  AddImpactRequest,
  AddTaskRequest,
  AnswerRequest,
  IncidentDetail,
  LinkRequest,
  NoteRequest,
  OpenIncidentRequest,
  SubmitReportRequest,
  UpdateImpactRequest,
  UpdateIncidentRequest,
  UpdateTaskRequest,
} from '../domain/incidents/api.ts';
import * as c from '../domain/incidents/compose.ts';
import { INCIDENT_DEFAULT_TLP, incidentDistribution } from '../domain/incidents/constituency.ts';
import { intermediateRequests } from '../domain/incidents/facts.ts';
import { factsOf, type Owned } from '../domain/incidents/project.ts';
import type { IncidentEvent } from '../domain/incidents/notify.ts';
import { REPORT_STAGES } from '../domain/incidents/report-extension.ts';
import { missingFields } from '../domain/incidents/reports.ts';
import type { Tlp } from '../domain/markings/tlp.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { ConflictError, InvalidInputError, NotFoundError, ReportIncompleteError } from '../errors.ts';
import type { OrgRepo, UserRepo } from '../store/repositories.ts';
import { type HeldDeps, type HeldIncident, type Labelled, holdIncident, owned, readable, requireStanding } from './incident-held.ts';
import { checkComposed, checkFactsAfter, notFuture } from './incident-write.checks.ts';
import type { ImportOwner } from './labeller.ts';
import type { OwnerOverrides } from './import-owner.ts';
import type { IncidentService } from './incident.service.ts';
import type { WriteService } from './write.service.ts';
import { workItem } from './incident-write.work.ts';

/** What the write service reads back after storing: the projection, brought up to date. */
export type IncidentReads = Pick<IncidentService, 'get' | 'catchUp'>;

export interface IncidentWriteDeps extends HeldDeps {
  write: Pick<WriteService, 'storeAll'>;
  owner: (p: Principal, o?: OwnerOverrides) => Promise<ImportOwner>;
  orgs: Pick<OrgRepo, 'getOrg'>;
  users: Pick<UserRepo, 'findUserByName'>;
  incidents: IncidentReads;
  notify?: (e: IncidentEvent) => Promise<void>;
  now?: () => Date;
}

/** An object to store and, for a new version, the label of the version it follows. */
type Item = { object: StixObject; previous?: Labelled['label'] };

const WORK = ['owner', 'csirt', 'coordinator'] as const;

export class IncidentWriteService {
  readonly deps: IncidentWriteDeps;
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(deps: IncidentWriteDeps) {
    this.deps = deps;
  }

  /** The clock facts of `incident` with these reports and answers (the held ones by default):
   *  the projection's own (project.ts), so that a write is checked against the clocks it shows. */
  private facts(held: HeldIncident, incident: StixObject, reports?: readonly Owned[], answers?: readonly Owned[]) {
    return factsOf({
      incident,
      owner: held.owner,
      reports: reports ?? held.reports.map(owned),
      answers: answers ?? held.answers.map(owned),
    });
  }

  /** POST /incidents: a new incident of the writer's organisation (`org`: the command line's). */
  async open(p: Principal, req: OpenIncidentRequest, org?: string): Promise<IncidentDetail> {
    authorize(p, 'incident.manage');
    const base = await this.deps.owner(p, org === undefined ? {} : { orgId: org });
    const owner = await this.deps.orgs.getOrg(base.orgId);
    if (!owner) throw new NotFoundError(`organisation ${base.orgId}`, { field: 'org' });
    const distribution = incidentDistribution(owner);
    const markings = { tlp: (req.tlp ?? INCIDENT_DEFAULT_TLP) as Tlp, distribution: formatDistribution(distribution) };
    const incident = c.composeIncident(req, owner.id, this.ctx(owner.id, markings));
    checkComposed(incident);
    checkFactsAfter(factsOf({ incident, owner, reports: [], answers: [] }), this.now());
    const stored = { ...base, orgId: owner.id, tlp: markings.tlp, distribution };
    await this.store(p, [{ object: incident }], stored, 'incident.open');
    return this.detail(p, incident.id);
  }

  /** PATCH /incidents/{id}: what it says, its status, when it was handled (its owner's). */
  async update(p: Principal, id: string, req: UpdateIncidentRequest): Promise<IncidentDetail> {
    authorize(p, 'incident.manage');
    return this.locked(id, async () => {
      const held = await holdIncident(this.deps, p, id);
      requireStanding(held, ['owner'], 'change the incident');
      if (req.base !== undefined && req.base !== held.object['modified'])
        throw new ConflictError(`${id} has a newer version than ${req.base}; reload it and apply your changes again`, {
          field: 'base',
          latest: held.object['modified'],
        });
      const next = c.composeIncidentUpdate(held.object, req, this.now().toISOString());
      checkComposed(next);
      checkFactsAfter(this.facts(held, next), this.now(), req.awareAt !== undefined);
      await this.store(p, [{ object: next, previous: held.label }], this.ownerOn(p, held), 'incident.update');
      return this.detail(p, id);
    });
  }

  async addEvent(p: Principal, id: string, req: AddEventRequest): Promise<IncidentDetail> {
    authorize(p, 'incident.manage');
    notFuture(req.startTime, 'startTime', this.now());
    notFuture(req.endTime, 'endTime', this.now());
    return this.addWork(p, id, 'event', (ctx) => c.composeEvent(req, ctx), 'incident.event');
  }

  async addTask(p: Principal, id: string, req: AddTaskRequest): Promise<IncidentDetail> {
    return this.addWork(
      p,
      id,
      'task',
      (ctx) => c.composeTask(req, ctx),
      'incident.task',
      async (held) => this.checkAssignee(req.assignee, held.writerOrg),
    );
  }

  async addImpact(p: Principal, id: string, req: AddImpactRequest): Promise<IncidentDetail> {
    authorize(p, 'incident.manage');
    notFuture(req.startTime, 'startTime', this.now());
    notFuture(req.endTime, 'endTime', this.now());
    return this.addWork(p, id, 'impact', (ctx) => c.composeImpact(req, ctx), 'incident.impact');
  }

  /** PATCH /incidents/{id}/tasks/{taskId}: a new version of a task of the writer's organisation. */
  async updateTask(p: Principal, id: string, taskId: string, req: UpdateTaskRequest): Promise<IncidentDetail> {
    authorize(p, 'incident.manage');
    return this.locked(id, async () => {
      const held = await holdIncident(this.deps, p, id);
      requireStanding(held, WORK, 'work');
      const item = await workItem(this.deps, p, held, 'task', taskId, 'taskId');
      await this.checkAssignee(req.assignee, held.writerOrg);
      const next = c.composeTaskUpdate(item.object, req, this.now().toISOString());
      checkComposed(next);
      await this.store(p, [{ object: next, previous: item.label }], this.ownerOn(p, held, item), 'incident.task.update');
      return this.detail(p, id);
    });
  }

  /** PATCH /incidents/{id}/impacts/{impactId}: an impact changes over time (must 5). */
  async updateImpact(p: Principal, id: string, impactId: string, req: UpdateImpactRequest): Promise<IncidentDetail> {
    authorize(p, 'incident.manage');
    notFuture(req.startTime, 'startTime', this.now());
    notFuture(req.endTime, 'endTime', this.now());
    return this.locked(id, async () => {
      const held = await holdIncident(this.deps, p, id);
      requireStanding(held, WORK, 'work');
      const item = await workItem(this.deps, p, held, 'impact', impactId, 'impactId');
      const next = c.composeImpactUpdate(item.object, req, this.now().toISOString());
      checkComposed(next);
      await this.store(p, [{ object: next, previous: item.label }], this.ownerOn(p, held, item), 'incident.impact.update');
      return this.detail(p, id);
    });
  }

  /** POST /incidents/{id}/links: a relationship from the incident to intelligence the writer reads. */
  async link(p: Principal, id: string, req: LinkRequest): Promise<IncidentDetail> {
    authorize(p, 'incident.manage');
    return this.locked(id, async () => {
      const held = await holdIncident(this.deps, p, id);
      requireStanding(held, WORK, 'work');
      if (typeof req.target !== 'string') throw new InvalidInputError('target must be a STIX id', { field: 'target' });
      await readable(this.deps, p, req.target, 'target');
      const rel = c.composeLink(id, req, this.heldCtx(held));
      checkComposed(rel);
      await this.store(p, [{ object: rel }], this.ownerOn(p, held), 'incident.link');
      return this.detail(p, id);
    });
  }

  /** POST /incidents/{id}/notes. */
  async note(p: Principal, id: string, req: NoteRequest): Promise<IncidentDetail> {
    authorize(p, 'incident.manage');
    return this.locked(id, async () => {
      const held = await holdIncident(this.deps, p, id);
      requireStanding(held, WORK, 'work');
      const note = c.composeNote(id, req, this.heldCtx(held));
      checkComposed(note);
      await this.store(p, [{ object: note }], this.ownerOn(p, held), 'incident.note');
      return this.detail(p, id);
    });
  }

  /** POST /incidents/{id}/reports: a NIS2 report (must 4), by the incident's organisation. */
  async submitReport(p: Principal, id: string, req: SubmitReportRequest): Promise<IncidentDetail> {
    authorize(p, 'incident.manage');
    const stage = req.stage;
    if (!REPORT_STAGES.includes(stage)) throw new InvalidInputError(`stage must be one of ${REPORT_STAGES.join(', ')}`, { field: 'stage' });
    if (typeof req.content !== 'object' || req.content === null)
      throw new InvalidInputError('content must be an object', { field: 'content' });
    return this.locked(id, async () => {
      const held = await holdIncident(this.deps, p, id);
      requireStanding(held, ['owner'], 'submit reports');
      const missing = missingFields(stage, req.content);
      if (missing.length > 0) throw new ReportIncompleteError(stage, missing);
      this.checkRequest(held, req);
      const existing = held.reports.find((r) => r.stage === stage && (stage !== 'intermediate' || r.request === req.request));
      if (existing && req.revise !== true)
        throw new ConflictError(`the ${stage} report was submitted already (${existing.id}); send revise: true to revise it`, {
          field: 'stage',
          reportId: existing.id,
        });
      if (!existing && req.revise === true) throw new InvalidInputError(`there is no ${stage} report to revise yet`, { field: 'revise' });
      const now = this.now().toISOString();
      const report = existing
        ? c.composeReportRevision(existing.object, id, req, now)
        : c.composeReport(held.object, req, this.heldCtx(held));
      checkComposed(report, true);
      const reports = [...held.reports.filter((r) => r !== existing).map(owned), { object: report, ownerOrg: held.label.ownerOrg }];
      checkFactsAfter(this.facts(held, held.object, reports), this.now());
      await this.store(
        p,
        [{ object: report, ...(existing ? { previous: existing.label } : {}) }],
        this.ownerOn(p, held, existing),
        'incident.report',
      );
      await this.tell(p, held, 'report-submitted', `${String(report['name'])} ${existing ? 'revised' : 'submitted'}`);
      return this.detail(p, id);
    });
  }

  /** POST /incidents/{id}/answers: the CSIRT's feedback or request for an intermediate report. */
  async answer(p: Principal, id: string, req: AnswerRequest): Promise<IncidentDetail> {
    authorize(p, 'incident.answer');
    return this.locked(id, async () => {
      const held = await holdIncident(this.deps, p, id);
      if (p.kind === 'user') requireStanding(held, ['csirt'], 'answer reports');
      const csirt = p.kind === 'user' ? p.org.id : held.csirtOrg;
      if (csirt === null) throw new InvalidInputError(`${id} belongs to an organisation in no CSIRT's constituency`, { field: 'id' });
      if (req.kind !== 'feedback' && req.kind !== 'intermediate-request')
        throw new InvalidInputError("kind must be 'feedback' or 'intermediate-request'", { field: 'kind' });
      if (req.reportId !== undefined && !held.reports.some((r) => r.id === req.reportId))
        throw new NotFoundError(`report ${req.reportId} of ${id}`, { field: 'reportId' });
      if (req.kind === 'intermediate-request') {
        const due = c.requestTime(req.dueAt, 'dueAt');
        if (Date.parse(due) <= this.now().getTime()) throw new InvalidInputError('dueAt must be in the future', { field: 'dueAt' });
      } else if (req.dueAt !== undefined) throw new InvalidInputError('dueAt belongs to an intermediate-request', { field: 'dueAt' });
      const note = c.composeAnswer(id, req, { ...this.heldCtx(held), creator: csirt });
      checkComposed(note);
      const answers = [...held.answers.map(owned), { object: note, ownerOrg: csirt }];
      checkFactsAfter(this.facts(held, held.object, undefined, answers), this.now());
      await this.store(p, [{ object: note }], { ...this.ownerOn(p, held), orgId: csirt }, 'incident.answer');
      const kind = req.kind === 'feedback' ? 'answer' : 'intermediate-requested';
      await this.tell(p, held, kind, req.kind === 'feedback' ? 'Feedback from the CSIRT' : 'The CSIRT requests an intermediate report');
      return this.detail(p, id);
    });
  }

  /** Adds an event, task or impact: the owner names it in a new version of the incident, anyone
   *  else with a work standing links it by a relationship (STIX 2.1 §3.6). */
  private async addWork(
    p: Principal,
    id: string,
    kind: c.WorkKind,
    compose: (ctx: c.IncidentComposeContext) => StixObject,
    action: string,
    more?: (held: HeldIncident) => Promise<void>,
  ): Promise<IncidentDetail> {
    authorize(p, 'incident.manage');
    return this.locked(id, async () => {
      const held = await holdIncident(this.deps, p, id);
      requireStanding(held, WORK, 'work');
      await more?.(held);
      const ctx = this.heldCtx(held);
      const item = compose(ctx);
      checkComposed(item);
      const joined: Item =
        held.standing === 'owner'
          ? { object: c.composeWithWorkRef(held.object, kind, item.id, ctx.now), previous: held.label }
          : { object: c.composeWorkLink(item.id, id, ctx) };
      checkComposed(joined.object);
      // The incident's new version is stored by its owner; the item with it, in one ingest run.
      await this.store(p, [{ object: item }, joined], this.ownerOn(p, held), action);
      return this.detail(p, id);
    });
  }

  /** Refuses an assignee who is not a user of the writer's organisation. */
  private async checkAssignee(assignee: string | undefined, org: string): Promise<void> {
    if (assignee === undefined) return;
    const user = await this.deps.users.findUserByName(assignee);
    if (!user || user.orgId !== org || user.disabled)
      throw new InvalidInputError(`${JSON.stringify(assignee)} is not a user of your organisation`, { field: 'assignee' });
  }

  /** An intermediate report answers a CSIRT request (Art. 23(4)(c)); other stages name none. */
  private checkRequest(held: HeldIncident, req: SubmitReportRequest): void {
    if (req.stage !== 'intermediate') {
      if (req.request !== undefined) throw new InvalidInputError('request belongs to intermediate reports', { field: 'request' });
      return;
    }
    const requests = intermediateRequests(held.answers);
    if (req.request === undefined || !Number.isInteger(req.request) || req.request < 0 || req.request >= requests.length)
      throw new InvalidInputError(
        requests.length === 0
          ? 'the CSIRT has not requested an intermediate report'
          : `request must be the index (0 to ${requests.length - 1}) of a CSIRT request for an intermediate report`,
        { field: 'request' },
      );
  }

  /**
   * Runs `fn` after every earlier write on incident `id` in this process: a write reads the
   * latest version and stores the next, so two at once would each drop the other's reference
   * (a lost update) or both submit the same stage.
   */
  private async locked<T>(id: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.locks.get(id) ?? Promise.resolve()).catch(() => undefined).then(fn);
    this.locks.set(id, run);
    try {
      return await run;
    } finally {
      if (this.locks.get(id) === run) this.locks.delete(id);
    }
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private ctx(creator: string, markings: c.IncidentComposeContext['markings']): c.IncidentComposeContext {
    return { now: this.now().toISOString(), uuid: randomUUID, creator, markings };
  }

  /** Work on an incident carries the incident's own TLP and distribution. */
  private heldCtx(held: HeldIncident): c.IncidentComposeContext {
    return this.ctx(held.writerOrg, { tlp: held.label.tlp, distribution: formatDistribution(held.label.distribution) });
  }

  /** Who stores work on `held`: the writer's organisation with the incident's markings (or the
   *  item's, for a new version of it). No `writer`: the incident rules above decided who may. */
  private ownerOn(p: Principal, held: HeldIncident, item?: Labelled): ImportOwner {
    const label = item?.label ?? held.label;
    const actor = p.kind === 'user' ? `user:${p.user.username}` : `system:${p.name}`;
    return { orgId: item?.label.ownerOrg ?? held.writerOrg, tlp: label.tlp, distribution: label.distribution, actor };
  }

  private async store(p: Principal, items: Item[], owner: ImportOwner, action: string): Promise<void> {
    const { writer: _w, ...unchecked } = owner;
    await this.deps.write.storeAll(p, items, unchecked, action);
    await this.deps.incidents.catchUp();
  }

  private async tell(p: Principal, held: HeldIncident, kind: IncidentEvent['kind'], title: string): Promise<void> {
    if (!this.deps.notify) return;
    const body = String(held.object['name'] ?? held.object.id);
    await this.deps.notify({ kind, incidentId: held.object.id, title, body, ...(p.kind === 'user' ? { actor: p.user.id } : {}) });
  }

  /** The incident as the writer now sees it. */
  private async detail(p: Principal, id: string): Promise<IncidentDetail> {
    return this.deps.incidents.get(p, id);
  }
}
