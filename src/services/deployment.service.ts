// Deployments and their work (issue 18, musts 4 and 6): the requester turns accepted experts into
// a team (`x-concord-deployment`, distributed to a sharing group the requester owns with the
// coordinator and the members' organisations), starts and ends it; the members' organisations
// record its tasks (the incident suite's `task`, linked to the incident) and daily status notes
// with the time spent; the requester writes the after-action report once it has ended. Every
// object is written through the write path as the organisation that writes it, under the
// deployment's markings; pages are read through the access gate (deployment-view.ts).
import { randomUUID } from 'node:crypto';
import { authorize } from '../domain/access/permissions.ts';
import { distributionAllowed } from '../domain/access/policy.ts';
import { type AccessLabel, formatDistribution } from '../domain/access/types.ts';
import {
  type AfterActionInput,
  type AfterActionView,
  DEPLOYMENT_TYPE,
  type DeploymentUpdate,
  type DeploymentView,
  MODES,
  type NewDeployment,
  type NewStatusNote,
  type NewTask,
  type StatusNoteView,
  type TaskUpdate,
  type TaskView,
} from '../domain/assistance/api.ts';
import { afterActionObject, deploymentObject, statusNoteObject, taskObject } from '../domain/assistance/build.ts';
import { afterActionIssues, noteIssues, throwIssues } from '../domain/assistance/check.ts';
import { deploymentFields, taskFields } from '../domain/assistance/read.ts';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import { composeWorkLink } from '../domain/incidents/compose.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, NotOwnerError } from '../errors.ts';
import type { DeploymentsApi } from './assistance.api.ts';
import type { AssistanceGroups } from './assistance-groups.ts';
import { nextModified } from '../domain/writing/compose.ts';
import { checkWindow, DeploymentReads, type DeploymentReadDeps, teamOf } from './deployment-reads.ts';
import { type DeploymentViews, deploymentOrgs, type HeldDeployment, mayManage } from './deployment-view.ts';
import type { WriteService } from './write.service.ts';

export interface DeploymentDeps extends DeploymentReadDeps {
  groups: AssistanceGroups;
  views: DeploymentViews;
  write: Pick<WriteService, 'storeAll' | 'validate'>;
  /** Brings the assistance projection up to date, so that an answer shows what was written. */
  catchUp: () => Promise<void>;
  /** Waits for the reactor's answer to what was projected (the member cards of this node's
   *  experts, their past deployments), so that an answer shows them too. */
  reacted?: () => Promise<void>;
  now?: () => Date;
}

const STATUS_ORDER = ['planned', 'active', 'ended'] as const;

/** Deployments, their tasks, notes and after-action reports. */
export class DeploymentService implements DeploymentsApi {
  private readonly deps: DeploymentDeps;
  private readonly reads: DeploymentReads;

  constructor(deps: DeploymentDeps) {
    this.deps = deps;
    this.reads = new DeploymentReads(deps);
  }

  /** POST /requests/{id}/deployments: the requester forms a team of accepted experts. */
  async deploy(p: Principal, requestId: string, input: NewDeployment): Promise<DeploymentView> {
    authorize(p, 'assistance.request');
    const request = await this.reads.request(p, requestId);
    authorize(p, 'assistance.request', { orgId: request.record.orgId });
    await this.reads.hostedHere(request.record.orgId);
    if (request.record.status !== 'open')
      throw new ConflictError(`the request is ${request.record.status}: no team is formed for it`, { field: 'status' });
    const team = teamOf(await this.reads.accepted(p, requestId), input.profileIds);
    const window = checkWindow(input.window ?? request.record.window, 'window');
    const mode = input.mode ?? request.record.mode;
    if (!MODES.includes(mode)) throw new InvalidInputError(`mode must be one of ${MODES.join(', ')}`, { field: 'mode' });
    const name = (input.name ?? `Deployment: ${request.record.title}`).trim();
    if (name === '') throw new InvalidInputError('name must not be blank', { field: 'name' });
    const id = `${DEPLOYMENT_TYPE}--${randomUUID()}`;
    const owner = request.record.orgId;
    const at = this.now();
    const location = input.location ?? request.location;
    const object = deploymentObject(
      {
        requestId,
        ...(request.record.incidentId === null ? {} : { incidentId: request.record.incidentId }),
        name,
        status: 'planned',
        window,
        mode,
        ...(location === undefined ? {} : { location }),
        members: team,
      },
      { id, created: at, modified: at, creator: owner },
    );
    const carried = this.reads.carry(request, object);
    // Checked before the group is made, so that a refusal leaves nothing behind (nothing stored).
    this.deps.write.validate(carried);
    const group = await this.deps.groups.ensure(p, {
      id: this.reads.groupOf(id),
      owner,
      members: [request.record.coordinatorOrg, ...team.map((m) => m.orgId)],
      name: `Deployment team: ${name}`,
      description: `The team of deployment ${id} for assistance request ${requestId} (issue 18)`,
    });
    // TLP:RED and AMBER+STRICT stay with the group; GREEN and CLEAR do not go to a sharing group
    // (DESIGN.md: TLP bounds the distribution), so a team of a green request is TLP:AMBER.
    const tlp = distributionAllowed(request.label.tlp, { kind: 'sharing-group', id: group.id }) ? request.label.tlp : 'amber';
    await this.store(p, owner, carried, { tlp, distribution: { kind: 'sharing-group', id: group.id } }, 'deployment.create');
    return this.get(p, id);
  }

