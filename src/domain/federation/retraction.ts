// Retractions (issue 5, item 6): a signed `concord-retraction` SDO naming the objects its origin
// withdraws. Receivers purge them, keep a tombstone, never accept them again, and pass the
// retraction on like any object, so that it follows the objects to every node that holds them.
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../../errors.ts';
import { CONCORD_OBJECT_EXTENSION_ID, CONCORD_RETRACTION_EXTENSION_ID, CONCORD_RETRACTION_TYPE } from '../markings/concord-markings.ts';
import { TLP2_MARKING_IDS } from '../markings/tlp.ts';
import { isStixId } from '../stix/ids.ts';
import type { StixObject } from '../stix/types.ts';

export { CONCORD_RETRACTION_TYPE } from '../markings/concord-markings.ts';

/** A retraction of `ids` by organisation `orgId`: TLP:GREEN, distributed to the federation, so
 *  that it reaches every node the objects may have reached. */
export function buildRetraction(ids: readonly string[], orgId: string, reason: string | undefined, now: Date = new Date()): StixObject {
  if (ids.length === 0) throw new InvalidInputError('name at least one object to retract', { field: 'ids' });
  for (const id of ids) if (!isStixId(id)) throw new InvalidInputError(`"${id}" is not a STIX identifier`, { field: 'ids' });
  const t = now.toISOString();
  return {
    type: CONCORD_RETRACTION_TYPE,
    spec_version: '2.1',
    id: `${CONCORD_RETRACTION_TYPE}--${randomUUID()}`,
    created: t,
    modified: t,
    created_by_ref: orgId,
    retracted_ids: [...new Set(ids)],
    ...(reason ? { reason } : {}),
    object_marking_refs: [TLP2_MARKING_IDS.green],
    extensions: {
      [CONCORD_RETRACTION_EXTENSION_ID]: { extension_type: 'new-sdo' },
      [CONCORD_OBJECT_EXTENSION_ID]: { extension_type: 'property-extension', distribution: 'federation' },
    },
  };
}

/** The ids a retraction withdraws (empty for anything else). */
export function retractedIds(o: StixObject): string[] {
  if (o.type !== CONCORD_RETRACTION_TYPE || !Array.isArray(o['retracted_ids'])) return [];
  return o['retracted_ids'].filter((x): x is string => typeof x === 'string' && isStixId(x));
}

/** Why a retracted object is refused, for whoever tries to bring it back. */
export function retractedMessage(
  id: string,
  t: { retractedAt: string; retractedBy: string; retractionId: string },
  reason?: string,
): string {
  return `${id} was retracted on ${t.retractedAt} by node key ${t.retractedBy} (${t.retractionId}${reason ? `: ${reason}` : ''}); it is never accepted again`;
}

/** The bare identity a refused retracted object is quarantined as: its content stays purged. */
export function retractedStub(o: { id: string; type: string }): string {
  return JSON.stringify({ type: o.type, id: o.id, x_concord_retracted: true });
}
