// TAXII 2.1 resources (TAXII 2.1 §3.6.1, §3.7, §4.1.1, §4.2.1, §4.3.1, §5.1.1, §5.2.1, §5.3.1,
// §5.8.1) and the pure rules that build their fields. Property names are exactly the
// specification's (§3.8).
import { displayTimestamp } from '../stix/timestamp.ts';
import type { StatusDetail, StatusRecord } from '../collections/types.ts';

/** §5.2.1 collection resource. */
export interface CollectionResource {
  id: string;
  title: string;
  description?: string;
  alias?: string;
  can_read: boolean;
  can_write: boolean;
  media_types: string[];
}

/** §5.3.1 manifest-record. */
export interface ManifestRecord {
  id: string;
  date_added: string;
  version: string;
  media_type: string;
}

/** §4.3.1 status resource. Lists are omitted when empty (§2: empty lists are prohibited). */
export interface StatusResource {
  id: string;
  status: 'pending' | 'complete';
  request_timestamp: string;
  total_count: number;
  success_count: number;
  successes?: StatusDetail[];
  failure_count: number;
  failures?: StatusDetail[];
  pending_count: number;
  pendings?: StatusDetail[];
}

/** §3.6.1 error resource; `http_status` is a string and MUST match the HTTP status. */
export interface ErrorResource {
  title: string;
  description?: string;
  error_id?: string;
  error_code?: string;
  http_status?: string;
  details?: Record<string, unknown>;
}

/**
 * The version of a STIX object (§5.3.1, §4.3.1): its `modified`, else its `created` for
 * unversioned objects; an object with neither (an SCO) gets the stored version, which is
 * consistent across requests as the specification asks.
 */
export function stixVersion(object: Record<string, unknown>, storedKey?: string): string {
  const v = object['modified'] ?? object['created'];
  if (typeof v === 'string') return v;
  return storedKey === undefined ? '' : displayTimestamp(storedKey);
}

/** The status-details (§4.3.1) of one object of an envelope. */
export function statusDetail(object: unknown): StatusDetail {
  const o = object !== null && typeof object === 'object' && !Array.isArray(object) ? (object as Record<string, unknown>) : {};
  return { id: typeof o['id'] === 'string' ? o['id'] : '', version: stixVersion(o) };
}

/** §4.3.1 status resource from a stored record. */
export function statusResource(s: StatusRecord): StatusResource {
  return {
    id: s.id,
    status: s.status,
    request_timestamp: s.requestTimestamp,
    total_count: s.totalCount,
    success_count: s.successCount,
    ...(s.successes.length > 0 ? { successes: s.successes } : {}),
    failure_count: s.failureCount,
    ...(s.failures.length > 0 ? { failures: s.failures } : {}),
    pending_count: s.pendingCount,
    ...(s.pendings.length > 0 ? { pendings: s.pendings } : {}),
  };
}

/** §3.7, §5.5: the objects of an envelope, or undefined when `body` is not an envelope. */
export function envelopeObjects(body: unknown): unknown[] | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const objects = (body as Record<string, unknown>)['objects'];
  if (objects === undefined) return [];
  return Array.isArray(objects) ? objects : undefined;
}
