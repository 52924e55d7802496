// Collective-threat alerts and their rules over HTTP (issue 17, musts 4 and 8): thin handlers
// over AlertService and AlertRuleService, which authorize and decide what each reader may read;
// the live stream sends each alert raised or grown that the reader may read (event `alert`).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AlertRuleService } from '../../services/alert-rule.service.ts';
import type { AlertService } from '../../services/alert.service.ts';
import type { AuthService } from '../../services/auth.service.ts';
import { principalOf } from '../auth/plugin.ts';
import { StreamQuery, subscriptionStream, trackStreams } from '../events/stream.ts';
import * as s from './schema.ts';

/** Alert and alert-rule routes; mount under /api/v1. */
export function alertRoutes(alerts: AlertService, rules: AlertRuleService, auth: AuthService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['alerts'];
    const open = trackStreams(app);
    app.get(
      '/alerts',
      {
        schema: {
          summary: 'Collective-threat alerts you may read, newest activity first',
          tags,
          querystring: s.AlertQuery,
          response: { 200: s.AlertPageSchema },
        },
      },
      async (req) => alerts.list(principalOf(req), req.query),
    );
    app.get(
      '/alerts/stream',
      {
        schema: {
          summary: 'Alerts raised or grown, live, as Server-Sent Events (`alert`, an AlertView)',
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
          event: 'alert',
          subscribe: (p, forward) => alerts.subscribe(p, forward),
        });
      },
    );
    app.get(
      '/alerts/:id',
      {
        schema: {
          summary: 'One alert: where and when it was sighted, and the sightings you may read',
          tags,
          params: s.AlertParams,
          response: { 200: s.AlertViewSchema },
        },
      },
      async (req) => alerts.get(principalOf(req), req.params.id),
    );
    app.get(
      '/alert-rules',
      { schema: { summary: 'Alert rules you may read', tags, querystring: s.RuleQuery, response: { 200: s.RuleListSchema } } },
      async (req) => ({ rules: await rules.list(principalOf(req), req.query) }),
    );
    app.post(
      '/alert-rules',
      {
        schema: {
          summary: 'Add a rule to a community you coordinate (N ≥ 2 organisations, K ≥ 1 countries, W hours)',
          tags,
          body: s.RuleBody,
          response: { 201: s.AlertRuleSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await rules.create(principalOf(req), req.body)),
    );
    app.patch(
      '/alert-rules/:id',
      {
        schema: {
          summary: 'Change a rule of a community you coordinate (enabled: false disables it)',
          tags,
          params: s.RuleParams,
          body: s.RulePatch,
          response: { 200: s.AlertRuleSchema },
        },
      },
      async (req) => rules.update(principalOf(req), req.params.id, req.body),
    );
    app.delete(
      '/alert-rules/:id',
      { schema: { summary: 'Remove a rule of a community you coordinate (its alerts stay)', tags, params: s.RuleParams } },
      async (req, reply) => {
        await rules.remove(principalOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
  };
}
