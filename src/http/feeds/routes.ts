// /api/v1/feeds: the TAXII feeds this node pulls (issue 4), for the administration screen. Node
// administrators only; credentials never leave the node (feedView).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { InvalidInputError } from '../../errors.ts';
import { feedView, type FeedService } from '../../services/feed.service.ts';
import { principalOf, writerOf } from '../auth/plugin.ts';
import { FeedBody, feedAuthOf, FeedParams, FeedPatch } from './schema.ts';

// The markings check is shared with organisations, whose fields are defaultTlp and
// defaultDistribution; a feed's are tlp and distribution, and its error names those.
const FIELD: Record<string, string> = { defaultTlp: 'tlp', defaultDistribution: 'distribution' };

function ownFields(e: unknown): unknown {
  if (!(e instanceof InvalidInputError)) return e;
  const field = FIELD[String(e.details['field'])];
  return field === undefined ? e : new InvalidInputError(e.message, { ...e.details, field });
}

/** Feed administration routes; mount under /api/v1. */
export function feedRoutes(feeds: FeedService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['administration'];
    app.get('/feeds', { schema: { summary: 'TAXII feeds with their last pull (node administrators)', tags } }, async (req) => ({
      feeds: (await feeds.list(principalOf(req))).map((f) => feedView(f, feeds.progress(f.id))),
    }));
    // Adding resolves the URL to one readable collection on the peer now, so that a wrong URL,
    // collection or credential is refused here rather than at the first scheduled pull.
    app.post(
      '/feeds',
      { schema: { summary: 'Add a TAXII feed: resolves its collection with the credentials given', tags, body: FeedBody } },
      async (req, reply) => {
        const b = req.body;
        const input = {
          name: b.name,
          url: b.url,
          collection: b.collection,
          auth: feedAuthOf(b),
          intervalSeconds: b.intervalSeconds ?? 900,
          tlp: b.tlp,
          distribution: b.distribution,
        };
        const feed = await feeds.add(writerOf(req), input).catch((e: unknown) => {
          throw ownFields(e);
        });
        return reply.status(201).send(feedView(feed));
      },
    );
    app.patch(
      '/feeds/:id',
      { schema: { summary: 'Rename a feed (409 when another feed has the name)', tags, params: FeedParams, body: FeedPatch } },
      async (req) => feedView(await feeds.rename(writerOf(req), req.params.id, req.body.name), feeds.progress(req.params.id)),
    );
    // Synchronous: the answer is the pull's result (which says what failed on the peer's side,
    // with every page before the failure committed); meanwhile GET /feeds shows its progress.
    // A pull already running answers 409.
    app.post(
      '/feeds/:id/pull',
      { schema: { summary: 'Pull a feed now and return what the pull did', tags, params: FeedParams } },
      async (req) => feeds.pull(writerOf(req), req.params.id),
    );
    app.delete(
      '/feeds/:id',
      { schema: { summary: 'Stop pulling a feed (what it brought stays)', tags, params: FeedParams } },
      async (req, reply) => {
        await feeds.remove(writerOf(req), req.params.id);
        return reply.status(204).send();
      },
    );
  };
}
