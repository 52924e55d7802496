// The incident write API (issue 16, must 10): thin handlers over IncidentWriteService, which
// authorizes, composes STIX, checks and stores; each answers the incident as the writer now sees it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { IncidentWriteService } from '../../services/incident-write.service.ts';
import { principalOf } from '../auth/plugin.ts';
import * as b from './write.schema.ts';

const tags = ['incidents'];

export function incidentWriteRoutes(w: IncidentWriteService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const params = b.IncidentParams;
    app.post(
      '/incidents',
      { schema: { summary: 'Open an incident of your organisation (NIS2 clocks start at awareAt)', tags, body: b.OpenBody } },
      async (req, reply) => reply.code(201).send(await w.open(principalOf(req), req.body)),
    );
    app.patch(
      '/incidents/:id',
      {
        schema: {
          summary: 'Change an incident of your organisation: what it says, its status, when it was handled',
          tags,
          params,
          body: b.UpdateBody,
        },
      },
      async (req) => w.update(principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/incidents/:id/events',
      { schema: { summary: "Add an event to the incident's timeline", tags, params, body: b.EventBody } },
      async (req, reply) => reply.code(201).send(await w.addEvent(principalOf(req), req.params.id, req.body)),
    );
    app.post(
      '/incidents/:id/tasks',
      { schema: { summary: 'Add a task, with an assignee and a due date', tags, params, body: b.TaskBody } },
      async (req, reply) => reply.code(201).send(await w.addTask(principalOf(req), req.params.id, req.body)),
    );
    app.patch(
      '/incidents/:id/tasks/:taskId',
      {
        schema: {
          summary: 'Change a task your organisation added: outcome, assignee, due date',
          tags,
          params: b.TaskParams,
          body: b.UpdateTaskBody,
        },
      },
      async (req) => w.updateTask(principalOf(req), req.params.id, req.params.taskId, req.body),
    );
    app.post('/incidents/:id/impacts', { schema: { summary: 'Add an impact', tags, params, body: b.ImpactBody } }, async (req, reply) =>
      reply.code(201).send(await w.addImpact(principalOf(req), req.params.id, req.body)),
    );
    app.patch(
      '/incidents/:id/impacts/:impactId',
      {
        schema: {
          summary: 'Change an impact your organisation added (impacts change over time)',
          tags,
          params: b.ImpactParams,
          body: b.UpdateImpactBody,
        },
      },
      async (req) => w.updateImpact(principalOf(req), req.params.id, req.params.impactId, req.body),
    );
    app.post(
      '/incidents/:id/links',
      {
        schema: {
          summary: 'Link intelligence you can read to the incident, or attribute it with a confidence',
          tags,
          params,
          body: b.LinkBody,
        },
      },
      async (req, reply) => reply.code(201).send(await w.link(principalOf(req), req.params.id, req.body)),
    );
    app.post(
      '/incidents/:id/notes',
      { schema: { summary: 'Add a note to the incident', tags, params, body: b.NoteBody } },
      async (req, reply) => reply.code(201).send(await w.note(principalOf(req), req.params.id, req.body)),
    );
    app.post(
      '/incidents/:id/reports',
      {
        schema: {
          summary: 'Submit a NIS2 report (422 REPORT_INCOMPLETE lists every field its stage requires that is missing)',
          tags,
          params,
          body: b.ReportBody,
        },
      },
      async (req, reply) => reply.code(201).send(await w.submitReport(principalOf(req), req.params.id, req.body)),
    );
    app.post(
      '/incidents/:id/answers',
      { schema: { summary: "The CSIRT's feedback, or its request for an intermediate report", tags, params, body: b.AnswerBody } },
      async (req, reply) => reply.code(201).send(await w.answer(principalOf(req), req.params.id, req.body)),
    );
  };
}
