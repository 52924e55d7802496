// What an incident write starts from (issue 16, musts 2, 4 and 5): the incident as the writer may
// see it (a 404 otherwise, never a 403 that reveals it), who the writer is to it (its owner, the
// owner's CSIRT, the coordinator it was handed to), and the reports and answers stored on it,
// from which the Article 23 clock facts are read.
import type { AccessLabel } from '../domain/access/types.ts';
import type { Principal } from '../domain/identity/principal.ts';
import type { Org } from '../domain/identity/types.ts';
import { type HeldAnswer, type HeldReport, heldAnswer, heldReport } from '../domain/incidents/facts.ts';
import type { Owned } from '../domain/incidents/project.ts';
import { nis2Of } from '../domain/incidents/read.ts';
import type { StixObject } from '../domain/stix/types.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { AccessRepo, ObjectRepo, OrgRepo } from '../store/repositories.ts';
import { type AccessGate, readAs } from './access-gate.ts';

export interface HeldDeps {
  objects: ObjectRepo;
  access: Pick<AccessRepo, 'latest'>;
  gate: AccessGate;
  orgs: Pick<OrgRepo, 'getOrg'>;
}

/** A stored object with its label. */
export interface Labelled {
  object: StixObject;
  label: AccessLabel;
}

/** Who the writer is to an incident: its owner, the owner's CSIRT, its coordinator (after a
 *  handover, must 6), or none of them. */
export type Standing = 'owner' | 'csirt' | 'coordinator' | 'none';

export interface HeldIncident extends Labelled {
  owner: Org | undefined;
  /** The CSIRT whose constituency the owner is in. */
  csirtOrg: string | null;
  /** The organisation the incident was handed to (NIS2 extension coordinator_ref). */
  coordinator: string | null;
  reports: (HeldReport & Labelled)[];
  answers: (HeldAnswer & Labelled)[];
  standing: Standing;
  /** The writing organisation (the owner's, for the command line). */
  writerOrg: string;
}

/** The latest version of `id` as `p` may read it, with its label; NOT_FOUND otherwise. */
export async function readable(deps: HeldDeps, p: Principal, id: string, field?: string): Promise<Labelled> {
  const stored = await deps.objects.get(id);
  const [visible] = stored ? await deps.gate.filter(readAs(p), [stored]) : [];
  const label = (await deps.access.latest([id])).get(id);
  if (!stored || !visible || !label) throw new NotFoundError(id, field === undefined ? {} : { field });
  return { object: JSON.parse(stored.json) as StixObject, label };
}

function standingOf(writerOrg: string, held: Pick<HeldIncident, 'label' | 'csirtOrg' | 'coordinator'>): Standing {
  if (writerOrg === held.label.ownerOrg) return 'owner';
  if (writerOrg === held.csirtOrg) return 'csirt';
  if (writerOrg === held.coordinator) return 'coordinator';
  return 'none';
}

/** The incident `id` as `p` may read it, its reports and answers, and the writer's standing. */
export async function holdIncident(deps: HeldDeps, p: Principal, id: string): Promise<HeldIncident> {
  const { object, label } = await readable(deps, p, id);
  if (object.type !== 'incident') throw new NotFoundError(`incident ${id}`);
  const owner = await deps.orgs.getOrg(label.ownerOrg);
  const csirtOrg = owner?.csirtOrg ?? null;
  const coordinator = nis2Of(object)?.coordinator_ref ?? null;
  const edges = (await deps.objects.edges([id])).filter((e) => e.target === id && e.property === 'object_refs');
  const sources = await deps.objects.getMany([...new Set(edges.map((e) => e.source))]);
  const labels = await deps.access.latest(sources.map((s) => s.id));
  const reports: HeldIncident['reports'] = [];
  const answers: HeldIncident['answers'] = [];
  for (const s of sources) {
    const o = JSON.parse(s.json) as StixObject;
    const label = labels.get(s.id);
    if (label === undefined) continue;
    const report = heldReport(o, id);
    if (report) reports.push({ ...report, object: o, label });
    const answer = heldAnswer(o, id);
    if (answer) answers.push({ ...answer, object: o, label });
  }
  const writerOrg = p.kind === 'user' ? p.org.id : label.ownerOrg;
  const held = { object, label, owner, csirtOrg, coordinator, reports, answers, writerOrg };
  return { ...held, standing: p.kind === 'system' ? 'owner' : standingOf(writerOrg, held) };
}

/** Refuses a writer whose standing is not among `allowed`, saying who may. */
export function requireStanding(held: HeldIncident, allowed: readonly Standing[], what: string): void {
  if (allowed.includes(held.standing)) return;
  const who = allowed.map((s) => (s === 'owner' ? "the incident's organisation" : s === 'csirt' ? 'its CSIRT' : 'its coordinator'));
  throw new ForbiddenError(`only ${who.join(' or ')} may ${what} on ${held.object.id}`, { field: 'id' });
}

/** A held report or answer as the clock facts read it: the object and its owner. */
export const owned = (x: Labelled): Owned => ({ object: x.object, ownerOrg: x.label.ownerOrg });
