// The sighting projection (issue 17, musts 1 and 3): one SightingRecord per stored sighting's
// latest version, however it came (the API, imports, feeds, peers). Pure: the projector reads
// the version, its label and its owner organisation, and this decides the row.
import type { AccessLabel } from '../access/types.ts';
import type { JsonObject } from '../stix/types.ts';
import { DISCLOSURES, SIGHTING_TYPES, type Disclosure, type SightingType } from './api.ts';
import { sightingExtOf } from './extension.ts';
import type { SightingRecord } from './types.ts';

/** A stored sighting with what projecting it needs. */
export interface StoredSighting {
  object: JsonObject;
  seq: number;
  label: AccessLabel;
  /** The label owner's organisation, when this node knows it. */
  owner: { country: string | null; sectors: readonly string[] } | undefined;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const oneOf = <T extends string>(values: readonly T[], v: unknown, fallback: T): T =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fallback;

/**
 * The row of a sighting, or undefined when none is kept (revoked: STIX 2.1 §3.6, or not a
 * sighting of anything). A sighting without Concord's extension (a MISP import, another
 * platform's) is a plain sighting disclosed as its owner's. The sighter is the owner organisation
 * when the organisation is disclosed, else the extension's token (or, lacking one, the owner:
 * never merged with another sighter). Country and sectors: what the extension says, else, for a
 * disclosed organisation, the owner's; never for an anonymous one.
 */
export function projectSighting(s: StoredSighting): SightingRecord | undefined {
  const o = s.object;
  const of = str(o['sighting_of_ref']);
  if (o['type'] !== 'sighting' || of === null || o['revoked'] === true) return undefined;
  const ext = sightingExtOf(o);
  const disclosure: Disclosure = oneOf(DISCLOSURES, ext?.disclosure, 'organization');
  const type: SightingType = oneOf(SIGHTING_TYPES, ext?.sighting_type, 'sighting');
  const ownerOrg = s.label.ownerOrg;
  const token = str(ext?.sighter_token);
  const sighter = disclosure === 'organization' ? ownerOrg : (token ?? `owner:${ownerOrg}`);
  const extCountry = str(ext?.country);
  const extSectors = Array.isArray(ext?.sectors) ? ext.sectors.filter((x): x is string => typeof x === 'string') : [];
  const known = disclosure === 'organization' ? s.owner : undefined;
  const country = disclosure === 'anonymous' ? null : (extCountry ?? known?.country ?? null);
  const sectors = disclosure === 'anonymous' ? [] : extSectors.length > 0 ? extSectors : [...(known?.sectors ?? [])];
  const created = str(o['created']) ?? '1970-01-01T00:00:00.000Z';
  const lastSeen = str(o['last_seen']) ?? str(o['first_seen']) ?? created;
  const firstSeen = str(o['first_seen']) ?? lastSeen;
  const count = typeof o['count'] === 'number' && Number.isInteger(o['count']) ? o['count'] : 1;
  return {
    id: String(o['id']),
    seq: s.seq,
    of,
    ofType: of.slice(0, Math.max(0, of.indexOf('--'))),
    ownerOrg,
    disclosure,
    sighter,
    country,
    sectors,
    type,
    count,
    firstSeen,
    lastSeen,
    exercise: s.label.exercise ?? null,
    description: str(o['description']),
  };
}
