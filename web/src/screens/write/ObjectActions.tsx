// The write actions of an object page (issue 15, must 4): edit, new relationship, sighting,
// markings, revoke, each under the write rules. The object page renders this in its header.
import type { Stix } from '../../api/objects.ts';

export interface ObjectActionsProps {
  object: Stix;
}

/** Placeholder until the forms land: no actions. */
export function ObjectActions(_props: ObjectActionsProps) {
  return null;
}
