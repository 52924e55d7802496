// The work item of an incident a write changes (issue 16, must 5): a task or impact the writer
// may read, that belongs to the incident (named in its core extension, or linked to it by a
// `related-to` from the item), and that the writer's organisation created: only the creator
// versions an object (STIX 2.1 §3.6).
import type { Principal } from '../domain/identity/principal.ts';
import { incidentCoreOf } from '../domain/incidents/read.ts';
import { NotFoundError, NotOwnerError } from '../errors.ts';
import { type HeldDeps, type HeldIncident, type Labelled, readable } from './incident-held.ts';

async function linkedTo(deps: HeldDeps, itemId: string, incidentId: string): Promise<boolean> {
  const edges = (await deps.objects.edges([itemId])).filter((e) => e.target === itemId && e.property === 'source_ref');
  const rels = await deps.objects.getMany(edges.map((e) => e.source));
  return rels.some((r) => {
    const o = JSON.parse(r.json) as Record<string, unknown>;
    return o['relationship_type'] === 'related-to' && o['target_ref'] === incidentId;
  });
}

/** The task or impact `itemId` of `held` as the writer may change it; NOT_FOUND or NOT_OWNER naming `field`. */
export async function workItem(
  deps: HeldDeps,
  p: Principal,
  held: HeldIncident,
  type: 'task' | 'impact',
  itemId: string,
  field: string,
): Promise<Labelled> {
  const item = await readable(deps, p, itemId, field);
  if (item.object.type !== type) throw new NotFoundError(`${type} ${itemId}`, { field });
  const core = incidentCoreOf(held.object);
  const refs = type === 'task' ? core?.task_refs : core?.impact_refs;
  if (!refs?.includes(itemId) && !(await linkedTo(deps, itemId, held.object.id)))
    throw new NotFoundError(`${type} ${itemId} of ${held.object.id}`, { field });
  if (p.kind === 'user' && item.label.ownerOrg !== held.writerOrg)
    throw new NotOwnerError(`${itemId} was added by another organisation; only it publishes new versions of it (STIX 2.1 §3.6)`, {
      field,
      ownerOrg: item.label.ownerOrg,
    });
  return item;
}
