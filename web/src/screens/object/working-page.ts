// Where a rapid-response object is worked on (issue 18, must 7): an assistance object opened from
// the Explorer or a lookup reads as one STIX object, but its picture — the offers, the proposed
// team, the clocks, the deployment's members and work — is on the request's or the deployment's
// page. Offers and decisions name their request (`request_ref`); member cards name their
// deployment (`deployment_ref`), and so do the status notes, tasks and after-action reports in
// their property extensions (the wire format of NOTES.md).
import {
  CONCORD_AFTER_ACTION_EXTENSION_ID,
  CONCORD_DEPLOYMENT_TASK_EXTENSION_ID,
  CONCORD_STATUS_NOTE_EXTENSION_ID,
  DECISION_TYPE,
  DEPLOYMENT_TYPE,
  MEMBER_CARD_TYPE,
  OFFER_TYPE,
  PROFILE_TYPE,
  REQUEST_TYPE,
} from '../../../../src/domain/assistance/api.ts';
import type { Stix } from '../../api/objects.ts';

/** The page an object is worked on: its request's, its deployment's, or (an own expert's
 *  profile) the roster. */
export type WorkingPage = { page: 'request' | 'deployment'; id: string } | { page: 'roster' };

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A property of the object's extension `id`, when it carries that extension. */
function extensionRef(o: Stix, id: string, key: string): string | null {
  const extensions = o['extensions'];
  if (typeof extensions !== 'object' || extensions === null || Array.isArray(extensions)) return null;
  const ext: unknown = (extensions as Record<string, unknown>)[id];
  return typeof ext === 'object' && ext !== null && !Array.isArray(ext) ? text((ext as Record<string, unknown>)[key]) : null;
}

const toRequest = (id: string | null): WorkingPage | null => (id ? { page: 'request', id } : null);
const toDeployment = (id: string | null): WorkingPage | null => (id ? { page: 'deployment', id } : null);

/** The deployment a note, task or report belongs to through its assistance extension, if any. */
function workOf(o: Stix): string | null {
  if (o.type === 'note') return extensionRef(o, CONCORD_STATUS_NOTE_EXTENSION_ID, 'deployment_ref');
  if (o.type === 'task') return extensionRef(o, CONCORD_DEPLOYMENT_TASK_EXTENSION_ID, 'deployment_ref');
  if (o.type === 'report') return extensionRef(o, CONCORD_AFTER_ACTION_EXTENSION_ID, 'deployment_ref');
  return null;
}

/** The rapid-response page object `o` is worked on, or null for any other object. `ownOrg`: the
 *  reader's organisation, whose own experts' profiles are kept on its roster. */
export function workingPageOf(o: Stix, ownOrg: string | undefined): WorkingPage | null {
  switch (o.type) {
    case REQUEST_TYPE:
      return toRequest(o.id);
    case OFFER_TYPE:
    case DECISION_TYPE:
      return toRequest(text(o['request_ref']));
    case DEPLOYMENT_TYPE:
      return toDeployment(o.id);
    case MEMBER_CARD_TYPE:
      return toDeployment(text(o['deployment_ref']));
    case PROFILE_TYPE:
      // A partner's profile has no page of its own (partners see it on the requests they offer
      // to); the organisation's own is its roster's expert (must 2).
      return ownOrg !== undefined && o['created_by_ref'] === ownOrg ? { page: 'roster' } : null;
    default:
      return toDeployment(workOf(o));
  }
}
