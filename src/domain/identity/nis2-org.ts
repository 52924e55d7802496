// What an organisation is under NIS2 (issue 16, must 2): its role (a CSIRT, or an essential or
// important entity, Directive (EU) 2022/2555 Art. 3), its Annex I/II sectors and, for an
// entity, the CSIRT whose constituency it is in (Art. 10, 23(1): an entity notifies its CSIRT).
// Pure checks; the organisation service applies them and keeps the constituency group.
import { InvalidInputError } from '../../errors.ts';
import { constituencyGroupId } from '../incidents/constituency.ts';
import { isNis2Subsector, NIS2_SECTOR_BY_KEY } from '../incidents/nis2-sectors.ts';
import { NIS2_ROLES, type Nis2Role, type Org } from './types.ts';

/** A NIS2 role, or null for "none" (the CLI's and the form's word for it). */
export function checkNis2Role(value: string | null): Nis2Role | null {
  if (value === null || value === '' || value === 'none') return null;
  const role = NIS2_ROLES.find((r) => r === value);
  if (role === undefined) {
    throw new InvalidInputError(`nis2Role "${value}" must be one of ${NIS2_ROLES.join(', ')} or none`, { field: 'nis2Role' });
  }
  return role;
}

/** Sector keys of the NIS2 Annexes (`sector` or `sector/subsector`), without repeats. */
export function checkSectors(values: readonly string[]): string[] {
  const out: string[] = [];
  for (const [i, raw] of values.entries()) {
    const v = raw.trim();
    const [sector = '', subsector, extra] = v.split('/');
    const known = NIS2_SECTOR_BY_KEY.has(sector) && extra === undefined && (subsector === undefined || isNis2Subsector(sector, subsector));
    if (!known) {
      throw new InvalidInputError(
        `sectors[${i}] "${raw}" is not a NIS2 Annex I or II sector or sector/subsector key (such as energy/electricity)`,
        {
          field: `sectors[${i}]`,
        },
      );
    }
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * The CSIRT rule: only an essential or important entity is in a CSIRT's constituency, the CSIRT
 * must be an organisation whose role is 'csirt', and an organisation is not its own CSIRT.
 * `csirt` is the organisation named by `org.csirtOrg` (undefined when it does not exist).
 */
export function checkCsirt(org: Pick<Org, 'id' | 'nis2Role' | 'csirtOrg'>, csirt: Org | undefined): void {
  if (org.csirtOrg === null) return;
  if (org.nis2Role !== 'essential' && org.nis2Role !== 'important') {
    const what = org.nis2Role === 'csirt' ? 'a CSIRT is in no constituency' : 'only an essential or important entity has a CSIRT';
    throw new InvalidInputError(`csirtOrg: ${what}; clear csirtOrg or set nis2Role`, { field: 'csirtOrg' });
  }
  if (csirt === undefined) throw new InvalidInputError(`csirtOrg: organisation ${org.csirtOrg} does not exist`, { field: 'csirtOrg' });
  if (csirt.id === org.id) throw new InvalidInputError('csirtOrg: an organisation is not its own CSIRT', { field: 'csirtOrg' });
  if (csirt.nis2Role !== 'csirt') {
    throw new InvalidInputError(`csirtOrg: ${csirt.name} is not a CSIRT (its NIS2 role is ${csirt.nis2Role ?? 'none'})`, {
      field: 'csirtOrg',
    });
  }
}

/** The constituency sharing group of an entity as its CSIRT would hold it (constituency.ts). */
export interface ConstituencyGroup {
  id: string;
  name: string;
  description: string;
  ownerOrg: string;
  members: string[];
  disabled: boolean;
}

/**
 * The constituency group `entity` should have now, or undefined when it never had one and has
 * no CSIRT: with a CSIRT, owned by it with members [entity, CSIRT]; without one (it left the
 * constituency) the group it had is kept but disabled, so that nothing it reported is shown to
 * its former CSIRT's new members and the id is never reused for another meaning.
 */
export function constituencyGroup(
  entity: Pick<Org, 'id' | 'name' | 'csirtOrg'>,
  csirt: Pick<Org, 'id' | 'name'> | undefined,
  held: ConstituencyGroup | undefined,
): ConstituencyGroup | undefined {
  const id = constituencyGroupId(entity.id);
  if (entity.csirtOrg === null || csirt === undefined) return held === undefined ? undefined : { ...held, disabled: true };
  return {
    id,
    name: `Constituency of ${csirt.name}: ${entity.name}`,
    description: `NIS2 incidents of ${entity.name}, reported to ${csirt.name} (kept by Concord from the organisation's CSIRT)`,
    ownerOrg: csirt.id,
    members: [entity.id, csirt.id],
    disabled: false,
  };
}

/** True when the group `next` differs from `held` in anything a reader's access depends on. */
export function groupChanged(held: ConstituencyGroup | undefined, next: ConstituencyGroup): boolean {
  return (
    held === undefined ||
    held.name !== next.name ||
    held.ownerOrg !== next.ownerOrg ||
    held.disabled !== next.disabled ||
    held.members.join(' ') !== next.members.join(' ')
  );
}
