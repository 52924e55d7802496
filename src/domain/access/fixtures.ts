// Test factories for the access policy: a reader and a label with safe defaults, overridden per
// test (CONVENTIONS.md, Tests: factories create what a record needs). Used by this folder's tests only.

import { buildSchemeRegistry } from '../markings/classification.ts';
import type { AccessLabel, Reader } from './types.ts';

/** Built-in schemes plus a national scheme `fr`. */
export const SCHEMES = buildSchemeRegistry([{ id: 'fr', name: 'France', levels: ['DIFFUSION RESTREINTE', 'SECRET', 'TRES SECRET'] }]);

/** A reader of organisation `org-a` in France, community `eu`, with no clearance and no exercise. */
export function buildReader(overrides: Partial<Reader> = {}): Reader {
  return { orgIds: ['org-a'], countries: ['FR'], communities: ['eu'], sharingGroups: [], clearances: {}, exercises: [], ...overrides };
}

/** A GREEN label owned by `org-owner`, distributed to the federation, with no other restriction. */
export function buildLabel(overrides: Partial<AccessLabel> = {}): AccessLabel {
  return { ownerOrg: 'org-owner', tlp: 'green', distribution: { kind: 'federation' }, ...overrides };
}
