// /api/v1/incidents (reads) and /api/v1/objects/{id}/incidents (issue 16, musts 5, 8, 9): the
// list, an incident's page, a report's prefill, a CSIRT's inbox, the quarterly summary and the
// dashboard's panels, each as the caller may read it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { IncidentService } from '../../services/incident.service.ts';
import { principalOf } from '../auth/plugin.ts';
import { summaryFile } from './present.ts';
import { IncidentListQuery, IncidentParams, ObjectParams, PanelsQuery, PrefillQuery, SummaryQuery, filterOf, sortOf } from './schema.ts';

/** Incident read routes; mount under /api/v1. */
export function incidentRoutes(incidents: IncidentService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['incidents'];
    app.get(
      '/incidents',
      { schema: { summary: 'Incidents the caller may read, filtered and sorted; keyset paged', tags, querystring: IncidentListQuery } },
      async (req) => {
        const { limit, after, sort } = req.query;
        return incidents.list(principalOf(req), filterOf(req.query), sortOf(sort), { limit, ...(after ? { after } : {}) });
      },
    );
    app.get(
      '/incidents/inbox',
      { schema: { summary: "A CSIRT's inbox: its constituency's reports not yet answered", tags } },
      async (req) => ({
        items: await incidents.inbox(principalOf(req)),
      }),
    );
    app.get(
      '/incidents/summary',
      {
        schema: {
          summary: 'The NIS2 Art. 23(9) summary of the incidents aware in a period: anonymised counts, as JSON or CSV',
          tags,
          querystring: SummaryQuery,
        },
      },
      async (req, reply) => {
        const summary = await incidents.summary(principalOf(req), req.query.from, req.query.to);
        if (req.query.format !== 'csv') return summary;
        const file = summaryFile(summary);
        reply.header('content-disposition', `attachment; filename="${file.name}"`);
        return reply.type('text/csv; charset=utf-8').send(file.body);
      },
    );
    app.get(
      '/incidents/panels',
      { schema: { summary: "The dashboard's incident panels over what the caller may read", tags, querystring: PanelsQuery } },
      async (req) => incidents.panels(principalOf(req), req.query.days),
    );
    app.get(
      '/incidents/:id',
      {
        schema: {
          summary: 'An incident with its work, links, reports and answers, as the caller may read them',
          tags,
          params: IncidentParams,
        },
      },
      async (req) => incidents.get(principalOf(req), req.params.id),
    );
    app.get(
      '/incidents/:id/prefill',
      {
        schema: {
          summary: 'The starting content of a new report of a stage, from the incident and the earlier reports',
          tags,
          params: IncidentParams,
          querystring: PrefillQuery,
        },
      },
      async (req) => incidents.prefill(principalOf(req), req.params.id, req.query.stage),
    );
    app.get(
      '/objects/:id/incidents',
      { schema: { summary: 'The incidents an object is linked to, as the caller may read them', tags, params: ObjectParams } },
      async (req) => ({ incidents: await incidents.ofObject(principalOf(req), req.params.id) }),
    );
  };
}
