// /api/v1/assistance (issue 18, musts 1, 3, 4 and 8): the requests board, a request's page, asking
// for help and changing, withdrawing or closing the request, offers of experts and the requester's
// decisions, the proposed team with its reasons, partners' pseudonymous profiles, and the board's
// live stream. Thin handlers over RequestsApi and MatchingApi, which authorize and decide what each
// reader may read: a request outside the reader's audience answers as a missing one (404).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { MatchingApi, RequestsApi } from '../../services/assistance.api.ts';
import type { AuthService } from '../../services/auth.service.ts';
import { principalOf } from '../auth/plugin.ts';
import { StreamQuery, subscriptionStream, trackStreams } from '../events/stream.ts';
import * as a from './answer.schema.ts';
import * as s from './schema.ts';

const tags = ['assistance'];

/** Assistance request, offer and matching routes; mount under /api/v1. */
export function assistanceRoutes(requests: RequestsApi, matching: MatchingApi, auth: AuthService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const open = trackStreams(app);
    const params = s.RequestParams;
    app.get(
      '/assistance/requests',
      {
        schema: {
          summary: 'The requests board: requests you may read by column (open, matched, deployed, closed); keyset paged',
          tags,
          querystring: s.BoardQuery,
          response: { 200: a.BoardPageSchema },
        },
      },
      async (req) => requests.board(principalOf(req), req.query),
    );
    app.get(
      '/assistance/requests/stream',
      {
        schema: {
          summary: 'Requests whose picture changed, live, as Server-Sent Events (`changed`, `{ requestIds }` of requests you may read)',
          tags,
          querystring: StreamQuery,
        },
      },
      async (req, reply) => {
        subscriptionStream({
          req,
          reply,
          auth,
          open,
          principal: principalOf(req),
          waitSeconds: req.query.wait,
          event: 'changed',
          subscribe: (p, forward) => requests.subscribe(p, (requestIds) => forward({ requestIds })),
        });
      },
    );
    app.post(
      '/assistance/requests',
      {
        schema: {
          summary: 'Ask for help: what happened, what is needed, to whom the request goes (a community, organisations, the federation)',
          tags,
          body: s.RequestBody,
          response: { 201: a.RequestViewSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await requests.ask(principalOf(req), req.body)),
    );
    app.get(
      '/assistance/requests/:id',
      {
        schema: {
          summary: "A request's page: needs, offers and deployments you may read, clocks, what you may do",
          tags,
          params,
          response: { 200: a.RequestViewSchema },
        },
      },
      async (req) => requests.get(principalOf(req), req.params.id),
    );
    app.patch(
      '/assistance/requests/:id',
      {
        schema: {
          summary: 'Change your request (a new version), or withdraw or close it with `status`',
          tags,
          params,
          body: s.RequestPatch,
          response: { 200: a.RequestViewSchema },
        },
      },
      async (req) => requests.update(principalOf(req), req.params.id, req.body),
    );
    app.get(
      '/assistance/requests/:id/proposal',
      {
        schema: {
          summary: 'The proposed team: experts ranked with their reasons, the fewest that cover the skills, who was excluded and why',
          tags,
          params,
          querystring: s.ProposalQuery,
          response: { 200: a.ProposalSchema },
        },
      },
      async (req) => matching.propose(principalOf(req), req.params.id, req.query),
    );
    app.post(
      '/assistance/requests/:id/offers',
      {
        schema: {
          summary: "Offer experts of your organisation's roster for a request (partners see their pseudonymous profiles)",
          tags,
          params,
          body: s.OfferBody,
          response: { 201: a.OfferViewSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await requests.offer(principalOf(req), req.params.id, req.body)),
    );
    app.post(
      '/assistance/offers/:id/withdraw',
      { schema: { summary: "Withdraw your organisation's offer", tags, params: s.OfferParams, response: { 200: a.OfferViewSchema } } },
      async (req) => requests.withdrawOffer(principalOf(req), req.params.id),
    );
    app.post(
      '/assistance/offers/:id/decision',
      {
        schema: {
          summary: 'Accept (all or some experts) or decline an offer for your request; refused on a withdrawn or closed request',
          tags,
          params: s.OfferParams,
          body: s.DecisionBody,
          response: { 200: a.OfferViewSchema },
        },
      },
      async (req) => requests.decide(principalOf(req), req.params.id, req.body),
    );
    app.get(
      '/assistance/profiles',
      {
        schema: {
          summary: "Partners' experts as pseudonymous profiles you may read: skills, languages, clearance, country, availability",
          tags,
          querystring: s.ProfileQuery,
          response: { 200: a.ProfileListSchema },
        },
      },
      async (req) => ({ profiles: await matching.profiles(principalOf(req), req.query) }),
    );
  };
}
