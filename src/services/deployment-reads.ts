// What the deployment service reads and checks before it writes (issue 18, must 4): the request
// and the deployment as the caller may read them (else missing, 404), the experts the requester
// accepted, the deployment's tasks, and input checks naming the field.
import type { AccessLabel } from '../domain/access/types.ts';
import type { NewTask, TaskUpdate, Window } from '../domain/assistance/api.ts';
import { offerFields, requestFields } from '../domain/assistance/read.ts';
import type { RequestRecord } from '../domain/assistance/types.ts';
import { latestDecisions } from '../domain/assistance/board.ts';
import type { Principal } from '../domain/identity/principal.ts';
import { tlpOfMarkingId, TLP1_MARKING_IDS } from '../domain/markings/tlp.ts';
import type { JsonObject, StixObject } from '../domain/stix/types.ts';
import { TASK_OUTCOME } from '../domain/stix/vocab-incident.ts';
import { ForbiddenError, InvalidInputError, NotFoundError } from '../errors.ts';
import type { AssistanceRepo } from '../store/assistance-repositories.ts';
import type { AccessRepo, ObjectRepo, OrgRepo } from '../store/repositories.ts';
import { type AccessGate, readAs } from './access-gate.ts';
import { groupIdFor } from './assistance-groups.ts';
import type { HeldDeployment } from './deployment-view.ts';
import type { OwnerOverrides } from './import-owner.ts';
import type { ImportOwner } from './labeller.ts';

export interface DeploymentReadDeps {
  assistance: Pick<AssistanceRepo, 'request' | 'deployment' | 'offersOf' | 'decisionsOf' | 'workOf'>;
  objects: Pick<ObjectRepo, 'get' | 'getMany'>;
  access: Pick<AccessRepo, 'latest'>;
  orgs: Pick<OrgRepo, 'getOrg'>;
  gate: AccessGate;
  /** Who the command line acts for (a name or id; none: the operating organisation). */
  owner: (p: Principal, o?: OwnerOverrides) => Promise<ImportOwner>;
}

/** A request as the requester reads it. */
export interface HeldRequest {
  record: RequestRecord;
  label: AccessLabel;
  object: JsonObject;
  location: string | undefined;
}

/** One accepted expert: a member the team may take. */
export interface AcceptedExpert {
  profileId: string;
  orgId: string;
  offerId: string;
  covers: string[];
}

/** `w` checked: ISO 8601 instants, `until` after `from` (the field named as `<field>.from|until`). */
export function checkWindow(w: Window, field: string): Window {
  const from = Date.parse(w?.from);
  const until = Date.parse(w?.until);
  if (Number.isNaN(from)) throw new InvalidInputError(`${field}.from must be an ISO 8601 instant`, { field: `${field}.from` });
  if (Number.isNaN(until)) throw new InvalidInputError(`${field}.until must be an ISO 8601 instant`, { field: `${field}.until` });
  if (until <= from) throw new InvalidInputError(`${field}.until must be after ${field}.from`, { field: `${field}.until` });
  return { from: new Date(from).toISOString(), until: new Date(until).toISOString() };
}

/** The team: the accepted experts named (all of them when none is), each once. */
export function teamOf(accepted: readonly AcceptedExpert[], named: readonly string[] | undefined): AcceptedExpert[] {
  const byId = new Map(accepted.map((a) => [a.profileId, a]));
  if (named === undefined) {
    if (byId.size === 0)
      throw new InvalidInputError('no expert of this request has been accepted yet: accept an offer first', { field: 'profileIds' });
    return [...byId.values()];
  }
  if (named.length === 0) throw new InvalidInputError('name at least one accepted expert', { field: 'profileIds' });
  const team = new Map<string, AcceptedExpert>();
  for (const [i, id] of named.entries()) {
    const a = byId.get(id);
    if (a === undefined) throw new InvalidInputError(`${id} is not an accepted expert of this request`, { field: `profileIds[${i}]` });
    team.set(id, a);
  }
  return [...team.values()];
}

function optionalText(v: unknown, field: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new InvalidInputError(`${field} must be text`, { field });
  return v.trim() === '' ? undefined : v.trim();
}

function optionalInstant(v: unknown, field: string): string | undefined {
  const text = optionalText(v, field);
  if (text === undefined) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new InvalidInputError(`${field} must be an ISO 8601 date or instant`, { field });
  return new Date(at).toISOString();
}

/** Reads for the deployment service. */
export class DeploymentReads {
  private readonly deps: DeploymentReadDeps;

  constructor(deps: DeploymentReadDeps) {
    this.deps = deps;
  }

  /** The group a deployment is distributed to. */
  groupOf(deploymentId: string): string {
    return groupIdFor(deploymentId);
  }

  /** The request as the caller may read it (else 404). */
  async request(p: Principal, id: string): Promise<HeldRequest> {
    const found = await this.deps.assistance.request(id);
    const v = found ? await this.visible(p, id) : undefined;
    if (found === undefined || v === undefined) throw new NotFoundError(`assistance request ${id}`);
    const location = requestFields(v.object).needs.location;
    return { record: found.record, label: v.label, object: v.object, location };
  }