  /** GET /deployments/{id}: the page as the reader may read it (else 404). */
  async get(p: Principal, id: string): Promise<DeploymentView> {
    authorize(p, 'assistance.read');
    return this.deps.views.view(p, await this.reads.deployment(p, id));
  }

  /** PATCH /deployments/{id}: start it, end it, change its dates or place (the requester). */
  async update(p: Principal, id: string, input: DeploymentUpdate): Promise<DeploymentView> {
    authorize(p, 'assistance.request');
    const d = await this.reads.deployment(p, id);
    if (!mayManage(p, d)) throw new ForbiddenError('only the requester may change its deployment');
    await this.reads.hostedHere(d.record.orgId);
    const f = deploymentFields(d.object);
    const status = input.status ?? f.status;
    if (!STATUS_ORDER.includes(status))
      throw new InvalidInputError(`status must be one of ${STATUS_ORDER.join(', ')}`, { field: 'status' });
    if (STATUS_ORDER.indexOf(status) < STATUS_ORDER.indexOf(f.status))
      throw new InvalidInputError(`a deployment goes from planned to active to ended; it is ${f.status} already`, { field: 'status' });
    const window = input.window === undefined ? f.window : checkWindow(input.window, 'window');
    const at = this.now();
    const startedAt = f.startedAt ?? (status === 'active' || (status === 'ended' && f.status === 'planned') ? at : undefined);
    const endedAt = f.endedAt ?? (status === 'ended' ? at : undefined);
    const location = input.location ?? f.location ?? undefined;
    const object = deploymentObject(
      {
        requestId: f.requestId,
        ...(f.incidentId === null ? {} : { incidentId: f.incidentId }),
        name: f.name,
        status,
        window,
        mode: f.mode,
        ...(location === undefined ? {} : { location }),
        members: f.members,
        ...(startedAt === undefined || startedAt === null ? {} : { startedAt }),
        ...(endedAt === undefined || endedAt === null ? {} : { endedAt }),
      },
      { id, created: String(d.object['created']), modified: nextModified(String(d.object['modified']), at), creator: d.record.orgId },
    );
    await this.store(p, d.record.orgId, this.reads.carry(d, object), d.label, 'deployment.update', d.label);
    return this.get(p, id);
  }

  /** POST /deployments/{id}/notes: a daily status note with the hours spent (members' organisations). */
  async addNote(p: Principal, deploymentId: string, input: NewStatusNote, orgId?: string): Promise<StatusNoteView> {
    const { d, org } = await this.worker(p, deploymentId, orgId);
    throwIssues(noteIssues(input));
    const at = this.now();
    const day = input.day ?? at.slice(0, 10);
    const id = `note--${randomUUID()}`;
    const object = statusNoteObject(
      { deploymentId, day, text: input.text, hours: input.hours },
      { id, created: at, modified: at, creator: org },
    );
    await this.store(p, org, this.reads.carry(d, object), d.label, 'deployment.note');
    const view = (await this.get(p, deploymentId)).notes.find((n) => n.id === id);
    if (view === undefined) throw new NotFoundError(id);
    return view;
  }

  /** POST /deployments/{id}/tasks: a task of the deployment (and of its incident, when there is one). */
  async addTask(p: Principal, deploymentId: string, input: NewTask, orgId?: string): Promise<TaskView> {
    const { d, org } = await this.worker(p, deploymentId, orgId);
    const task = this.reads.checkTask(input);
    const at = this.now();
    const id = `task--${randomUUID()}`;
    const incidentId = deploymentFields(d.object).incidentId;
    const object = taskObject(
      { deploymentId, ...(incidentId === null ? {} : { incidentId }), ...task },
      { id, created: at, modified: at, creator: org },
    );
    // Linked to the incident as incidents link the work of others (issue 16): a relationship
    // from the task, in the deployment's group, so the incident's readers there see the task.
    const link =
      incidentId === null
        ? []
        : [
            composeWorkLink(id, incidentId, {
              now: at,
              uuid: randomUUID,
              creator: org,
              markings: { tlp: d.label.tlp, distribution: formatDistribution(d.label.distribution) },
            }),
          ];
    await this.store(p, org, this.reads.carry(d, object), d.label, 'deployment.task', undefined, link);
    return this.taskView(p, deploymentId, id);
  }

