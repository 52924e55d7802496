// /api/v1/auth: sign in and out of browser sessions, and who am I.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AuthService } from '../../services/auth.service.ts';
import { principalOf, SESSION_COOKIE } from './plugin.ts';

const Login = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);

/** Authentication routes. */
export function authRoutes(auth: AuthService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { public: true },
        schema: { summary: 'Sign in; sets an HttpOnly session cookie and returns the CSRF token', tags: ['auth'], body: Login },
      },
      async (req, reply) => {
        const s = await auth.login(req.body.username, req.body.password, req.ip);
        reply.setCookie(SESSION_COOKIE, s.secret, {
          httpOnly: true,
          sameSite: 'strict',
          secure: req.protocol === 'https',
          path: '/',
          expires: new Date(s.expiresAt),
        });
        return { user: s.principal.user, org: s.principal.org, csrfToken: s.csrf, expiresAt: s.expiresAt };
      },
    );

    app.post(
      '/auth/logout',
      { config: { public: true, beforePasswordChange: 'any' }, schema: { summary: 'End the session', tags: ['auth'] } },
      async (req, reply) => {
        const cookie = req.cookies[SESSION_COOKIE];
        if (cookie) await auth.logout(cookie);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send();
      },
    );

    app.get(
      '/auth/me',
      {
        config: { beforePasswordChange: 'any' },
        schema: { summary: 'The signed-in user, their organisation and, for sessions, the CSRF token', tags: ['auth'] },
      },
      async (req) => {
        const p = principalOf(req);
        if (p.kind !== 'user') return { system: p.name };
        return { user: p.user, org: p.org, via: p.via, scope: p.scope, ...(req.csrfToken ? { csrfToken: req.csrfToken } : {}) };
      },
    );
  };
}
