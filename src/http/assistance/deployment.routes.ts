// /api/v1/assistance/…/deployments (issue 18, musts 4, 6 and 8): accepted experts become a team;
// its page (members, tasks, daily notes, time, clocks), its start and end, the work its members'
// organisations record, and the after-action report. Thin handlers over DeploymentsApi, which
// authorizes and decides what each reader may read (names only to the deployment's members).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { DeploymentsApi } from '../../services/assistance.api.ts';
import { principalOf } from '../auth/plugin.ts';
import * as a from './answer.schema.ts';
import * as s from './schema.ts';

const tags = ['assistance'];

/** Deployment routes; mount under /api/v1. */
export function deploymentRoutes(deployments: DeploymentsApi): FastifyPluginAsyncTypebox {
  return async (app) => {
    const params = s.DeploymentParams;
    const answer = { 200: a.DeploymentViewSchema };
    app.post(
      '/assistance/requests/:id/deployments',
      {
        schema: {
          summary: 'Form the team of your request from accepted experts (default: all of them), with its dates and place',
          tags,
          params: s.RequestParams,
          body: s.DeploymentBody,
          response: { 201: a.DeploymentViewSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await deployments.deploy(principalOf(req), req.params.id, req.body)),
    );
    app.get(
      '/assistance/deployments/:id',
      { schema: { summary: "A deployment's page: members, tasks, status notes, time spent, clocks", tags, params, response: answer } },
      async (req) => deployments.get(principalOf(req), req.params.id),
    );
    app.patch(
      '/assistance/deployments/:id',
      {
        schema: {
          summary: 'Start (active) or end (ended) your deployment, or change its dates or place',
          tags,
          params,
          body: s.DeploymentPatch,
          response: answer,
        },
      },
      async (req) => deployments.update(principalOf(req), req.params.id, req.body),
    );
    app.post(
      '/assistance/deployments/:id/notes',
      {
        schema: {
          summary: "A daily status note with the time spent, by a member's organisation",
          tags,
          params,
          body: s.NoteBody,
          response: { 201: a.StatusNoteSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await deployments.addNote(principalOf(req), req.params.id, req.body)),
    );
    app.post(
      '/assistance/deployments/:id/tasks',
      {
        schema: {
          summary: "A task of the deployment (the incident suite's task, linked to the incident when there is one)",
          tags,
          params,
          body: s.TaskBody,
          response: { 201: a.TaskViewSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await deployments.addTask(principalOf(req), req.params.id, req.body)),
    );
    app.patch(
      '/assistance/deployments/:id/tasks/:taskId',
      {
        schema: {
          summary: "Change a deployment's task: outcome, assignee, due date",
          tags,
          params: s.TaskParams,
          body: s.TaskPatch,
          response: { 200: a.TaskViewSchema },
        },
      },
      async (req) => deployments.updateTask(principalOf(req), req.params.id, req.params.taskId, req.body),
    );
    app.post(
      '/assistance/deployments/:id/after-action',
      {
        schema: {
          summary: 'The after-action report, due one month after the deployment ends: findings, actions, what worked, lessons',
          tags,
          params,
          body: s.AfterActionBody,
          response: { 201: a.AfterActionSchema },
        },
      },
      async (req, reply) => reply.code(201).send(await deployments.report(principalOf(req), req.params.id, req.body)),
    );
  };
}
