// /api/v1/roster/experts (issue 18, musts 2 and 8): an organisation's experts, with their personal
// details, for the organisation's own staff only; what partners see is the pseudonymous profile
// (/assistance/profiles). `org` names another organisation's roster only to be refused (403).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RosterApi } from '../../services/assistance.api.ts';
import { principalOf } from '../auth/plugin.ts';
import * as a from './answer.schema.ts';
import * as s from './schema.ts';

const tags = ['roster'];

/** Roster routes; mount under /api/v1. */
export function rosterRoutes(roster: RosterApi): FastifyPluginAsyncTypebox {
  return async (app) => {
    const params = s.ExpertParams;
    const querystring = s.RosterQuery;
    const answer = { 200: a.ExpertViewSchema };
    app.get(
      '/roster/experts',
      { schema: { summary: "Your organisation's experts", tags, querystring, response: { 200: a.ExpertListSchema } } },
      async (req) => ({ experts: await roster.list(principalOf(req), req.query.org) }),
    );
    app.post(
      '/roster/experts',
      {
        schema: {
          summary: 'Add an expert; the pseudonymous profile is published to partners unless `published` is false',
          tags,
          querystring,
          body: s.ExpertBody,
          response: { 201: a.ExpertViewSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await roster.add(principalOf(req), req.body, req.query.org)),
    );
    app.get(
      '/roster/experts/:id',
      { schema: { summary: 'One expert of your roster', tags, params, querystring, response: answer } },
      async (req) => roster.get(principalOf(req), req.params.id, req.query.org),
    );
    app.patch(
      '/roster/experts/:id',
      {
        schema: {
          summary: 'Change an expert: skills, availability, clearances… (the profile is published again)',
          tags,
          params,
          querystring,
          body: s.ExpertPatch,
          response: answer,
        },
      },
      async (req) => roster.update(principalOf(req), req.params.id, req.body, req.query.org),
    );
    app.delete(
      '/roster/experts/:id',
      { schema: { summary: 'Remove an expert from your roster (the profile is revoked)', tags, params, querystring } },
      async (req, reply) => {
        await roster.remove(principalOf(req), req.params.id, req.query.org);
        return reply.code(204).send();
      },
    );
  };
}