  /** PATCH /deployments/{id}/tasks/{taskId}: its outcome, assignee or due date (the organisation that wrote it). */
  async updateTask(p: Principal, deploymentId: string, taskId: string, input: TaskUpdate): Promise<TaskView> {
    const { d, org } = await this.worker(p, deploymentId, undefined);
    const held = await this.reads.task(p, deploymentId, taskId);
    if (held.label.ownerOrg !== org)
      throw new NotOwnerError(`${taskId} belongs to another organisation; only its owner changes it`, { ownerOrg: held.label.ownerOrg });
    const t = taskFields(held.object);
    if (t === null) throw new NotFoundError(`task ${taskId}`);
    const changes = this.reads.checkTaskUpdate(input);
    const merged = {
      deploymentId,
      ...(t.incidentId === null ? {} : { incidentId: t.incidentId }),
      name: t.name,
      ...(t.description === null ? {} : { description: t.description }),
      ...(t.outcome === null ? {} : { outcome: t.outcome }),
      ...(t.assignee === null ? {} : { assignee: t.assignee }),
      ...(t.due === null ? {} : { due: t.due }),
      ...changes,
    };
    const object = taskObject(merged, {
      id: taskId,
      created: String(held.object['created']),
      modified: nextModified(String(held.object['modified']), this.now()),
      creator: org,
    });
    await this.store(p, org, this.reads.carry(d, object), held.label, 'deployment.task.update', held.label);
    return this.taskView(p, deploymentId, taskId);
  }

  /** POST /deployments/{id}/report: the after-action report (must 6), once the deployment ended. */
  async report(p: Principal, deploymentId: string, input: AfterActionInput): Promise<AfterActionView> {
    authorize(p, 'assistance.request');
    const d = await this.reads.deployment(p, deploymentId);
    if (!mayManage(p, d)) throw new ForbiddenError('only the requester writes the after-action report');
    await this.reads.hostedHere(d.record.orgId);
    const f = deploymentFields(d.object);
    if (f.status !== 'ended')
      throw new ConflictError(`the deployment is ${f.status}: its after-action report follows its end`, { field: 'status' });
    if ((await this.deps.views.view(p, d)).afterAction !== null)
      throw new ConflictError('the deployment has its after-action report already', { field: 'deploymentId' });
    throwIssues(afterActionIssues(input));
    const at = this.now();
    const id = `report--${randomUUID()}`;
    const object = afterActionObject(
      { ...input, deploymentId, requestId: f.requestId, name: `After-action report: ${f.name}` },
      { id, created: at, modified: at, creator: d.record.orgId },
    );
    await this.store(p, d.record.orgId, this.reads.carry(d, object), d.label, 'deployment.report');
    const view = (await this.get(p, deploymentId)).afterAction;
    if (view === null) throw new NotFoundError(id);
    return view;
  }

  /** The deployment and the organisation recording its work: one of its organisations. */
  private async worker(p: Principal, deploymentId: string, orgId: string | undefined): Promise<{ d: HeldDeployment; org: string }> {
    authorize(p, 'deployment.work', p.kind === 'user' && orgId !== undefined ? { orgId } : undefined);
    const d = await this.reads.deployment(p, deploymentId);
    // The command line records work for the organisation it names (default: the requester).
    const org = p.kind === 'user' ? p.org.id : await this.reads.actingOrg(p, orgId, d);
    if (!deploymentOrgs(d).has(org)) throw new ForbiddenError("only the deployment's organisations record its work");
    return { d, org };
  }

  private async taskView(p: Principal, deploymentId: string, taskId: string): Promise<TaskView> {
    const view = (await this.get(p, deploymentId)).tasks.find((t) => t.id === taskId);
    if (view === undefined) throw new NotFoundError(taskId);
    return view;
  }

  /** Stores `object` as `orgId` under `marks`, then brings the projection up to date. */
  private async store(
    p: Principal,
    orgId: string,
    object: StixObject,
    marks: Pick<AccessLabel, 'tlp' | 'distribution'>,
    action: string,
    previous?: AccessLabel,
    more: readonly StixObject[] = [],
  ): Promise<void> {
    // Who may write was decided above (assistance.request on the requester, deployment.work for
    // the members' organisations): the organisation-owner write rule does not apply (no writer).
    const owner = { orgId, tlp: marks.tlp, distribution: marks.distribution, actor: actorName(p) };
    const items = [{ object, ...(previous ? { previous } : {}) }, ...more.map((o) => ({ object: o }))];
    await this.deps.write.storeAll(p, items, owner, action);
    await this.deps.catchUp();
    await this.deps.reacted?.();
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}
