// The TAXII 2.1 server under /taxii2 (TAXII 2.1 §4, §5): discovery, one API root at
// /taxii2/api/, status, collections, manifest, objects, one object, versions. Registered inside
// a scope where installAuth guards every request (§1.6.9: 401 with WWW-Authenticate). Every
// path ends in a slash (§3.1).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { checkAccept, checkContentType, TAXII_MEDIA_TYPE } from '../../domain/taxii/media.ts';
import { UnprocessableError } from '../../domain/taxii/errors.ts';
import { parseTaxiiQuery, type MatchField } from '../../domain/taxii/params.ts';
import { statusResource } from '../../domain/taxii/resources.ts';
import { NotFoundError } from '../../errors.ts';
import type { TaxiiService } from '../../services/taxii.service.ts';
import { principalOf } from '../auth/plugin.ts';
import { collectionResource, dateHeaders, envelopeText, manifestText, sendTaxii, sendTaxiiError, versionsText } from './present.ts';

/** What the discovery and API root resources say about this node. */
export interface TaxiiServerInfo {
  title: string;
  description: string;
  /** §4.2.1 max_content_length: the largest request body accepted, in octets. */
  maxContentLength: number;
}

/** The one API root's path (§1.6.2, §4.1.1: a relative URL beginning with one slash). */
export const API_ROOT = '/taxii2/api/';

const CollectionParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
const ObjectParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 200 }),
  objectId: Type.String({ minLength: 1, maxLength: 300 }),
});
const StatusParams = Type.Object({ statusId: Type.String({ minLength: 1, maxLength: 100 }) });

const ALL_FIELDS: readonly MatchField[] = ['id', 'type', 'version', 'spec_version'];
const tags = ['taxii'];

function query(req: FastifyRequest): Record<string, unknown> {
  return req.query !== null && typeof req.query === 'object' ? (req.query as Record<string, unknown>) : {};
}

/** The TAXII 2.1 routes; register with prefix /taxii2 in a scope with installAuth. */
export function taxiiRoutes(taxii: TaxiiService, info: TaxiiServerInfo): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.setErrorHandler(sendTaxiiError);
    app.setNotFoundHandler((req, reply) => sendTaxiiError(new NotFoundError(`${req.method} ${req.url}`), req, reply));
    // §3.1: every request MUST name a TAXII media range in Accept; after authentication (401 first).
    app.addHook('onRequest', async (req) => checkAccept(req.headers.accept));
    // §5.5: bodies are TAXII envelopes (415 otherwise), at most max_content_length octets (413).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: info.maxContentLength }, (req, body, done) => {
      try {
        checkContentType(req.headers['content-type']);
        done(null, JSON.parse(typeof body === 'string' ? body : body.toString('utf8')));
      } catch (e) {
        done(e instanceof SyntaxError ? new UnprocessableError(`the body is not JSON: ${e.message}`) : (e as Error));
      }
    });

    // §4.1 discovery.
    app.get('/', { prefixTrailingSlash: 'slash', schema: { summary: 'TAXII 2.1 discovery', tags } }, async (_req, reply) =>
      sendTaxii(reply, 200, { title: info.title, description: info.description, default: API_ROOT, api_roots: [API_ROOT] }),
    );
    // §4.2 API root.
    app.get('/api/', { schema: { summary: 'TAXII 2.1 API root', tags } }, async (_req, reply) =>
      sendTaxii(reply, 200, {
        title: info.title,
        description: info.description,
        versions: [TAXII_MEDIA_TYPE],
        max_content_length: info.maxContentLength,
      }),
    );
    // §4.3 status of an add-objects request.
    app.get('/api/status/:statusId/', { schema: { summary: 'TAXII 2.1 status', tags, params: StatusParams } }, async (req, reply) =>
      sendTaxii(reply, 200, statusResource(await taxii.status(principalOf(req), req.params.statusId))),
    );
    // §5.1 collections, §5.2 one collection.
    app.get('/api/collections/', { schema: { summary: 'TAXII 2.1 collections', tags } }, async (req, reply) => {
      const views = await taxii.collections(principalOf(req));
      // §5.1.1: without collections the key is omitted and the response is an empty object.
      return sendTaxii(reply, 200, views.length === 0 ? {} : { collections: views.map(collectionResource) });
    });
    app.get('/api/collections/:id/', { schema: { summary: 'TAXII 2.1 collection', tags, params: CollectionParams } }, async (req, reply) =>
      sendTaxii(reply, 200, collectionResource(await taxii.collection(principalOf(req), req.params.id))),
    );
    // §5.3 manifest, §5.4 objects.
    app.get(
      '/api/collections/:id/manifest/',
      { schema: { summary: 'TAXII 2.1 manifest', tags, params: CollectionParams } },
      async (req, reply) => {
        const page = await taxii.read(principalOf(req), req.params.id, parseTaxiiQuery(query(req), ALL_FIELDS));
        return sendTaxii(dateHeaders(reply, page), 200, undefined, manifestText(page));
      },
    );
    app.get(
      '/api/collections/:id/objects/',
      { schema: { summary: 'TAXII 2.1 get objects', tags, params: CollectionParams } },
      async (req, reply) => {
        const page = await taxii.read(principalOf(req), req.params.id, parseTaxiiQuery(query(req), ALL_FIELDS));
        return sendTaxii(dateHeaders(reply, page), 200, undefined, envelopeText(page));
      },
    );
    // §5.5 add objects: 202 with a status resource; ingestion continues in the background.
    app.post(
      '/api/collections/:id/objects/',
      { schema: { summary: 'TAXII 2.1 add objects', tags, params: CollectionParams } },
      async (req, reply) => {
        checkContentType(req.headers['content-type']);
        return sendTaxii(reply, 202, statusResource(await taxii.add(principalOf(req), req.params.id, req.body)));
      },
    );
    // §5.6 one object, §5.7 delete it, §5.8 its versions.
    app.get(
      '/api/collections/:id/objects/:objectId/',
      { schema: { summary: 'TAXII 2.1 get an object', tags, params: ObjectParams } },
      async (req, reply) => {
        const page = await taxii.object(
          principalOf(req),
          req.params.id,
          req.params.objectId,
          parseTaxiiQuery(query(req), ['version', 'spec_version']),
        );
        return sendTaxii(dateHeaders(reply, page), 200, undefined, envelopeText(page));
      },
    );
    app.delete(
      '/api/collections/:id/objects/:objectId/',
      { schema: { summary: 'TAXII 2.1 delete an object', tags, params: ObjectParams } },
      async (req, reply) => {
        // Without match[version] the object is deleted, i.e. every version of it. §5.7: no payload.
        await taxii.remove(
          principalOf(req),
          req.params.id,
          req.params.objectId,
          parseTaxiiQuery(query(req), ['version', 'spec_version'], { all: true }),
        );
        return reply.status(200).header('content-type', TAXII_MEDIA_TYPE).send();
      },
    );
    app.get(
      '/api/collections/:id/objects/:objectId/versions/',
      { schema: { summary: 'TAXII 2.1 object versions', tags, params: ObjectParams } },
      async (req, reply) => {
        const page = await taxii.versions(
          principalOf(req),
          req.params.id,
          req.params.objectId,
          parseTaxiiQuery(query(req), ['spec_version']),
        );
        return sendTaxii(dateHeaders(reply, page), 200, undefined, versionsText(page));
      },
    );
  };
}