  /** The deployment as the caller may read it (else 404), with its request's record. */
  async deployment(p: Principal, id: string): Promise<HeldDeployment> {
    const found = await this.deps.assistance.deployment(id);
    const v = found ? await this.visible(p, id) : undefined;
    if (found === undefined || v === undefined) throw new NotFoundError(`deployment ${id}`);
    const request = await this.deps.assistance.request(found.record.requestId);
    return { record: found.record, label: v.label, object: v.object, request: request?.record };
  }

  /** A task of the deployment the caller may read (else 404). */
  async task(p: Principal, deploymentId: string, taskId: string): Promise<{ object: JsonObject; label: AccessLabel }> {
    const work = await this.deps.assistance.workOf([deploymentId]);
    const row = work.find((w) => w.record.id === taskId && w.record.kind === 'task');
    const v = row ? await this.visible(p, taskId) : undefined;
    if (v === undefined) throw new NotFoundError(`task ${taskId}`);
    return v;
  }

  /** The experts the requester accepted: the latest decision on each offer the caller may read,
   *  of an offer not withdrawn. */
  async accepted(p: Principal, requestId: string): Promise<AcceptedExpert[]> {
    const latest = latestDecisions((await this.deps.assistance.decisionsOf([requestId])).map((d) => d.record));
    const offers = new Map((await this.deps.assistance.offersOf([requestId])).map((o) => [o.record.id, o.record]));
    const ids = [...latest.values()].filter((d) => d.decision === 'accepted' && offers.get(d.offerId)?.status === 'offered');
    const seen = await this.deps.gate.filter(readAs(p), await this.deps.objects.getMany(ids.map((d) => d.offerId)));
    const out: AcceptedExpert[] = [];
    for (const v of seen) {
      const decision = latest.get(v.id);
      const offer = offers.get(v.id);
      if (decision === undefined || offer === undefined) continue;
      for (const e of offerFields(JSON.parse(v.json) as JsonObject).experts)
        if (decision.profileIds.includes(e.profileId))
          out.push({ profileId: e.profileId, orgId: offer.orgId, offerId: v.id, covers: [...e.covers] });
    }
    return out;
  }

  /** The organisation the command line records work for: the one it names, else the requester. */
  async actingOrg(p: Principal, orgId: string | undefined, d: HeldDeployment): Promise<string> {
    return (await this.deps.owner(p, { orgId: orgId ?? d.record.orgId })).orgId;
  }

  /** Refuses changing an object whose organisation is hosted on another node: only the
   *  originating node publishes new versions (DESIGN.md, Federation). */
  async hostedHere(orgId: string): Promise<void> {
    const org = await this.deps.orgs.getOrg(orgId);
    if (org !== undefined && org.node !== null)
      throw new ForbiddenError(`${org.name} is hosted on another node: its requests and deployments are written there`);
  }

  /** `object` with the parent's markings other than its TLP (classification, releasability,
   *  exercise): a deployment's work is as classified as the deployment (the TLP and the
   *  distribution are the writer's owner defaults, set from the parent's label). */
  carry(parent: { object: JsonObject }, object: StixObject): StixObject {
    const refs = Array.isArray(parent.object['object_marking_refs']) ? parent.object['object_marking_refs'] : [];
    const kept = refs.filter((r): r is string => typeof r === 'string' && tlpOfMarkingId(r) === undefined && !TLP1_MARKING_IDS.has(r));
    return kept.length === 0 ? object : { ...object, object_marking_refs: kept };
  }

  /** A new task's fields, checked by field. */
  checkTask(input: NewTask): { name: string; description?: string; assignee?: string; due?: string } {
    const name = optionalText(input?.name, 'name');
    if (name === undefined) throw new InvalidInputError('a task needs a name', { field: 'name' });
    const description = optionalText(input.description, 'description');
    const assignee = optionalText(input.assignee, 'assignee');
    const due = optionalInstant(input.due, 'due');
    return { name, ...(description ? { description } : {}), ...(assignee ? { assignee } : {}), ...(due ? { due } : {}) };
  }

  /** A task change, checked by field. */
  checkTaskUpdate(input: TaskUpdate): { outcome?: string; assignee?: string; due?: string } {
    const outcome = optionalText(input?.outcome, 'outcome');
    // The incident suite's task-outcome-enum (§5.7) is closed.
    if (outcome !== undefined && !TASK_OUTCOME.values.has(outcome))
      throw new InvalidInputError(`outcome must be one of ${[...TASK_OUTCOME.values].join(', ')}`, { field: 'outcome' });
    const assignee = optionalText(input.assignee, 'assignee');
    const due = optionalInstant(input.due, 'due');
    if (outcome === undefined && assignee === undefined && due === undefined)
      throw new InvalidInputError('give an outcome, an assignee or a due date', { field: 'outcome' });
    return { ...(outcome ? { outcome } : {}), ...(assignee ? { assignee } : {}), ...(due ? { due } : {}) };
  }

  /** The latest version of `id` as the caller may read it, with its label. */
  private async visible(p: Principal, id: string): Promise<{ object: JsonObject; label: AccessLabel } | undefined> {
    const stored = await this.deps.objects.get(id);
    const [v] = stored ? await this.deps.gate.filter(readAs(p), [stored]) : [];
    if (v === undefined) return undefined;
    // The command line reads without a policy decision, so without a label: read it here.
    const label = v.label ?? (await this.deps.access.latest([id])).get(id);
    return label === undefined ? undefined : { object: JSON.parse(v.json) as JsonObject, label };
  }
}
