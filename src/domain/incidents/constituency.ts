// Who sees an entity's incidents (issue 16, must 2): the entity and the CSIRT whose constituency
// it is in, nobody else unless it is shared. Concord says this with the access policy it already
// has (DESIGN.md principle 2: one policy): each entity has a *constituency sharing group*, owned
// by its CSIRT, whose members are the entity and the CSIRT; what the entity reports, and what
// the CSIRT answers, is distributed to that group. The group travels to peers like any other, so
// a CSIRT on another node than its entity sees the same.
import type { Distribution } from '../access/types.ts';
import type { Org } from '../identity/types.ts';
import { concordUuid } from '../markings/concord-markings.ts';

/** The id of `entityOrg`'s constituency sharing group: stable, so every node names it alike. */
export function constituencyGroupId(entityOrg: string): string {
  return concordUuid(`constituency:${entityOrg}`);
}

/** The TLP incident work carries unless the writer chooses another: FIRST TLP 2.0's
 *  AMBER+STRICT (the organisation and those it names), the usual marking of a NIS2 report. */
export const INCIDENT_DEFAULT_TLP = 'amber+strict';

/**
 * Where an incident of `owner` and its work are distributed: an entity in a CSIRT's
 * constituency shares with that CSIRT through their group; an organisation in no constituency
 * (a CSIRT itself, or an entity not yet placed) keeps it to itself until it shares.
 */
export function incidentDistribution(owner: Pick<Org, 'id' | 'csirtOrg'>): Distribution {
  return owner.csirtOrg === null ? { kind: 'organization' } : { kind: 'sharing-group', id: constituencyGroupId(owner.id) };
}
