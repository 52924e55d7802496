// /api/v1/orgs, /communities, /sharing-groups: the directory and its administration. Every
// signed-in user may read the directory of organisations and communities (they choose
// audiences from it); sharing groups are visible to their members and administrators.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { OrgService } from '../../services/org.service.ts';
import { principalOf, writerOf } from '../auth/plugin.ts';
import { CommunityBody, IdParams, OrgBody, SharingGroupBody } from './schema.ts';

/** Directory routes. */
export function orgRoutes(orgs: OrgService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['administration'];
    app.get('/orgs', { schema: { summary: 'Organisations', tags } }, async (req) => ({ orgs: await orgs.listOrgs(principalOf(req)) }));
    app.post('/orgs', { schema: { summary: 'Add an organisation (node administrators)', tags, body: OrgBody } }, async (req, reply) =>
      reply.status(201).send(await orgs.addOrg(writerOf(req), req.body)),
    );
    app.get('/orgs/:id', { schema: { summary: 'One organisation', tags, params: IdParams } }, async (req) =>
      orgs.getOrg(principalOf(req), req.params.id),
    );
    app.patch(
      '/orgs/:id',
      { schema: { summary: 'Change or disable an organisation', tags, params: IdParams, body: OrgBody } },
      async (req) => orgs.updateOrg(writerOf(req), req.params.id, req.body),
    );

    app.get('/communities', { schema: { summary: 'Communities', tags } }, async (req) => ({
      communities: await orgs.listCommunities(principalOf(req)),
    }));
    app.post(
      '/communities',
      { schema: { summary: 'Add a community (node administrators)', tags, body: CommunityBody } },
      async (req, reply) => reply.status(201).send(await orgs.addCommunity(writerOf(req), req.body)),
    );
    app.get('/communities/:id', { schema: { summary: 'One community', tags, params: IdParams } }, async (req) =>
      orgs.getCommunity(principalOf(req), req.params.id),
    );
    app.patch(
      '/communities/:id',
      { schema: { summary: 'Change or disable a community', tags, params: IdParams, body: CommunityBody } },
      async (req) => orgs.updateCommunity(writerOf(req), req.params.id, req.body),
    );

    app.get('/sharing-groups', { schema: { summary: 'Sharing groups the caller belongs to', tags } }, async (req) => ({
      sharingGroups: await orgs.listSharingGroups(principalOf(req)),
    }));
    app.post(
      '/sharing-groups',
      { schema: { summary: "Add a sharing group owned by the caller's organisation", tags, body: SharingGroupBody } },
      async (req, reply) => reply.status(201).send(await orgs.addSharingGroup(writerOf(req), req.body)),
    );
    app.get('/sharing-groups/:id', { schema: { summary: 'One sharing group', tags, params: IdParams } }, async (req) =>
      orgs.getSharingGroup(principalOf(req), req.params.id),
    );
    app.patch(
      '/sharing-groups/:id',
      { schema: { summary: 'Change or disable a sharing group', tags, params: IdParams, body: SharingGroupBody } },
      async (req) => orgs.updateSharingGroup(writerOf(req), req.params.id, req.body),
    );
  };
}
