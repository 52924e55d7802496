// The sharing groups of rapid response (issue 18): a request to named organisations, an offer and
// a deployment each go to a group owned by the organisation that writes them, whose members are
// the organisations concerned (NOTES: the wire format). Access stays the one policy's (DESIGN.md
// principle 2): the objects are distributed to the group, and the group travels to peers with
// them (federation/provenance.ts GroupStatement), as the incidents' shares do.
import type { SharingGroup } from '../domain/identity/types.ts';
import { actorName, type Principal } from '../domain/identity/principal.ts';
import { concordUuid } from '../domain/markings/concord-markings.ts';
import type { OrgRepo } from '../store/repositories.ts';
import type { AuditSink } from './audit.service.ts';

/** The sharing group of an assistance object: derived from its id, so that every new version of
 *  the object (a deployment whose members change) finds the same group. */
export function groupIdFor(objectId: string): string {
  return concordUuid(`assistance-group:${objectId}`);
}

export interface GroupPlan {
  /** groupIdFor(the object's id). */
  id: string;
  /** The organisation that writes the object and manages the group. */
  owner: string;
  members: readonly string[];
  name: string;
  description: string;
}

export interface AssistanceGroupsDeps {
  orgs: Pick<OrgRepo, 'getSharingGroup' | 'putSharingGroup'>;
  audit: AuditSink;
  /** Forgets cached principals: a new group or member changes who reads what. */
  invalidate: () => void;
  now?: () => Date;
}

/** Creates and keeps the groups assistance objects are distributed to. */
export class AssistanceGroups {
  private readonly deps: AssistanceGroupsDeps;

  constructor(deps: AssistanceGroupsDeps) {
    this.deps = deps;
  }

  /** The group as planned, made by `p` (the audit log names them): created (its name made unique with the group's id), or its members
   *  brought up to date (the owner is always a member). Unchanged groups are left alone (no audit record, no invalidation). */
  async ensure(p: Principal, plan: GroupPlan): Promise<SharingGroup> {
    const members = [...new Set([plan.owner, ...plan.members])].sort();
    const held = await this.deps.orgs.getSharingGroup(plan.id);
    if (held !== undefined && !held.disabled && sameMembers(held.members, members)) return held;
    const now = (this.deps.now?.() ?? new Date()).toISOString();
    const g: SharingGroup = {
      id: plan.id,
      // Group names are unique on a node: two offers for one request share a title.
      name: held?.name ?? `${plan.name.slice(0, 180)} (${plan.id.slice(0, 8)})`,
      description: plan.description,
      ownerOrg: plan.owner,
      members,
      disabled: false,
      createdAt: held?.createdAt ?? now,
      updatedAt: now,
      origin: null,
    };
    await this.deps.orgs.putSharingGroup(g);
    this.deps.invalidate();
    await this.deps.audit.record({
      action: held === undefined ? 'admin.sharing_group.add' : 'admin.sharing_group.update',
      actor: actorName(p),
      target: g.id,
      details: { name: g.name, members },
    });
    return g;
  }
}

function sameMembers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((m, i) => m === b[i]);
}
