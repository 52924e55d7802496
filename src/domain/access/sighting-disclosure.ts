// Who sighted, as far as a reader may know (issue 17, must 2): the one rule every read path that
// shows a sighter applies (the aggregate, the list, alerts). The sighting organisation sees its
// own sightings whole; partners see the organisation only when it chose `organization`, its
// country and sectors with `organization` or `country-sector`, and nothing with `anonymous`.
// Pure; whether the reader may see the sighting at all is canSeeWithEnds' question, asked first.
import type { Disclosure, SighterView } from '../sightings/api.ts';
import type { SightingRecord } from '../sightings/types.ts';
import type { Reader } from './types.ts';

/** What this node knows of an organisation (undefined: not known here). */
export type OrgLookup = (orgId: string) => { name: string; country: string | null; sectors: readonly string[] } | undefined;

/** Whether partners learn the organisation, and its country and sectors, under `disclosure`. */
export function discloses(disclosure: Disclosure): { org: boolean; place: boolean } {
  return { org: disclosure === 'organization', place: disclosure !== 'anonymous' };
}

/** The sighter of `record` as `reader` may know it. */
export function sighterAs(reader: Pick<Reader, 'orgIds'>, record: SightingRecord, orgs: OrgLookup): SighterView {
  const own = reader.orgIds.includes(record.ownerOrg);
  const known = orgs(record.ownerOrg);
  if (own) {
    // The sighting organisation's own: its name, and its place even when partners learn none.
    return {
      org: { id: record.ownerOrg, name: known?.name ?? record.ownerOrg },
      country: record.country ?? known?.country ?? null,
      sectors: record.sectors.length > 0 ? [...record.sectors] : [...(known?.sectors ?? [])],
      own: true,
    };
  }
  const shown = discloses(record.disclosure);
  return {
    org: shown.org ? { id: record.ownerOrg, name: known?.name ?? record.ownerOrg } : null,
    country: shown.place ? record.country : null,
    sectors: shown.place ? [...record.sectors] : [],
    own: false,
  };
}
