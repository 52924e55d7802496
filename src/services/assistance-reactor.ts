// What a node does when the assistance projection changes (issue 18, musts 2 and 6), whoever
// wrote the change (this node, or a requester on a peer):
// - a deployment that includes a profile of an expert on THIS node: the expert's organisation
//   releases the expert's name and contact to the deployment's members, as an
//   `x-concord-deployment-member` card distributed to the deployment's group, once (its id is
//   derived from the deployment and the profile, so a second run finds it). This is the only way
//   a name leaves the node, and only to the deployment's members;
// - an after-action report of such a deployment: the deployment is counted in the expert's past
//   deployments, and the profile gets a new version saying so (idempotent: counted once).
import { MEMBER_CARD_TYPE } from '../domain/assistance/api.ts';
import { memberCardObject } from '../domain/assistance/build.ts';
import type { AssistanceRow, DeploymentRecord, ExpertRecord } from '../domain/assistance/types.ts';
import type { SystemPrincipal } from '../domain/identity/principal.ts';
import { concordUuid } from '../domain/markings/concord-markings.ts';
import { nextModified } from '../domain/writing/compose.ts';
import type { AssistanceRepo, RosterRepo } from '../store/assistance-repositories.ts';
import type { ObjectRepo } from '../store/repositories.ts';
import type { ExpertProfiles } from './expert-profiles.ts';
import type { ImportOwner } from './labeller.ts';
import type { WriteService } from './write.service.ts';

/** Who the reactor writes as: the node itself, for the expert's organisation. */
const REACTOR: SystemPrincipal = Object.freeze({ kind: 'system', name: 'assistance-reactor' });

/** Profile ids asked for at once when sweeping (a bound on the statement's parameters). */
const SWEEP_CHUNK = 500;

/** The member card of `profileId` in `deploymentId`: one per pair, on every run. */
export function memberCardId(deploymentId: string, profileId: string): string {
  return `${MEMBER_CARD_TYPE}--${concordUuid(`member-card:${deploymentId}:${profileId}`)}`;
}

export interface AssistanceReactorDeps {
  assistance: Pick<AssistanceRepo, 'deployment' | 'workOf' | 'deploymentsWith'>;
  roster: Pick<RosterRepo, 'byProfiles' | 'update' | 'list'>;
  /** The organisations hosted on this node (their rosters are here). */
  localOrgs: () => Promise<string[]>;
  objects: Pick<ObjectRepo, 'get'>;
  write: Pick<WriteService, 'storeAll'>;
  profiles: Pick<ExpertProfiles, 'publish'>;
  /** Brings the projection up to date after the reactor wrote (the cards and profiles). */
  catchUp?: () => Promise<void>;
  log: (err: unknown) => void;
  now?: () => Date;
}

/** Releases member cards and counts past deployments, one batch of rows at a time. */
export class AssistanceReactor {
  private readonly deps: AssistanceReactorDeps;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private swept = false;

  constructor(deps: AssistanceReactorDeps) {
    this.deps = deps;
  }

  /** The projector's hook: rows it has just put. Runs after the batches before it. */
  projected(rows: readonly AssistanceRow[]): void {
    const deployments = new Set<string>();
    for (const row of rows) {
      if (row.kind === 'deployment') deployments.add(row.record.id);
      else if (row.kind === 'work' && row.record.kind === 'after-action') deployments.add(row.record.deploymentId);
    }
    if (this.closed) return;
    if (!this.swept) {
      this.swept = true;
      this.chain = this.chain.then(() => this.sweep().catch((err: unknown) => this.deps.log(err)));
    }
    if (deployments.size === 0) return;
    this.chain = this.chain.then(() => this.react([...deployments]).catch((err: unknown) => this.deps.log(err)));
  }

  /**
   * Reacts to every deployment that names an expert of this node, once per process, at the first
   * projection: what a stopped process left undone between projecting a deployment and releasing
   * its cards (or counting its report) is done then (DESIGN.md principle 3: nothing is lost).
   */
  async sweep(): Promise<void> {
    const profileIds: string[] = [];
    for (const org of await this.deps.localOrgs()) for (const e of await this.deps.roster.list(org)) profileIds.push(e.profileId);
    const ids = new Set<string>();
    for (let at = 0; at < profileIds.length; at += SWEEP_CHUNK)
      for (const d of await this.deps.assistance.deploymentsWith(profileIds.slice(at, at + SWEEP_CHUNK))) ids.add(d.record.id);
    if (ids.size > 0) await this.react([...ids]);
  }

  /** Resolves when the reactions under way are done. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Starts no reaction from now on and waits for the one under way. */
  close(): Promise<void> {
    this.closed = true;
    return this.chain;
  }

  /** Reacts to the current state of each deployment (not to the row: a later version may be
   *  held). One expert's failure is logged and does not keep the others' cards back. */
  async react(deploymentIds: readonly string[]): Promise<void> {
    let wrote = false;
    for (const id of deploymentIds) {
      const found = await this.deps.assistance.deployment(id);
      if (found === undefined || found.label === null) continue;
      const { record, label } = found;
      const experts = await this.deps.roster.byProfiles(record.profileIds);
      if (experts.length === 0) continue;
      const reported = (await this.deps.assistance.workOf([id])).some((w) => w.record.kind === 'after-action');
      for (const e of experts) {
        try {
          if (await this.release(record, label, e)) wrote = true;
          if (reported && (await this.count(id, e))) wrote = true;
        } catch (err) {
          this.deps.log(err);
        }
      }
    }
    if (wrote) await this.deps.catchUp?.();
  }

  /** Writes the expert's member card for the deployment, unless it is held already. */
  private async release(d: DeploymentRecord, label: Pick<ImportOwner, 'tlp' | 'distribution'>, e: ExpertRecord): Promise<boolean> {
    const id = memberCardId(d.id, e.profileId);
    if ((await this.deps.objects.get(id)) !== undefined) return false;
    // Stamped with the deployment version that named the expert, not the clock: two processes
    // reacting to the same row (api and worker roles on one database) write the same version.
    const at = d.modified;
    const object = memberCardObject(
      {
        deploymentId: d.id,
        profileId: e.profileId,
        name: e.name,
        ...(e.email === null ? {} : { email: e.email }),
        ...(e.phone === null ? {} : { phone: e.phone }),
      },
      { id, created: at, modified: at, creator: e.orgId },
    );
    // Written by the expert's organisation to the deployment's group under its TLP (must 2: names
    // only to the deployment's members). No writer: the node acts for its organisation.
    const owner: ImportOwner = { orgId: e.orgId, tlp: label.tlp, distribution: label.distribution, actor: `system:${REACTOR.name}` };
    await this.deps.write.storeAll(REACTOR, [{ object }], owner, 'deployment.member.release');
    return true;
  }

  /** Counts the deployment in the expert's past deployments once, and republishes the profile. */
  private async count(deploymentId: string, e: ExpertRecord): Promise<boolean> {
    if (e.deploymentIds.includes(deploymentId)) return false;
    const next: ExpertRecord = { ...e, deploymentIds: [...e.deploymentIds, deploymentId], modified: nextModified(e.modified, this.now()) };
    if (next.published) await this.deps.profiles.publish(REACTOR, next);
    await this.deps.roster.update(e.orgId, next);
    return true;
  }

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }
}
