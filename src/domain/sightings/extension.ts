// Concord's sighting extension on `sighting` (issue 17, musts 1 and 2): what a sighting says
// (MISP's sighting types 0, 1, 2: seen, a false positive, expired) and what partners may learn of
// who sighted. Declared by an extension-definition Concord publishes (concord-markings.ts) and
// validated like every other extension (extension-registry.ts); the rule that an undisclosed
// sighting names no organisation is a rule on the sighting itself (defs-meta.ts calls
// checkSightingDisclosure), since it is about the host's properties.

import { NIS2_SECTOR_BY_KEY } from '../incidents/nis2-sectors.ts';
import { isRecord, type JsonRecord, type Reporter, q } from '../stix/reporter.ts';
import * as s from '../stix/schema.ts';
import type { StructDef } from '../stix/schema.ts';
import { CONCORD_SIGHTING_EXTENSION_ID, type ConcordSightingExtension, DISCLOSURES, SIGHTING_TYPES } from './api.ts';

const { STRING, props, listOf, formatted } = s;

export const SIGHTING_SECTION = 'Concord sighting extension';

const oneOf = (values: readonly string[]) => formatted(`one of ${values.join(', ')}`, (c) => values.includes(c));

// ISO 3166-1 alpha-2 codes are two upper-case letters (the case keeps them apart from community ids).
const COUNTRY = formatted('an ISO 3166-1 alpha-2 country code in upper case, e.g. DE', (c) => /^[A-Z]{2}$/.test(c));
// A NIS2 Annex I/II sector key, or `sector/subsector` (identity's sectors, nis2-sectors.ts).
const SECTOR = formatted('a NIS2 sector key such as energy or energy/electricity', (c) => NIS2_SECTOR_BY_KEY.has(c.split('/')[0] ?? ''));
// A keyed hash (HMAC-SHA256, lower-case hex): see build.ts sighterToken.
const TOKEN = formatted('64 lower-case hexadecimal digits', (c) => /^[0-9a-f]{64}$/.test(c));

function checkContent(o: JsonRecord, r: Reporter): void {
  const disclosure = o['disclosure'];
  // Must 2: an anonymous sighting tells partners only that someone sighted.
  if (disclosure === 'anonymous') {
    for (const key of ['country', 'sectors'] as const)
      if (o[key] !== undefined)
        r.error(
          'forbidden-property',
          SIGHTING_SECTION,
          `an anonymous sighting carries no ${q(key)} (must 2: only that someone sighted)`,
          key,
        );
  }
  // Rules count distinct sighters by the token when the organisation is not named.
  if ((disclosure === 'country-sector' || disclosure === 'anonymous') && o['sighter_token'] === undefined)
    r.error(
      'required-property',
      SIGHTING_SECTION,
      `a sighting with disclosure ${q(String(disclosure))} requires 'sighter_token'`,
      'sighter_token',
    );
}

/** The content of `sighting.extensions[CONCORD_SIGHTING_EXTENSION_ID]`. */
export const SIGHTING_EXTENSION: StructDef = {
  name: 'the Concord sighting extension',
  section: SIGHTING_SECTION,
  props: props({
    extension_type: STRING,
    sighting_type: oneOf(SIGHTING_TYPES),
    disclosure: oneOf(DISCLOSURES),
    sighter_token: TOKEN,
    country: COUNTRY,
    sectors: listOf(SECTOR),
  }),
  required: ['extension_type', 'sighting_type', 'disclosure'],
  check: checkContent,
};

/** The extension's content on a sighting, when it carries one. */
export function sightingExtOf(o: JsonRecord): Partial<ConcordSightingExtension> | undefined {
  const exts = o['extensions'];
  if (!isRecord(exts)) return undefined;
  const ext = exts[CONCORD_SIGHTING_EXTENSION_ID];
  return isRecord(ext) ? (ext as Partial<ConcordSightingExtension>) : undefined;
}

/**
 * Must 2: a sighting whose disclosure is not `organization` names no organisation, neither as its
 * creator nor where it was sighted (a location may stay). Reported at the property that names
 * one; the reporter path is at the sighting.
 */
export function checkSightingDisclosure(o: JsonRecord, r: Reporter): void {
  const disclosure = sightingExtOf(o)?.disclosure;
  // An unknown value is the extension's own error (its table), not a reason to refuse more.
  if (disclosure !== 'country-sector' && disclosure !== 'anonymous') return;
  const why = `a sighting with disclosure ${q(disclosure)} must not name an organisation (${SIGHTING_SECTION}; issue 17, must 2)`;
  if (o['created_by_ref'] !== undefined) r.error('forbidden-property', SIGHTING_SECTION, why, 'created_by_ref');
  const where = o['where_sighted_refs'];
  if (Array.isArray(where)) {
    r.push('where_sighted_refs');
    where.forEach((ref, i) => {
      if (typeof ref === 'string' && ref.startsWith('identity--')) r.error('forbidden-property', SIGHTING_SECTION, why, i);
    });
    r.pop();
  }
}

/** The `schema` text of the extension-definition (STIX 2.1 §7.3). */
export const SIGHTING_EXTENSION_SCHEMA = [
  'Property extension of sighting objects: what the sighting says and what partners learn of who sighted (issue 17).',
  `sighting_type (string, required): one of ${SIGHTING_TYPES.join(', ')} (MISP sighting types 0, 1, 2).`,
  `disclosure (string, required): one of ${DISCLOSURES.join(', ')}. With organization the sighting names its organisation in created_by_ref and where_sighted_refs; otherwise it names no identity there.`,
  'sighter_token (string, 64 lower-case hex; required unless disclosure is organization): HMAC-SHA256, keyed by a secret of the sighting node, of the organisation id and sighting_of_ref; counts distinct sighters of one object without naming them.',
  'country (string): ISO 3166-1 alpha-2 of the sighter; sectors (list of string): its NIS2 sector keys. Absent when disclosure is anonymous.',
].join('\n');
