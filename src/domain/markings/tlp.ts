// Traffic Light Protocol. TLP 2.0 is Concord's working scale (DESIGN.md, Markings, distribution
// and access: "exactly one TLP 2.0 marking"); TLP 1.0 input (STIX 2.1 §7.2.1.4) is mapped onto it.

import { TLP_MARKINGS } from '../stix/tlp.ts';
import type { StixObject } from '../stix/types.ts';

/** A TLP 2.0 level. */
export type Tlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

/** TLP 2.0 levels from least to most restrictive (FIRST TLP 2.0: AMBER+STRICT narrows AMBER). */
export const TLP_LEVELS: readonly Tlp[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** The TLP 2.0 extension-definition (oasis-open/cti-stix-common-objects, tlp-2.0). */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The identity that created the TLP 2.0 extension-definition (OASIS). */
export const TLP2_EXTENSION_CREATOR = 'identity--b3bca3c2-1f3d-4b54-b44f-dac42c3a8f01';

/** The `created` timestamp of the TLP 2.0 extension and marking definitions. */
export const TLP2_CREATED = '2022-10-01T00:00:00.000Z';

/** The five standard TLP 2.0 marking-definition ids (shared/standards/tlp/tlp2-marking-definitions). */
export const TLP2_MARKING_IDS: Readonly<Record<Tlp, string>> = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};

// TLP 1.0 → 2.0: WHITE became CLEAR; GREEN, AMBER and RED kept their meaning (DESIGN.md).
const TLP1_TO_TLP2: Readonly<Record<string, Tlp>> = { white: 'clear', green: 'green', amber: 'amber', red: 'red' };

/** The four STIX 2.1 §7.2.1.4 TLP 1.0 marking-definition ids, mapped to TLP 2.0 levels. */
export const TLP1_MARKING_IDS: ReadonlyMap<string, Tlp> = new Map(
  [...TLP_MARKINGS].map(([level, marking]) => [marking.id, TLP1_TO_TLP2[level] ?? 'red'] as const),
);

const TLP2_BY_ID: ReadonlyMap<string, Tlp> = new Map(TLP_LEVELS.map((level) => [TLP2_MARKING_IDS[level], level] as const));

/** The TLP 2.0 level of a standard TLP 2.0 or TLP 1.0 marking-definition id, else undefined. */
export function tlpOfMarkingId(id: string): Tlp | undefined {
  return TLP2_BY_ID.get(id) ?? TLP1_MARKING_IDS.get(id);
}

/** Position of a level on the TLP 2.0 scale: 0 for CLEAR up to 4 for RED. */
export function tlpRank(tlp: Tlp): number {
  return TLP_LEVELS.indexOf(tlp);
}

/** The most restrictive of several levels; undefined for none. */
export function mostRestrictiveTlp(levels: Iterable<Tlp>): Tlp | undefined {
  let worst: Tlp | undefined;
  for (const level of levels) {
    if (worst === undefined || tlpRank(level) > tlpRank(worst)) worst = level;
  }
  return worst;
}

/** True when `s` names a TLP 2.0 level. */
export function isTlp(s: unknown): s is Tlp {
  return typeof s === 'string' && (TLP_LEVELS as readonly string[]).includes(s);
}

/** The TLP 2.0 extension-definition object, as OASIS publishes it. */
export function tlp2ExtensionDefinition(): StixObject {
  return {
    type: 'extension-definition',
    spec_version: '2.1',
    id: TLP2_EXTENSION_ID,
    name: 'TLP 2.0',
    description: 'This defines TLP 2.0 as a STIX extension',
    created: TLP2_CREATED,
    modified: TLP2_CREATED,
    created_by_ref: TLP2_EXTENSION_CREATOR,
    schema: 'https://github.com/oasis-open/cti-stix-common-objects/tree/master/extension-definition-specifications/tlp-2.0',
    version: '1.0.0',
    extension_types: ['property-extension'],
  };
}

/**
 * The standard TLP 2.0 marking definition of `tlp`: a marking-definition with no
 * definition_type, whose meaning is the `tlp_2_0` property of the TLP 2.0 property extension.
 */
export function tlp2MarkingDefinition(tlp: Tlp): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKING_IDS[tlp],
    created: TLP2_CREATED,
    name: `TLP:${tlp.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: tlp } },
  };
}
