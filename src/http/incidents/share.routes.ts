// POST /api/v1/incidents/{id}/share and /handover: cross-border sharing of an incident by its
// CSIRT (issue 16, must 6; NIS2 Art. 23(6)). The share is answered as the incident page lists it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { IncidentShareService } from '../../services/incident-share.service.ts';
import { writerOf } from '../auth/plugin.ts';
import { HandoverBody, IncidentParams, ShareBody } from './share.schema.ts';

/** Share routes; mount under /api/v1. */
export function incidentShareRoutes(shares: IncidentShareService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['incidents'];
    app.post(
      '/incidents/:id/share',
      {
        schema: {
          summary: 'Share an incident with the CSIRTs of other member states (whole or summary)',
          tags,
          params: IncidentParams,
          body: ShareBody,
        },
      },
      async (req, reply) => reply.status(201).send(await shares.share(writerOf(req), req.params.id, req.body)),
    );
    app.post(
      '/incidents/:id/handover',
      {
        schema: {
          summary: "Hand an incident's coordination over to another organisation",
          tags,
          params: IncidentParams,
          body: HandoverBody,
        },
      },
      async (req, reply) => reply.status(201).send(await shares.handover(writerOf(req), req.params.id, req.body)),
    );
  };
}
