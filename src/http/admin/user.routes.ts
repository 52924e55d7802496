// /api/v1/users and /api/v1/tokens: accounts and API tokens. A token's secret appears in the
// response that creates it and never again.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { UserService } from '../../services/user.service.ts';
import { principalOf, writerOf } from '../auth/plugin.ts';
import { IdParams, TokenBody, TokensQuery, UserBody, UsersQuery } from './schema.ts';

/** Account routes. */
export function userRoutes(users: UserService): FastifyPluginAsyncTypebox {
  return async (app) => {
    const tags = ['administration'];
    app.get('/users', { schema: { summary: 'Users the caller administers', tags, querystring: UsersQuery } }, async (req) => ({
      users: await users.listUsers(principalOf(req), req.query.orgId ? { orgId: req.query.orgId } : {}),
    }));
    app.post(
      '/users',
      { schema: { summary: 'Add a user; returns a one-time password when none is given', tags, body: UserBody } },
      async (req, reply) => reply.status(201).send(await users.addUser(writerOf(req), req.body)),
    );
    app.get('/users/:id', { schema: { summary: 'One user', tags, params: IdParams } }, async (req) =>
      users.getUser(principalOf(req), req.params.id),
    );
    // The way out for a user who must change a one-time password (auth/plugin.ts).
    app.patch(
      '/users/:id',
      {
        config: { beforePasswordChange: 'self' },
        schema: { summary: 'Change, disable or unlock a user', tags, params: IdParams, body: UserBody },
      },
      async (req) => users.updateUser(writerOf(req), req.params.id, req.body),
    );

    app.get(
      '/tokens',
      { schema: { summary: "The caller's API tokens (any user's for node administrators)", tags, querystring: TokensQuery } },
      async (req) => ({
        tokens: await users.listTokens(principalOf(req), req.query.userId),
      }),
    );
    app.post(
      '/tokens',
      { schema: { summary: 'Create an API token; the secret is shown once', tags, body: TokenBody } },
      async (req, reply) => reply.status(201).send(await users.createToken(writerOf(req), req.body)),
    );
    app.delete('/tokens/:id', { schema: { summary: 'Revoke an API token', tags, params: IdParams } }, async (req) =>
      users.revokeToken(writerOf(req), req.params.id),
    );
  };
}
