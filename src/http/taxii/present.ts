// TAXII 2.1 responses: the media type on every response (§3.1), the date-added headers (§3.2),
// envelopes, manifests and versions (§3.7, §5.3.1, §5.8.1) and the error resource (§3.6.1).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STIX_MEDIA_TYPE, TAXII_MEDIA_TYPE } from '../../domain/taxii/media.ts';
import { stixVersion, type CollectionResource, type ErrorResource, type ManifestRecord } from '../../domain/taxii/resources.ts';
import type { CollectionView, TaxiiPage } from '../../services/taxii.service.ts';
import { toProblem } from '../problem.ts';

/** §3.1: every response carries the TAXII media type with its version parameter, exactly as
 *  §1.6.8.2 writes it (a Buffer, so that Fastify neither quotes the parameter nor adds one). */
export function sendTaxii(reply: FastifyReply, status: number, body: unknown, text?: string): FastifyReply {
  return reply
    .status(status)
    .header('content-type', TAXII_MEDIA_TYPE)
    .send(Buffer.from(text ?? JSON.stringify(body)));
}

/**
 * §3.2: X-TAXII-Date-Added-First and -Last, the date added of the first and last object of the
 * response. An empty response has no first or last object, so it carries neither header
 * rather than a made-up time a client would page from.
 */
export function dateHeaders(reply: FastifyReply, page: TaxiiPage): FastifyReply {
  const first = page.entries[0];
  const last = page.entries.at(-1);
  if (first && last) reply.header('x-taxii-date-added-first', first.dateAdded).header('x-taxii-date-added-last', last.dateAdded);
  return reply;
}

/** §3.5, §3.7: `more` and `next`, omitted (an empty object) when there is nothing. */
function paging(page: TaxiiPage): string {
  return page.more ? `"more":true,"next":${JSON.stringify(page.next ?? '')},` : '"more":false,';
}

/** §3.7 envelope, written from the stored JSON text without parsing it again. */
export function envelopeText(page: TaxiiPage): string {
  if (page.entries.length === 0) return '{}';
  return `{${paging(page)}"objects":[${page.entries.map((e) => e.object.json).join(',')}]}`;
}

/** §5.3.1 manifest: one record per version; `{}` when there is none. */
export function manifestText(page: TaxiiPage): string {
  if (page.entries.length === 0) return '{}';
  const records: ManifestRecord[] = page.entries.map((e) => ({
    id: e.object.id,
    date_added: e.dateAdded,
    version: stixVersion(JSON.parse(e.object.json) as Record<string, unknown>, e.object.version),
    media_type: STIX_MEDIA_TYPE,
  }));
  return `{${paging(page)}"objects":${JSON.stringify(records)}}`;
}

/** §5.8.1 versions: the versions' STIX timestamps in the order they were added. */
export function versionsText(page: TaxiiPage): string {
  if (page.entries.length === 0) return '{}';
  const versions = page.entries.map((e) => stixVersion(JSON.parse(e.object.json) as Record<string, unknown>, e.object.version));
  return `{${paging(page)}"versions":${JSON.stringify(versions)}}`;
}

/** §5.2.1 collection resource as the caller sees it. */
export function collectionResource(v: CollectionView): CollectionResource {
  const c = v.collection;
  return {
    id: c.id,
    title: c.title,
    ...(c.description ? { description: c.description } : {}),
    ...(c.alias ? { alias: c.alias } : {}),
    can_read: v.rights.canRead,
    can_write: v.rights.canWrite,
    media_types: c.mediaTypes,
  };
}

/**
 * The /taxii2 error handler: any error as the §3.6.1 error resource, whose http_status matches
 * the response's. A 401 names the schemes accepted (§1.6.9, RFC 9110 §11.6.1): Basic, which
 * TAXII suggests (§8.2.2), and Bearer.
 */
export function sendTaxiiError(err: unknown, req: FastifyRequest, reply: FastifyReply): void {
  const { type: _type, title, status, code, detail, instance: _instance, requestId, ...details } = toProblem(err, req);
  if (status === 401) reply.header('www-authenticate', 'Basic realm="concord-taxii", Bearer realm="concord-taxii"');
  const body: ErrorResource = {
    title,
    description: detail,
    error_id: requestId,
    error_code: code,
    http_status: String(status),
    ...(Object.keys(details).length > 0 ? { details } : {}),
  };
  void sendTaxii(reply, status, body);
}
